"""The wizard's forms, one per step that asks something. They check what a person can fix on
the page; `dossiers.services.submit` checks everything again when the draft is filed.

The fields of the applicant and form steps carry how they are typed (`input_type`, `inputmode`,
`autocomplete`) so that `filing/parts/input.html` draws each the same way on the whole page and
when one field is checked alone (`motcua.filing.validation`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identity import IdentityDocument, clean_id_number
from motcua.catalog.choices import FormFieldType
from motcua.catalog.form_data import validate_form_data
from motcua.catalog.models import ProcedureVersion
from motcua.core.errors import ValidationFailed
from motcua.core.phones import normalise_phone
from motcua.dossiers.models import DeliveryMethod
from motcua.filing.services import form_values

SELF, OTHER = "self", "other"


class AgencyForm(forms.Form):
    agency = forms.ChoiceField(
        label=_("Ông/Bà nộp hồ sơ tại cơ quan nào?"),
        widget=forms.RadioSelect,
        help_text=_("Chọn nơi Ông/Bà cư trú hoặc nơi có thẩm quyền giải quyết."),
        error_messages={"required": _("Chọn nơi nộp hồ sơ.")},
    )

    def __init__(self, *args, agencies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(agency.code, agency.name) for agency in agencies]


class ApplicantForm(forms.Form):
    for_whom = forms.ChoiceField(
        label=_("Ông/Bà nộp hồ sơ cho ai?"),
        widget=forms.RadioSelect,
        choices=[
            (SELF, _("Cho chính tôi")),
            (OTHER, _("Nộp thay người khác (cần văn bản ủy quyền)")),
        ],
        error_messages={"required": _("Chọn Ông/Bà nộp hồ sơ cho chính mình hay nộp thay.")},
    )
    name = forms.CharField(
        label=_("Họ và tên người yêu cầu"),
        max_length=255,
        help_text=_("Khi nộp thay, nhập thông tin của người được nộp thay."),
        error_messages={"required": _("Nhập họ và tên người yêu cầu.")},
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=20,
        error_messages={"required": _("Nhập số định danh cá nhân gồm 12 chữ số.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=32,
        error_messages={"required": _("Nhập số điện thoại để cơ quan liên hệ khi cần.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử (nếu có)"),
        required=False,
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử, ví dụ ten@example.vn.")},
    )
    address = forms.CharField(
        label=_("Địa chỉ liên hệ"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.organisation = user is not None and user.kind == "organisation"
        _hint(self.fields["name"], autocomplete="name")
        _hint(self.fields["id_number"], inputmode="numeric", autocomplete="off")
        _hint(self.fields["phone"], input_type="tel", inputmode="tel", autocomplete="tel")
        _hint(self.fields["email"], input_type="email", autocomplete="email")
        _hint(self.fields["address"], autocomplete="street-address")
        if self.organisation:
            self.fields["name"].label = _("Tên tổ chức, doanh nghiệp (hoặc người được nộp thay)")
            self.fields["name"].error_messages["required"] = _("Nhập tên tổ chức, doanh nghiệp.")
            _hint(self.fields["name"], autocomplete="organization")
            self.fields["id_number"].label = _("Mã số thuế (tổ chức) hoặc số định danh cá nhân")

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip()
        if self.organisation and self.data.get("for_whom") != OTHER:
            return value
        try:
            return clean_id_number(id_type=IdentityDocument.PERSONAL_NUMBER, value=value)
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not normalise_phone(value):
            raise forms.ValidationError(_("Nhập số điện thoại gồm 10 chữ số, ví dụ 0912 345 678."))
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        own = self.user is not None and self.user.id_number
        if cleaned.get("for_whom") == OTHER and own and cleaned.get("id_number") == own:
            self.add_error(
                "id_number",
                _(
                    "Khi nộp thay, nhập số định danh của người được nộp thay, không phải của "
                    "Ông/Bà."
                ),
            )
        return cleaned


def _hint(field: forms.Field, *, input_type="text", inputmode="", autocomplete="") -> None:
    field.input_type = input_type
    field.inputmode = inputmode
    field.autocomplete = autocomplete


_INPUT_TYPES = {
    FormFieldType.DATE: "date",
    FormFieldType.PHONE: "tel",
    FormFieldType.EMAIL: "email",
}
_INPUT_MODES = {FormFieldType.NUMBER: "decimal", FormFieldType.PERSONAL_ID: "numeric"}


def form_fields_form(version: ProcedureVersion, data=None) -> forms.Form:
    """A form with the version's declared fields, only to show them and what was typed: every
    check is `catalog.form_data.validate_form_data`'s, whose messages the view puts on them."""
    fields = {}
    for declared in version.form_fields.all():
        label = (
            declared.label
            if declared.required
            else _("%(label)s (không bắt buộc)") % {"label": declared.label}
        )
        kwargs = {"label": label, "help_text": declared.help, "required": False}
        kind = declared.type
        if kind == FormFieldType.CHECKBOX:
            fields[declared.key] = forms.BooleanField(**kwargs)
            fields[declared.key].declared_type = kind
            continue
        if kind == FormFieldType.CHOICE:
            widget = forms.RadioSelect(choices=[(c, c) for c in declared.choices])
        elif kind in (FormFieldType.TEXTAREA, FormFieldType.ADDRESS):
            widget = forms.Textarea(attrs={"rows": 3})
        else:
            widget = forms.TextInput()
        field = forms.CharField(widget=widget, **kwargs)
        field.declared_type = kind
        _hint(
            field, input_type=_INPUT_TYPES.get(kind, "text"), inputmode=_INPUT_MODES.get(kind, "")
        )
        fields[declared.key] = field
    form_class = type("FormFieldsForm", (forms.Form,), fields)
    return form_class(data)


def check_form_fields(version: ProcedureVersion, form: forms.Form) -> bool:
    """Put `validate_form_data`'s messages on the fields of a bound `form_fields_form`; whether
    what was typed passes."""
    try:
        validate_form_data(version, form_values(version, form.data))
    except ValidationFailed as exc:
        for key, messages in exc.fields.items():
            for message in messages:
                form.add_error(key if key in form.fields else None, message)
        return False
    return True


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Ông/Bà muốn nhận kết quả bằng cách nào?"),
        widget=forms.RadioSelect,
        choices=DeliveryMethod.choices,
        error_messages={"required": _("Chọn cách nhận kết quả.")},
    )
    address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"),
        required=False,
        max_length=500,
        help_text=_("Chỉ cần khi nhận qua bưu chính: số nhà, đường, xã/phường, tỉnh."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("method") == DeliveryMethod.POST and not cleaned.get("address", "").strip():
            self.add_error("address", _("Nhập địa chỉ nhận kết quả qua bưu chính."))
        return cleaned
