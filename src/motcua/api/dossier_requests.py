"""What the dossier API asks for: each action's fields and a filing. The answers' shapes are in
`api/dossier_shapes.py`; the views in `api/dossiers.py`.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
)
from rest_framework import serializers

from motcua.dossiers.models import (
    ApplicantKind,
    DeliveryMethod,
)
from motcua.workflow.actions import Action

# ---------------------------------------------------------------- what each action asks for


class ActionRequestSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("Phiên bản dữ liệu của hồ sơ mà người gọi đã đọc (`version`).")
    )


class NoteRequest(ActionRequestSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonRequest(ActionRequestSerializer):
    reason = serializers.CharField(allow_blank=True)


class ReceiveRequest(ActionRequestSerializer):
    pass


class RequestSupplementRequest(ActionRequestSerializer):
    missing = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class SupplyRequest(NoteRequest):
    uploads = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=20,
        help_text=_("Mã các tệp bổ sung người gọi đã tải lên (`id`)."),
    )


class ForwardRequest(NoteRequest):
    to_step = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Mã bước tới; trống là bước kế tiếp.")
    )


class ReturnBackRequest(ReasonRequest):
    to_step = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Mã bước trả về; trống là bước đã chuyển tới."),
    )


class AssignRequest(ActionRequestSerializer):
    handler = serializers.CharField(help_text=_("Tên đăng nhập của người được phân công."))


class RequestPaymentRequest(ReasonRequest):
    amount = serializers.IntegerField(help_text=_("Số tiền nghĩa vụ tài chính, đồng (> 0)."))


class AttachResultRequest(ActionRequestSerializer):
    note = serializers.CharField(allow_blank=True)
    upload = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Mã tệp kết quả người gọi đã tải lên (`id`); trống là không có tệp."),
    )


class ApologizeRequest(ReasonRequest):
    new_appointment_at = serializers.DateTimeField(help_text=_("Ngày hẹn lại, ISO 8601."))


def _allowance_field(help_text) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


class ConsultRequest(ActionRequestSerializer):
    unit = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Mã cơ quan, đơn vị được hỏi; trống là hỏi các nội dung mà bước quy định sẵn."),
    )
    question = serializers.CharField(required=False, allow_blank=True, default="")
    allowance_hours = _allowance_field(_("Thời gian trả lời, giờ làm việc (mặc định 16)."))


class AnswerRequest(ActionRequestSerializer):
    answer = serializers.CharField(allow_blank=True)
    consultation = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Mã lần xin ý kiến, khi đơn vị được hỏi nhiều lần."),
    )


class TransferRequest(ReasonRequest):
    to_agency = serializers.CharField(help_text=_("Mã định danh của cơ quan liên thông."))
    allowance_hours = _allowance_field(
        _("Thời gian cơ quan liên thông giải quyết, giờ làm việc (mặc định bằng của bước).")
    )


class TransferBackRequest(ActionRequestSerializer):
    outcome = serializers.CharField(allow_blank=True)


# One request serializer per action, with the names of its text fields for `actions`.
ACTION_REQUESTS: dict[str, type[ActionRequestSerializer]] = {
    Action.RECEIVE: ReceiveRequest,
    Action.REFUSE: type("RefuseRequest", (ReasonRequest,), {}),
    Action.REQUEST_SUPPLEMENT: RequestSupplementRequest,
    Action.SUPPLY: SupplyRequest,
    Action.FORWARD: ForwardRequest,
    Action.RETURN_BACK: ReturnBackRequest,
    Action.ASSIGN: AssignRequest,
    Action.FINISH: type("FinishRequest", (NoteRequest,), {}),
    Action.RETURN_RESULT: type("ReturnResultRequest", (NoteRequest,), {}),
    Action.STOP: type("StopRequest", (ReasonRequest,), {}),
    Action.WITHDRAW: type("WithdrawRequest", (ReasonRequest,), {}),
    Action.ACCEPT_WITHDRAWAL: type("AcceptWithdrawalRequest", (NoteRequest,), {}),
    Action.APOLOGIZE: ApologizeRequest,
    Action.REQUEST_PAYMENT: RequestPaymentRequest,
    Action.CONFIRM_PAYMENT: type("ConfirmPaymentRequest", (NoteRequest,), {}),
    Action.ATTACH_RESULT: AttachResultRequest,
    Action.APPROVE: type("ApproveRequest", (NoteRequest,), {}),
    Action.CONSULT: ConsultRequest,
    Action.ANSWER: AnswerRequest,
    Action.TRANSFER: TransferRequest,
    Action.TRANSFER_BACK: TransferBackRequest,
}


def _field_list(action: str) -> list[dict]:
    fields = []
    for name, field in ACTION_REQUESTS[action]().fields.items():
        if name == "expected_version":
            continue
        kind = "string"
        if isinstance(field, serializers.DateTimeField):
            kind = "datetime"
        elif isinstance(field, serializers.IntegerField):
            kind = "integer"
        elif isinstance(field, serializers.DecimalField):
            kind = "decimal"
        elif isinstance(field, serializers.ListField):
            kind = "list"
        fields.append({"name": name, "type": kind, "required": field.required})
    return fields


ACTION_FIELDS = {action: _field_list(action) for action in ACTION_REQUESTS}


# ---------------------------------------------------------------- what filing asks for


class ApplicantRequest(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=255)
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, default=ApplicantKind.PERSON)
    id_type = serializers.CharField(required=False, allow_blank=True, default="", max_length=10)
    id_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    tax_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=14)
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)
    email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ComponentRequest(serializers.Serializer):
    component = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Mã thành phần hồ sơ của thủ tục; trống thì ghi `name`."),
    )
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    originals = serializers.IntegerField(min_value=0, max_value=100, default=0)
    certified_copies = serializers.IntegerField(min_value=0, max_value=100, default=0)
    copies = serializers.IntegerField(min_value=0, max_value=100, default=0)
    uploads = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=20,
        help_text=_(
            "Mã các tệp (`id`) người gọi đã tải lên qua /api/v1/uploads cho giấy tờ này; mỗi tệp "
            "chỉ đính kèm một giấy tờ."
        ),
    )


class DeliveryRequest(serializers.Serializer):
    method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class FileRequest(serializers.Serializer):
    procedure = serializers.CharField(max_length=64, help_text=_("Mã thủ tục, ví dụ 1.001193."))
    receiving_agency = serializers.CharField(
        max_length=32, help_text=_("Mã định danh của cơ quan tiếp nhận.")
    )
    applicant = ApplicantRequest()
    form = serializers.DictField(required=False, default=dict, help_text=_("Tờ khai."))
    components = ComponentRequest(many=True, required=False, default=list)
    delivery = DeliveryRequest()
    receive = serializers.BooleanField(
        default=False, help_text=_("Cán bộ Một cửa: tiếp nhận ngay trong cùng giao dịch.")
    )


IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=_(
        "Khóa do máy khách tạo cho một lần nộp: gửi lại cùng khóa thì nhận lại chính hồ sơ đã "
        "tạo (200) thay vì tạo hồ sơ mới."
    ),
)
