"""The inbox's filter form and one form per dossier action, with the fields the API asks for
(`api/dossier_requests.py`); each carries the `expected_version` the officer saw."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import RoleAssignment, User
from motcua.agencies.models import Agency
from motcua.agencies.selectors import active_on
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.core.forms import MoneyField
from motcua.documents.models import StoredFile
from motcua.dossiers.inbox import SORTS, TABS
from motcua.dossiers.models import Channel, Dossier, Status
from motcua.workflow.actions import Action
from motcua.workflow.selectors import next_steps, previous_steps

TAB_SLUGS = {
    "cho-toi": "mine",
    "don-vi": "unit",
    "qua-han": "overdue",
    "den-han": "today",
    "cho-tiep-nhan": "intake",
    "xin-y-kien": "consult",
}
assert set(TAB_SLUGS.values()) == set(TABS)


class InboxFilterForm(forms.Form):
    tab = forms.ChoiceField(required=False, choices=[(slug, slug) for slug in TAB_SLUGS])
    q = forms.CharField(
        label=_("Tìm hồ sơ"),
        required=False,
        max_length=100,
        help_text=_("Mã hồ sơ, mã tạm, tên người nộp (có dấu hay không đều được) hoặc số giấy tờ."),
    )
    thu_tuc = forms.TypedChoiceField(label=_("Thủ tục"), required=False, coerce=int)
    linh_vuc = forms.TypedChoiceField(label=_("Lĩnh vực"), required=False, coerce=int)
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Status.choices]
    )
    kenh = forms.ChoiceField(
        label=_("Hình thức nộp"),
        required=False,
        choices=[("", _("Mọi hình thức")), *Channel.choices],
    )
    tu_ngay = forms.DateField(label=_("Nộp từ ngày"), required=False)
    den_ngay = forms.DateField(label=_("Đến ngày"), required=False)
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("due", _("Hạn của bước, gần nhất trước")),
            ("appointment", _("Ngày hẹn trả, gần nhất trước")),
            ("newest", _("Mới nộp trước")),
        ],
    )

    def __init__(self, *args, procedures, fields, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thu_tuc"].choices = [("", _("Mọi thủ tục")), *procedures]
        self.fields["linh_vuc"].choices = [("", _("Mọi lĩnh vực")), *fields]

    def clean_sap_xep(self) -> str:
        value = self.cleaned_data["sap_xep"]
        return value if value in SORTS else "due"


# ---------------------------------------------------------------- the actions


def _text(label, *, required=True, rows=3, help_text="", message=None):
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else None,
    )


def _note():
    return _text(_("Ghi chú (nếu có)"), required=False, rows=2)


def _hours(label, help_text):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0.25,
        max_value=2000,
        decimal_places=2,
        help_text=help_text,
    )


def _confirm(label):
    return forms.BooleanField(
        label=label,
        error_messages={"required": _("Đánh dấu ô xác nhận để thực hiện thao tác này.")},
    )


class ActionForm(forms.Form):
    """What every action posts: the version of the dossier the officer saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    destructive = False

    def __init__(self, *args, dossier: Dossier, user: User, **kwargs) -> None:
        self.dossier, self.user = dossier, user
        super().__init__(*args, **kwargs)

    def service_fields(self) -> dict:
        """The service's keyword arguments from the cleaned data."""
        data = dict(self.cleaned_data)
        data.pop("expected_version")
        data.pop("confirm", None)
        return data


class NoteForm(ActionForm):
    note = _note()


class ReasonForm(ActionForm):
    reason = _text(_("Lý do"), message=_("Nhập lý do."))


class RefuseForm(ReasonForm):
    destructive = True
    reason = _text(_("Lý do không tiếp nhận"), message=_("Nhập lý do không tiếp nhận hồ sơ."))
    confirm = _confirm(_("Tôi xác nhận không tiếp nhận hồ sơ này; người nộp sẽ được báo lý do."))


class StopForm(ReasonForm):
    destructive = True
    reason = _text(_("Lý do dừng giải quyết"), message=_("Nhập lý do dừng giải quyết hồ sơ."))
    confirm = _confirm(_("Tôi xác nhận dừng giải quyết hồ sơ này; hồ sơ sẽ kết thúc."))


class RequestSupplementForm(ActionForm):
    components = forms.MultipleChoiceField(
        label=_("Giấy tờ còn thiếu hoặc chưa đúng"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    missing = _text(
        _("Nội dung khác cần bổ sung"),
        required=False,
        rows=2,
        help_text=_("Ghi rõ giấy tờ, nội dung cần sửa, bổ sung nếu không có trong danh sách."),
    )
    reason = _text(_("Lý do yêu cầu bổ sung"), message=_("Nhập lý do yêu cầu bổ sung hồ sơ."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = list(
            dict.fromkeys(
                [c.name for c in self.dossier.procedure_version.components.all()]
                + [c.name for c in self.dossier.components.all()]
            )
        )
        self.fields["components"].choices = [(name, name) for name in names]

    def clean(self):
        data = super().clean()
        chosen = [*data.get("components", []), (data.get("missing") or "").strip()]
        if not any(chosen):
            self.add_error("missing", _("Chọn ít nhất một giấy tờ hoặc ghi nội dung cần bổ sung."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        missing = [*data["components"], data["missing"].strip()]
        return {"missing": "; ".join(item for item in missing if item), "reason": data["reason"]}


class StepChoiceForm(ActionForm):
    """`forward` and `return_back` choose among the steps the current one leads to or from."""

    to_step = forms.TypedChoiceField(label=_("Chuyển tới bước"), required=False, coerce=int)
    candidates = staticmethod(next_steps)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        step = self.dossier.current_step
        self.steps = {s.pk: s for s in self.candidates(step)} if step else {}
        self.fields["to_step"].choices = [
            ("", _("Bước kế tiếp theo quy trình")),
            *((pk, s.name) for pk, s in self.steps.items() if not s.is_end),
        ]

    def service_fields(self) -> dict:
        data = super().service_fields()
        data["to_step"] = self.steps.get(data["to_step"]) if data["to_step"] else None
        return data


class ForwardForm(StepChoiceForm):
    note = _note()


class ReturnBackForm(StepChoiceForm):
    to_step = forms.TypedChoiceField(label=_("Trả về bước"), required=False, coerce=int)
    reason = _text(_("Lý do trả lại"), message=_("Nhập lý do trả lại bước trước."))
    candidates = staticmethod(previous_steps)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_step"].choices[0] = ("", _("Bước đã chuyển hồ sơ tới"))


class AssignForm(ActionForm):
    handler = forms.TypedChoiceField(label=_("Người xử lý"), coerce=int)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        step, unit = self.dossier.current_step, self.dossier.current_unit
        self.people = {}
        if step is not None and unit is not None:
            units = [unit.pk]
            if unit.kind in INTERNAL_KINDS and unit.parent_id:
                units.append(unit.parent_id)
            assigned = RoleAssignment.objects.filter(role=step.role, user__is_active=True).filter(
                _in_units(units)
            )
            self.people = {
                u.pk: u
                for u in User.objects.filter(pk__in=assigned.values("user_id")).order_by(
                    "full_name"
                )
            }
        self.fields["handler"].choices = [
            ("", _("Chọn người")),
            *(
                (pk, f"{u.full_name} — {u.title}" if u.title else u.full_name)
                for pk, u in self.people.items()
            ),
        ]

    def service_fields(self) -> dict:
        return {"handler": self.people[self.cleaned_data["handler"]]}


def _in_units(units) -> Q:
    return Q(agency_id__in=units) | Q(agency__parent_id__in=units, agency__kind__in=INTERNAL_KINDS)


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return (
            obj.name
            if not obj.parent_id or not obj.is_internal_unit
            else (f"{obj.name} — {obj.parent.name}")
        )


def _agencies():
    """The units in force today: a closed one can be neither consulted nor sent a dossier."""
    return active_on(clock.today()).select_related("parent").order_by("path")


class ConsultForm(ActionForm):
    unit = AgencyChoiceField(
        label=_("Cơ quan, đơn vị được hỏi"),
        required=False,
        queryset=Agency.objects.none(),
        to_field_name="code",
        empty_label=_("Các nội dung xin ý kiến quy trình quy định sẵn"),
    )
    question = _text(_("Nội dung xin ý kiến"), required=False)
    allowance_hours = _hours(
        _("Thời hạn trả lời (giờ làm việc)"), _("Để trống: 16 giờ làm việc (2 ngày).")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _agencies()


class AnswerForm(ActionForm):
    answer = _text(_("Ý kiến trả lời"), rows=4, message=_("Nhập ý kiến trả lời."))
    consultation = forms.TypedChoiceField(
        label=_("Trả lời câu hỏi"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, open_consultations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(open_consultations)
        self.fields["consultation"].choices = [
            (c.pk, f"{c.unit.name}: {c.question}") for c in open_consultations
        ]
        if len(open_consultations) <= 1:
            self.fields["consultation"].widget = forms.HiddenInput()
            self.fields["consultation"].choices = [("", ""), *self.fields["consultation"].choices]


class TransferForm(ActionForm):
    to_agency = AgencyChoiceField(
        label=_("Cơ quan liên thông"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        empty_label=_("Chọn cơ quan"),
        error_messages={"required": _("Chọn cơ quan nhận hồ sơ liên thông.")},
    )
    reason = _text(
        _("Nội dung cần cơ quan liên thông giải quyết"),
        message=_("Nhập nội dung cần cơ quan liên thông giải quyết."),
    )
    allowance_hours = _hours(
        _("Thời hạn giải quyết liên thông (giờ làm việc)"),
        _("Để trống: bằng thời hạn của bước hiện tại."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = _agencies().exclude(kind__in=INTERNAL_KINDS)


class TransferBackForm(ActionForm):
    outcome = _text(
        _("Kết quả giải quyết liên thông"), message=_("Nhập kết quả giải quyết liên thông.")
    )


class AttachResultForm(ActionForm):
    note = _text(_("Nội dung kết quả"), message=_("Nhập nội dung kết quả giải quyết."))
    file = forms.FileField(
        label=_("Tệp kết quả (PDF, JPEG, PNG)"),
        required=False,
        help_text=_("Có thể để trống nếu kết quả chỉ là giấy."),
    )
    # The file stored by an earlier post of this form (kept across a refusal or a stale version).
    kept = forms.CharField(required=False, widget=forms.HiddenInput)

    @cached_property
    def kept_name(self) -> str:
        """The name of the file already uploaded through this form, shown so it is not sent again."""
        kept = (self.data.get(self.add_prefix("kept")) or "").strip() if self.is_bound else ""
        if not kept:
            return ""
        try:
            stored = StoredFile.objects.filter(pk=kept, uploaded_by=self.user).first()
        except ValidationError:
            return ""
        return (stored.original_name or str(stored.pk)) if stored else ""


class RequestPaymentForm(ActionForm):
    amount = MoneyField(
        label=_("Số tiền (đồng)"),
        min_value=1,
        error_messages={"required": _("Nhập số tiền, ví dụ 50.000.")},
    )
    reason = _text(
        _("Khoản phải nộp"), message=_("Nhập lý do yêu cầu thực hiện nghĩa vụ tài chính.")
    )


class ApologizeForm(ActionForm):
    reason = _text(_("Lý do chậm trả kết quả"), message=_("Nhập lý do xin lỗi."))
    new_appointment_at = forms.DateTimeField(
        label=_("Ngày hẹn lại"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("Ngày giờ hẹn trả mới, sau ngày hẹn cũ."),
        error_messages={"required": _("Chọn ngày giờ hẹn lại.")},
    )

    def clean_new_appointment_at(self) -> datetime:
        value = self.cleaned_data["new_appointment_at"]
        return value.astimezone(clock.VN_TZ)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.RECEIVE: ActionForm,
    Action.REFUSE: RefuseForm,
    Action.REQUEST_SUPPLEMENT: RequestSupplementForm,
    Action.FORWARD: ForwardForm,
    Action.RETURN_BACK: ReturnBackForm,
    Action.ASSIGN: AssignForm,
    Action.CONSULT: ConsultForm,
    Action.ANSWER: AnswerForm,
    Action.TRANSFER: TransferForm,
    Action.TRANSFER_BACK: TransferBackForm,
    Action.ATTACH_RESULT: AttachResultForm,
    Action.REQUEST_PAYMENT: RequestPaymentForm,
    Action.CONFIRM_PAYMENT: NoteForm,
    Action.APPROVE: NoteForm,
    Action.APOLOGIZE: ApologizeForm,
    Action.STOP: StopForm,
    Action.FINISH: NoteForm,
    Action.ACCEPT_WITHDRAWAL: NoteForm,
}
