"""Dossiers through the API: public tracking, the dossier, its actions, the caller's list.

`GET /api/v1/tracking/<code>?phone=` is public: the applicant's phone is the key, and a wrong
phone answers exactly like a code that does not exist. The other endpoints need a signed-in
caller; a dossier they may not see answers 404, never 403 (conventions.md "HTTP").
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.api.errors import error_response
from motcua.api.models import IdempotencyKey
from motcua.catalog.selectors import current_version, procedure_by_code
from motcua.core import clock
from motcua.core.clock import VN_TZ
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.core.phones import normalise_phone
from motcua.dossiers import selectors, services
from motcua.dossiers.errors import not_found
from motcua.dossiers.models import (
    DEFAULT_NATIONAL_CODES,
    ApplicantKind,
    DeliveryMethod,
    Dossier,
    NationalStatusMapping,
    Status,
)
from motcua.workflow.actions import Action

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


class VNDateTimeField(serializers.DateTimeField):
    """ISO 8601 in Vietnam's time, `+07:00`, whatever the server's zone."""

    def to_representation(self, value):
        if value is None:
            return None
        return value.astimezone(VN_TZ).isoformat()


def _when(**kwargs) -> VNDateTimeField:
    return VNDateTimeField(allow_null=True, **kwargs)


# ---------------------------------------------------------------- shapes shared by the answers


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="full_name")
    title = serializers.CharField()


class StepSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class TimelineSerializer(serializers.Serializer):
    step = serializers.CharField(source="step_name")
    unit = serializers.CharField(source="unit_name")
    given_by = serializers.CharField(source="given_by_name")
    handler_name = serializers.CharField()
    handler_title = serializers.CharField()
    given_at = _when()
    received_at = _when()
    due_at = _when()
    ended_at = _when()
    end_action = serializers.CharField()
    note = serializers.CharField()
    judgement = serializers.CharField(
        allow_null=True, help_text=_("early, on_time, late; null khi chưa kết thúc bước.")
    )


class TrackingSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True, help_text=_("Mã hồ sơ; null trước tiếp nhận."))
    reference = serializers.CharField(help_text=_("Mã tạm TMP-…"))
    procedure = serializers.CharField(help_text=_("Tên thủ tục."))
    status = serializers.CharField()
    status_label = serializers.CharField()
    national_status = serializers.IntegerField(help_text=_("Mã trạng thái theo Cổng quốc gia."))
    received_at = _when()
    appointment_at = _when(help_text=_("Ngày hẹn trả."))
    new_appointment_at = _when(help_text=_("Ngày hẹn lại sau khi xin lỗi, nếu có."))
    judgement = serializers.CharField(allow_null=True)
    timeline = TimelineSerializer(many=True)


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(allow_null=True, help_text=_("Họ tên người thực hiện."))
    unit = serializers.CharField(allow_null=True)
    at = _when()
    note = serializers.CharField()


class ActionFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(help_text=_("string, text, datetime"))
    required = serializers.BooleanField()


class AvailableActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    fields = ActionFieldSerializer(many=True)


class DossierSummarySerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    reference = serializers.CharField()
    procedure = serializers.CharField()
    applicant_name = serializers.CharField()
    status = serializers.CharField()
    national_status = serializers.IntegerField()
    version = serializers.IntegerField()
    receiving_agency = UnitSerializer()
    competent_agency = UnitSerializer()
    return_agency = UnitSerializer()
    created_at = _when()
    received_at = _when()
    appointment_at = _when()
    new_appointment_at = _when()
    overdue = serializers.BooleanField()


class DossierSerializer(DossierSummarySerializer):
    current_step = StepSerializer(allow_null=True)
    current_unit = UnitSerializer(allow_null=True)
    current_handler = PersonSerializer(allow_null=True)
    step_due_at = _when()
    judgement = serializers.CharField(allow_null=True)
    history = EventSerializer(many=True)
    timeline = TimelineSerializer(many=True)
    actions = AvailableActionSerializer(many=True)


class DossierListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = DossierSummarySerializer(many=True)


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


class ApologizeRequest(ReasonRequest):
    new_appointment_at = serializers.DateTimeField(help_text=_("Ngày hẹn lại, ISO 8601."))


# One request serializer per action, with the names of its text fields for `actions`.
ACTION_REQUESTS: dict[str, type[ActionRequestSerializer]] = {
    Action.RECEIVE: ReceiveRequest,
    Action.REFUSE: type("RefuseRequest", (ReasonRequest,), {}),
    Action.REQUEST_SUPPLEMENT: RequestSupplementRequest,
    Action.SUPPLY: type("SupplyRequest", (NoteRequest,), {}),
    Action.FORWARD: ForwardRequest,
    Action.RETURN_BACK: ReturnBackRequest,
    Action.ASSIGN: AssignRequest,
    Action.FINISH: type("FinishRequest", (NoteRequest,), {}),
    Action.RETURN_RESULT: type("ReturnResultRequest", (NoteRequest,), {}),
    Action.STOP: type("StopRequest", (ReasonRequest,), {}),
    Action.WITHDRAW: type("WithdrawRequest", (ReasonRequest,), {}),
    Action.ACCEPT_WITHDRAWAL: type("AcceptWithdrawalRequest", (NoteRequest,), {}),
    Action.APOLOGIZE: ApologizeRequest,
}


def _field_list(action: str) -> list[dict]:
    fields = []
    for name, field in ACTION_REQUESTS[action]().fields.items():
        if name == "expected_version":
            continue
        kind = "datetime" if isinstance(field, serializers.DateTimeField) else "string"
        fields.append({"name": name, "type": kind, "required": field.required})
    return fields


ACTION_FIELDS = {action: _field_list(action) for action in ACTION_REQUESTS}


# ---------------------------------------------------------------- building the answers


def _unit(agency) -> dict | None:
    return {"code": agency.code, "name": agency.name} if agency is not None else None


def _summary(dossier: Dossier, *, national: dict[str, int], overdue: bool) -> dict:
    return {
        "code": dossier.code,
        "reference": dossier.reference,
        "procedure": dossier.procedure_version.name,
        "applicant_name": dossier.applicant_name,
        "status": dossier.status,
        "national_status": national[dossier.status],
        "version": dossier.version,
        "receiving_agency": _unit(dossier.receiving_agency),
        "competent_agency": _unit(dossier.competent_agency),
        "return_agency": _unit(dossier.return_agency),
        "created_at": dossier.created_at,
        "received_at": dossier.received_at,
        "appointment_at": dossier.appointment_at,
        "new_appointment_at": dossier.new_appointment_at,
        "overdue": overdue,
    }


def _national_codes() -> dict[str, int]:
    """Every status's national code in one query (the list's query count stays fixed)."""
    table = {status: int(code) for status, code in DEFAULT_NATIONAL_CODES.items()}
    table |= dict(NationalStatusMapping.objects.values_list("status", "national_code"))
    return table


def _is_overdue(dossier: Dossier) -> bool:
    return selectors.overdue_now(dossiers=Dossier.objects.filter(pk=dossier.pk)).exists()


def _judgement(dossier: Dossier) -> str | None:
    verdict = selectors.judgement(dossier)
    return str(verdict) if verdict is not None else None


def _timeline(dossier: Dossier) -> list:
    return [
        {**entry.__dict__, "judgement": str(entry.judgement) if entry.judgement else None}
        for entry in selectors.timeline(dossier)
    ]


def dossier_body(user: User, dossier: Dossier) -> dict:
    dossier = Dossier.objects.select_related(
        "procedure_version",
        "receiving_agency",
        "competent_agency",
        "return_agency",
        "current_step",
        "current_unit",
        "current_handler",
    ).get(pk=dossier.pk)
    body = _summary(
        dossier,
        national={dossier.status: selectors.national_code_of(dossier.status)},
        overdue=_is_overdue(dossier),
    )
    step = dossier.current_step
    events = dossier.events.select_related("actor", "unit").order_by("at", "pk")
    body |= {
        "current_step": {"key": step.key, "name": step.name} if step else None,
        "current_unit": _unit(dossier.current_unit),
        "current_handler": dossier.current_handler,
        "step_due_at": dossier.step_due_at,
        "judgement": _judgement(dossier),
        "history": [
            {
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "actor": event.actor.full_name if event.actor else None,
                "unit": event.unit.name if event.unit else None,
                "at": event.at,
                "note": event.note,
            }
            for event in events
        ],
        "timeline": _timeline(dossier),
        "actions": [
            {"action": action, "label": str(Action(action).label), "fields": ACTION_FIELDS[action]}
            for action in selectors.available_actions(user, dossier)
            if action in ACTION_REQUESTS
        ],
    }
    return DossierSerializer(body).data


CODE_PARAMETER = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description=_("Mã hồ sơ, mã tạm TMP-… hoặc mã hồ sơ trên Cổng quốc gia."),
)


# ---------------------------------------------------------------- tracking


class TrackingThrottle(SimpleRateThrottle):
    """Per client address: guessing codes and phones is slow."""

    scope = "tracking"

    def get_rate(self) -> str:
        # `DEFAULT_THROTTLE_RATES["tracking"]` overrides the default when the settings name it.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or "30/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TrackingQuerySerializer(serializers.Serializer):
    phone = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("Số điện thoại người nộp: 0912345678, +84 912 345 678 hoặc 84912345678."),
    )


class TrackingView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        operation_id="tracking_retrieve",
        tags=["tracking"],
        summary=_("Tra cứu tình trạng hồ sơ"),
        description=_(
            "Công khai: mã hồ sơ (hoặc mã tạm) cùng số điện thoại người nộp. Sai số điện thoại "
            "thì trả lời như không có hồ sơ (404). Tối đa 30 lượt mỗi phút."
        ),
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description=_("Mã hồ sơ hoặc mã tạm.")
            ),
            TrackingQuerySerializer,
        ],
        responses={
            200: OpenApiResponse(TrackingSerializer, description=_("Tình trạng hồ sơ.")),
            404: error_response(_("Không có hồ sơ với mã và số điện thoại đã cho.")),
            429: error_response(_("Quá nhiều lượt tra cứu.")),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        query = TrackingQuerySerializer(data=request.query_params)
        phone = normalise_phone(query.initial_data.get("phone", "")) if query.is_valid() else None
        try:
            dossier = selectors.dossier_by_code_or_reference(code)
        except NotFound:
            raise not_found() from None
        if phone is None or not dossier.applicant_phone or dossier.applicant_phone != phone:
            raise not_found()
        body = {
            "code": dossier.code,
            "reference": dossier.reference,
            "procedure": dossier.procedure_version.name,
            "status": dossier.status,
            "status_label": str(Status(dossier.status).label),
            "national_status": selectors.national_code_of(dossier.status),
            "received_at": dossier.received_at,
            "appointment_at": dossier.appointment_at,
            "new_appointment_at": dossier.new_appointment_at,
            "judgement": _judgement(dossier),
            "timeline": _timeline(dossier),
        }
        return Response(TrackingSerializer(body).data)


# ---------------------------------------------------------------- one dossier, its actions


class DossierDetailView(APIView):
    @extend_schema(
        operation_id="dossiers_retrieve",
        tags=["dossiers"],
        summary=_("Một hồ sơ"),
        description=_(
            "Trạng thái, ba đơn vị (tiếp nhận, giải quyết, trả kết quả), ngày hẹn, bước và người "
            "đang xử lý, lịch sử, và `actions`: các thao tác người gọi được làm lúc này cùng các "
            "trường mỗi thao tác cần."
        ),
        parameters=[CODE_PARAMETER],
        responses={
            200: OpenApiResponse(DossierSerializer, description=_("Hồ sơ.")),
            401: error_response(_("Chưa đăng nhập.")),
            404: error_response(_("Không có hồ sơ, hoặc người gọi không được xem hồ sơ này.")),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.dossier_by_code_or_reference(code, user=request.user)
        return Response(dossier_body(request.user, dossier))


class DossierActionView(APIView):
    @extend_schema(
        operation_id="dossiers_action",
        tags=["dossiers"],
        summary=_("Thực hiện một thao tác trên hồ sơ"),
        description=format_lazy(
            _(
                "`action` là một trong: {actions}. Thân yêu cầu gồm `expected_version` và các "
                "trường của thao tác đó (xem các "
                "lược đồ `…Request`). 409 `stale_version` khi người khác vừa cập nhật hồ sơ; 409 "
                "`action_not_allowed` khi trạng thái hoặc bước hiện tại không cho phép, kèm lý do."
            ),
            actions=", ".join(f"`{action}`" for action in ACTION_REQUESTS),
        ),
        parameters=[
            CODE_PARAMETER,
            OpenApiParameter(
                "action",
                str,
                OpenApiParameter.PATH,
                enum=list(ACTION_REQUESTS),
                description=_("Thao tác."),
            ),
        ],
        request=PolymorphicProxySerializer(
            component_name="DossierAction",
            serializers=list(dict.fromkeys(ACTION_REQUESTS.values())),
            resource_type_field_name=None,
        ),
        responses={
            200: OpenApiResponse(DossierSerializer, description=_("Hồ sơ sau thao tác.")),
            400: error_response(_("Trường thiếu hoặc sai; lỗi ghi trong `fields`.")),
            401: error_response(_("Chưa đăng nhập.")),
            403: error_response(_("Người gọi xem được hồ sơ nhưng không được làm thao tác này.")),
            404: error_response(_("Không có hồ sơ hoặc thao tác, hoặc không được xem hồ sơ.")),
            409: error_response(_("Phiên bản đã cũ hoặc thao tác không được phép lúc này.")),
        },
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        request_class = ACTION_REQUESTS.get(action)
        if request_class is None:
            raise NotFound(str(_("Không có thao tác này.")), code="unknown_action")
        dossier = selectors.dossier_by_code_or_reference(code, user=request.user)
        payload = request_class(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        if action in (Action.FORWARD, Action.RETURN_BACK):
            fields["to_step"] = _step(dossier, fields.pop("to_step", ""))
        if action == Action.ASSIGN:
            fields["handler"] = _handler(fields["handler"])
        dossier = getattr(services, action)(user=request.user, dossier=dossier, **fields)
        return Response(dossier_body(request.user, dossier))


def _step(dossier: Dossier, key: str):
    if not key:
        return None
    step = None
    if dossier.process_version_id is not None:
        step = dossier.process_version.steps.filter(key=key).first()
    if step is None:
        message = str(_("Quy trình của hồ sơ không có bước với mã đã cho."))
        raise ValidationFailed(message, fields={"to_step": [message]})
    return step


def _handler(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        message = str(_("Không có người dùng với tên đăng nhập đã cho."))
        raise ValidationFailed(message, fields={"handler": [message]})
    return user


# ---------------------------------------------------------------- the caller's dossiers


class DossierQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(required=False, choices=Status.choices)
    agency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("Mã cơ quan: hồ sơ mà cơ quan đó tiếp nhận, giải quyết, trả hoặc đang xử lý."),
    )
    overdue = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("true: chỉ hồ sơ quá hạn.")
    )
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    page_size = serializers.IntegerField(
        required=False, default=PAGE_SIZE, min_value=1, max_value=MAX_PAGE_SIZE
    )


class DossierListView(APIView):
    @extend_schema(
        operation_id="dossiers_list",
        tags=["dossiers"],
        summary=_("Các hồ sơ người gọi được xem"),
        description=_("Mới nhất trước; lọc theo trạng thái, cơ quan, quá hạn."),
        parameters=[DossierQuerySerializer],
        responses={
            200: OpenApiResponse(DossierListSerializer, description=_("Một trang hồ sơ.")),
            400: error_response(_("Tham số chưa hợp lệ.")),
            401: error_response(_("Chưa đăng nhập.")),
        },
    )
    def get(self, request: Request) -> Response:
        query = DossierQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        dossiers = selectors.visible_dossiers(request.user)
        if params.get("status"):
            dossiers = dossiers.filter(status=params["status"])
        if params.get("agency"):
            code = params["agency"]
            dossiers = dossiers.filter(
                Q(receiving_agency__code=code)
                | Q(competent_agency__code=code)
                | Q(return_agency__code=code)
                | Q(current_unit__code=code)
            )
        overdue_ids = selectors.overdue_now(dossiers=dossiers).values("pk")
        if params.get("overdue") is True:
            dossiers = dossiers.filter(pk__in=overdue_ids)
        elif params.get("overdue") is False:
            dossiers = dossiers.exclude(pk__in=overdue_ids)
        dossiers = dossiers.select_related(
            "procedure_version", "receiving_agency", "competent_agency", "return_agency"
        ).order_by("-created_at", "-pk")
        size = params["page_size"]
        start = (params["page"] - 1) * size
        count = dossiers.count()
        page = list(dossiers[start : start + size])
        late = (
            set(
                selectors.overdue_now(
                    dossiers=Dossier.objects.filter(pk__in=[d.pk for d in page])
                ).values_list("pk", flat=True)
            )
            if page
            else set()
        )
        national = _national_codes()
        results = [_summary(d, national=national, overdue=d.pk in late) for d in page]
        return Response(DossierListSerializer({"count": count, "results": results}).data)


# ---------------------------------------------------------------- filing


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


class DossierListCreateView(DossierListView):
    @extend_schema(
        operation_id="dossiers_create",
        tags=["dossiers"],
        summary=_("Nộp hồ sơ"),
        description=_(
            "Công dân, tổ chức nộp trực tuyến (trạng thái `submitted`); cán bộ Một cửa nộp thay "
            "người đến nộp trực tiếp, với `receive: true` thì tiếp nhận luôn (`received`)."
        ),
        parameters=[IDEMPOTENCY_PARAMETER],
        request=FileRequest,
        responses={
            201: OpenApiResponse(DossierSerializer, description=_("Hồ sơ đã tạo.")),
            200: OpenApiResponse(
                DossierSerializer, description=_("Hồ sơ đã tạo trước đó với cùng khóa.")
            ),
            400: error_response(_("Dữ liệu chưa hợp lệ; lỗi ghi trong `fields`.")),
            401: error_response(_("Chưa đăng nhập.")),
            403: error_response(_("Người gọi không được nộp hoặc tiếp nhận tại cơ quan này.")),
            409: error_response(
                _(
                    "Cùng khóa đã dùng cho một yêu cầu khác (`idempotency_key_reused`), hoặc thủ "
                    "tục chưa có hiệu lực, chưa có quy trình."
                )
            ),
        },
    )
    def post(self, request: Request) -> Response:
        payload = FileRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        key = (request.headers.get("Idempotency-Key") or "").strip()[:255]
        digest = hashlib.sha256(
            json.dumps(payload.data, sort_keys=True, default=str).encode()
        ).hexdigest()
        if key:
            earlier = _earlier(request.user, key, digest)
            if earlier is not None:
                return Response(dossier_body(request.user, earlier))
        try:
            with transaction.atomic():
                dossier = _file(request.user, data)
                if key:
                    IdempotencyKey.objects.create(
                        user=request.user,
                        key=key,
                        request_hash=digest,
                        dossier=dossier,
                        created_at=clock.now(),
                    )
        except IntegrityError:
            # The same key raced in from another request, which won: answer its dossier.
            earlier = _earlier(request.user, key, digest) if key else None
            if earlier is None:
                raise
            return Response(dossier_body(request.user, earlier))
        return Response(dossier_body(request.user, dossier), status=status.HTTP_201_CREATED)


def _earlier(user: User, key: str, digest: str) -> Dossier | None:
    row = IdempotencyKey.objects.filter(user=user, key=key).select_related("dossier").first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise Conflict(
            str(_("Khóa Idempotency-Key này đã dùng cho một yêu cầu nộp hồ sơ khác.")),
            code="idempotency_key_reused",
        )
    return row.dossier


def _file(user: User, data: dict) -> Dossier:
    procedure = _known(procedure_by_code, data["procedure"], field="procedure")
    agency = _known(agency_by_code, data["receiving_agency"], field="receiving_agency")
    lines = []
    version = current_version(procedure)
    codes = dict(version.components.values_list("code", "pk")) if version is not None else {}
    for index, line in enumerate(data["components"]):
        component_id = None
        if line["component"]:
            component_id = codes.get(line["component"])
            if component_id is None:
                message = str(_("Giấy tờ thứ %(n)s không thuộc thành phần hồ sơ của thủ tục.")) % {
                    "n": index + 1
                }
                raise ValidationFailed(message, fields={"components": [message]})
        lines.append(
            services.ComponentLine(
                component_id=component_id,
                name=line["name"],
                originals=line["originals"],
                certified_copies=line["certified_copies"],
                copies=line["copies"],
            )
        )
    return services.submit(
        user=user,
        procedure=procedure,
        receiving_agency=agency,
        applicant=services.Applicant(**data["applicant"]),
        form_data=data["form"],
        components=lines,
        delivery_method=data["delivery"]["method"],
        delivery_address=data["delivery"]["address"],
        receive=data["receive"],
    )


def _known(lookup, code: str, *, field: str):
    try:
        return lookup(code)
    except NotFound as exc:
        raise ValidationFailed(exc.message, fields={field: [exc.message]}) from exc
