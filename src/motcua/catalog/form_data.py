"""Checking what a citizen typed into a procedure's form against the version's declared fields.

`validate_form_data` answers the cleaned values (numbers as `Decimal`, dates as `date`, personal
numbers and phones in their stored form) or raises `ValidationFailed` with one Vietnamese message
per field that tells what to type.
"""

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from motcua.accounts.identity import IdentityDocument, clean_id_number
from motcua.catalog.choices import FormFieldType
from motcua.catalog.models import FormField, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.phones import normalise_phone


class _Invalid(Exception):
    pass


def validate_form_data(version: ProcedureVersion, data: Mapping[str, Any]) -> dict[str, Any]:
    fields = list(version.form_fields.all())
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    declared = {field.key for field in fields}
    for key in data:
        if key not in declared:
            errors[key] = [_("Tờ khai của thủ tục này không có trường này.")]
    for field in fields:
        value = data.get(field.key)
        if _is_empty(value, field):
            if field.required:
                errors[field.key] = [_required_message(field)]
            continue
        try:
            cleaned[field.key] = _CLEANERS[field.type](field, value)
        except _Invalid as exc:
            errors[field.key] = [str(exc)]
    if errors:
        raise ValidationFailed(
            _("Tờ khai chưa hợp lệ, vui lòng xem lỗi ở từng trường."),
            code="invalid_form",
            fields=errors,
        )
    return cleaned


def _is_empty(value: Any, field: FormField) -> bool:
    if field.type == FormFieldType.CHECKBOX:
        return value in (None, False, "")
    return value is None or (isinstance(value, str) and not value.strip())


def _required_message(field: FormField) -> str:
    if field.type == FormFieldType.CHECKBOX:
        return _("Vui lòng đánh dấu: %(label)s.") % {"label": field.label}
    if field.type == FormFieldType.CHOICE:
        return _("Vui lòng chọn %(label)s.") % {"label": field.label}
    return _("Vui lòng nhập %(label)s.") % {"label": field.label}


def _text(field: FormField, value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(_("Nhập %(label)s dạng chữ.") % {"label": field.label})
    text = value.strip()
    max_length = field.checks.get("max_length")
    if max_length is not None and len(text) > max_length:
        raise _Invalid(
            _("%(label)s dài tối đa %(count)d ký tự.") % {"label": field.label, "count": max_length}
        )
    pattern = field.checks.get("pattern")
    if pattern and not re.fullmatch(pattern, text):
        raise _Invalid(_("%(label)s chưa đúng định dạng.") % {"label": field.label})
    return text


def _number(field: FormField, value: Any) -> Decimal:
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value).strip().replace(",", "."))
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise _Invalid(_("Nhập %(label)s là một số.") % {"label": field.label}) from None
    low, high = field.checks.get("min"), field.checks.get("max")
    if low is not None and number < Decimal(str(low)):
        raise _Invalid(_("%(label)s phải từ %(min)s trở lên.") % {"label": field.label, "min": low})
    if high is not None and number > Decimal(str(high)):
        raise _Invalid(
            _("%(label)s không được lớn hơn %(max)s.") % {"label": field.label, "max": high}
        )
    return number


def _date(field: FormField, value: Any) -> date:
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise _Invalid(
                _("Nhập %(label)s theo dạng năm-tháng-ngày, ví dụ 2024-05-31.")
                % {"label": field.label}
            ) from None
    if field.checks.get("not_after_today") and day > clock.today():
        raise _Invalid(_("%(label)s không được sau ngày hôm nay.") % {"label": field.label})
    return day


def _choice(field: FormField, value: Any) -> str:
    if value not in field.choices:
        raise _Invalid(
            _("Chọn %(label)s trong: %(choices)s.")
            % {"label": field.label, "choices": "; ".join(field.choices)}
        )
    return value


def _personal_id(field: FormField, value: Any) -> str:
    try:
        return clean_id_number(id_type=IdentityDocument.PERSONAL_NUMBER, value=str(value))
    except ValidationFailed as exc:
        raise _Invalid(exc.message) from None


def _phone(field: FormField, value: Any) -> str:
    phone = normalise_phone(str(value))
    if phone is None:
        raise _Invalid(_("Nhập số điện thoại Việt Nam, ví dụ 0912345678 hoặc +84 912 345 678."))
    return phone


def _email(field: FormField, value: Any) -> str:
    email = str(value).strip()
    try:
        validate_email(email)
    except ValidationError:
        raise _Invalid(_("Nhập địa chỉ thư điện tử, ví dụ ten@example.vn.")) from None
    return email


def _checkbox(field: FormField, value: Any) -> bool:
    if value not in (True, False, "true", "false", "on"):
        raise _Invalid(_("%(label)s chỉ đánh dấu hoặc bỏ trống.") % {"label": field.label})
    return value in (True, "true", "on")


_CLEANERS: dict[str, Callable[[FormField, Any], Any]] = {
    FormFieldType.TEXT: _text,
    FormFieldType.TEXTAREA: _text,
    FormFieldType.ADDRESS: _text,
    FormFieldType.NUMBER: _number,
    FormFieldType.DATE: _date,
    FormFieldType.CHOICE: _choice,
    FormFieldType.PERSONAL_ID: _personal_id,
    FormFieldType.PHONE: _phone,
    FormFieldType.EMAIL: _email,
    FormFieldType.CHECKBOX: _checkbox,
}
