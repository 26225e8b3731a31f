"""Forms of the local password accounts, drawn with Bootstrap 5 classes; errors are tied to their
fields (aria-describedby) and listed in a summary at the top of the page (design.md)."""

import re

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identity import IdentityDocument, clean_id_number, clean_phone
from motcua.core.errors import DomainError, ValidationFailed
from motcua.identity.tax_codes import clean_checked_tax_code


class BootstrapMixin:
    """Bootstrap classes on every widget; each input points at its help text, and an invalid
    one gets `is-invalid` and points at its message too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        self.describe_fields()

    def describe_fields(self):
        """aria-describedby of each input: its help text and its error (ids of _field.html);
        call again after changing a help text."""
        errors = self._errors or {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}-help"] if field.help_text else []
            ids += [f"{auto_id}-error"] if name in errors else []
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_invalid()

    def add_domain_error(self, error: DomainError, *, renames: dict[str, str] | None = None):
        """A service's refusal shown beside the fields it names (or at the top)."""
        renames = renames or {}
        placed = False
        for name, field_messages in error.fields.items():
            name = renames.get(name, name)
            if name in self.fields:
                for message in field_messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, error.message)

    def _mark_invalid(self):
        if self._errors is None:
            return
        for name in self._errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = "form-control is-invalid"
                attrs["aria-invalid"] = "true"
        self.describe_fields()


def _as_field_error(check, *args, **kwargs):
    try:
        return check(*args, **kwargs)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from exc


IDENTIFIER = re.compile(r"\d{12}|\d{10}(-\d{3})?")


class SignInForm(BootstrapMixin, forms.Form):
    identifier = forms.CharField(
        label=_("Số định danh cá nhân, mã số thuế hoặc email"),
        help_text=_(
            "Công dân: 12 chữ số trên thẻ căn cước. Tổ chức, doanh nghiệp: mã số thuế hoặc email "
            "đã đăng ký."
        ),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("Nhập số định danh cá nhân, mã số thuế hoặc email.")},
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Nhập mật khẩu.")},
    )

    def clean_identifier(self) -> str:
        value = re.sub(r"\s+", "", self.cleaned_data["identifier"])
        if "@" in value:
            try:
                return forms.EmailField().clean(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Nhập địa chỉ email đúng dạng, ví dụ lienhe@congty.vn.")
                ) from None
        if not IDENTIFIER.fullmatch(value):
            raise forms.ValidationError(
                _(
                    "Nhập số định danh cá nhân gồm 12 chữ số, hoặc mã số thuế gồm 10 chữ số "
                    "(tổ chức, doanh nghiệp có thể nhập email)."
                )
            )
        return value


def phone_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label=_("Số điện thoại"),
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Nhập số điện thoại, ví dụ 0912345678.")},
    )


def email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Email"),
        help_text=_("Chúng tôi gửi mã xác thực gồm 6 chữ số đến địa chỉ này."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Nhập địa chỉ email để nhận mã xác thực."),
            "invalid": _("Nhập địa chỉ email đúng dạng, ví dụ ten@example.com."),
        },
    )


class PasswordsMixin:
    """The new password typed twice; the two must match."""

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu chưa khớp: nhập lại cho giống nhau."))
        return data


def password_fields() -> tuple[forms.CharField, forms.CharField]:
    return (
        forms.CharField(
            label=_("Mật khẩu"),
            strip=False,
            help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, khó đoán."),
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            error_messages={"required": _("Đặt mật khẩu cho tài khoản.")},
        ),
        forms.CharField(
            label=_("Nhập lại mật khẩu"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            error_messages={"required": _("Nhập lại mật khẩu để chắc chắn không gõ nhầm.")},
        ),
    )


class RegistrationForm(PasswordsMixin, BootstrapMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Nhập họ và tên như trên thẻ căn cước.")},
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        help_text=_("12 chữ số trên thẻ căn cước."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Nhập số định danh cá nhân gồm 12 chữ số.")},
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Nhập ngày sinh, ví dụ 14/05/1990."),
            "invalid": _("Nhập ngày sinh theo dạng ngày/tháng/năm, ví dụ 14/05/1990."),
        },
    )
    phone = phone_field(_("Chúng tôi gửi mã xác thực gồm 6 chữ số đến số này qua tin nhắn."))
    email = email_field()
    password1, password2 = password_fields()

    # The service checks these again; checking them here too shows every mistake at once.
    def clean_id_number(self) -> str:
        return _as_field_error(
            clean_id_number,
            id_type=IdentityDocument.PERSONAL_NUMBER,
            value=self.cleaned_data["id_number"],
        )

    def clean_phone(self) -> str:
        return _as_field_error(clean_phone, self.cleaned_data["phone"])


class OrganisationRegistrationForm(PasswordsMixin, BootstrapMixin, forms.Form):
    """An organisation or business (tổ chức, doanh nghiệp) registering its account."""

    name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        help_text=_("Như trên Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập."),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Nhập tên tổ chức, doanh nghiệp.")},
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        help_text=_("10 chữ số; chi nhánh, đơn vị phụ thuộc thêm dấu gạch và 3 chữ số."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Nhập mã số thuế gồm 10 chữ số.")},
    )
    address = forms.CharField(
        label=_("Địa chỉ trụ sở chính"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Nhập địa chỉ trụ sở chính.")},
    )
    representative_name = forms.CharField(
        label=_("Họ và tên người đại diện theo pháp luật"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Nhập họ và tên người đại diện theo pháp luật.")},
    )
    representative_id_number = forms.CharField(
        label=_("Số định danh cá nhân của người đại diện"),
        help_text=_("12 chữ số trên thẻ căn cước của người đại diện."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Nhập số định danh cá nhân gồm 12 chữ số.")},
    )
    phone = phone_field(
        _("Số điện thoại liên hệ của tổ chức; chúng tôi gửi mã xác thực đến số này.")
    )
    email = email_field()
    password1, password2 = password_fields()

    def clean_tax_code(self) -> str:
        return _as_field_error(clean_checked_tax_code, self.cleaned_data["tax_code"])

    def clean_representative_id_number(self) -> str:
        return _as_field_error(
            clean_id_number,
            id_type=IdentityDocument.PERSONAL_NUMBER,
            value=self.cleaned_data["representative_id_number"],
        )

    def clean_phone(self) -> str:
        return _as_field_error(clean_phone, self.cleaned_data["phone"])


class CodeForm(BootstrapMixin, forms.Form):
    """The 6-digit code; `sent_by` says where it was sent (help text)."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": _("Nhập mã xác thực gồm 6 chữ số."),
            "min_length": _("Nhập đủ 6 chữ số của mã xác thực."),
            "max_length": _("Mã xác thực chỉ có 6 chữ số."),
        },
    )

    def __init__(self, *args, sent_by: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = sent_by
        self.describe_fields()


class ResetRequestForm(BootstrapMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Email của tài khoản"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Nhập địa chỉ email đã đăng ký với tài khoản."),
            "invalid": _("Nhập địa chỉ email đúng dạng, ví dụ ten@example.com."),
        },
    )


class NewPasswordForm(BootstrapMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _(
            "Ít nhất 8 ký tự, không chỉ gồm chữ số, khó đoán."
        )
        self.fields["new_password1"].error_messages["required"] = _("Đặt mật khẩu mới.")
        self.fields["new_password2"].error_messages["required"] = _("Nhập lại mật khẩu mới.")
        self.error_messages["password_mismatch"] = _(
            "Hai mật khẩu chưa khớp: nhập lại cho giống nhau."
        )
        self.describe_fields()
