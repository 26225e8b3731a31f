"""Forms of the local password accounts, drawn with Bootstrap 5 classes; errors are tied to their
fields (aria-describedby) and listed in a summary at the top of the page (design.md)."""

import re

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identity import IdentityDocument, clean_id_number, clean_phone
from motcua.core.errors import DomainError, ValidationFailed


class BootstrapMixin:
    """Bootstrap classes on every widget; an invalid field gets `is-invalid` and points at its
    message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

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
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


def _as_field_error(check, *args, **kwargs):
    try:
        return check(*args, **kwargs)
    except ValidationFailed as exc:
        raise forms.ValidationError(exc.message) from exc


IDENTIFIER = re.compile(r"\d{12}|\d{10}(-\d{3})?")


class SignInForm(BootstrapMixin, forms.Form):
    identifier = forms.CharField(
        label=_("Số định danh cá nhân hoặc mã số thuế"),
        help_text=_("Công dân: 12 chữ số trên thẻ căn cước. Tổ chức, doanh nghiệp: mã số thuế."),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
        error_messages={"required": _("Nhập số định danh cá nhân hoặc mã số thuế.")},
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Nhập mật khẩu.")},
    )

    def clean_identifier(self) -> str:
        value = re.sub(r"\s+", "", self.cleaned_data["identifier"])
        if not IDENTIFIER.fullmatch(value):
            raise forms.ValidationError(
                _("Nhập số định danh cá nhân gồm 12 chữ số, hoặc mã số thuế gồm 10 chữ số.")
            )
        return value


class RegistrationForm(BootstrapMixin, forms.Form):
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
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Nhập số điện thoại, ví dụ 0912345678.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Chúng tôi gửi mã xác thực gồm 6 chữ số đến địa chỉ này."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Nhập địa chỉ email để nhận mã xác thực."),
            "invalid": _("Nhập địa chỉ email đúng dạng, ví dụ ten@example.com."),
        },
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, khó đoán."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Đặt mật khẩu cho tài khoản.")},
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Nhập lại mật khẩu để chắc chắn không gõ nhầm.")},
    )

    # The service checks these again; checking them here too shows every mistake at once.
    def clean_id_number(self) -> str:
        return _as_field_error(
            clean_id_number,
            id_type=IdentityDocument.PERSONAL_NUMBER,
            value=self.cleaned_data["id_number"],
        )

    def clean_phone(self) -> str:
        return _as_field_error(clean_phone, self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu chưa khớp: nhập lại cho giống nhau."))
        return data


class EmailCodeForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        help_text=_("6 chữ số trong thư chúng tôi gửi đến email của bạn."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": _("Nhập mã xác thực gồm 6 chữ số."),
            "min_length": _("Nhập đủ 6 chữ số của mã xác thực."),
            "max_length": _("Mã xác thực chỉ có 6 chữ số."),
        },
    )


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
