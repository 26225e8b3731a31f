"""Checking a procedure's declared form fields (trường dữ liệu của tờ khai), before any is stored.

Pure functions: `FormField.clean()`, the admin and the import refuse the same declarations. Each
check answers errors by model field name, as Django's `ValidationError` takes them.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.choices import FormFieldType

KEY_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
key_validator = RegexValidator(
    KEY_PATTERN,
    gettext_lazy("Mã trường viết chữ thường không dấu, nối bằng dấu gạch dưới, ví dụ ho_ten."),
)

_TEXTUAL = frozenset({"max_length", "pattern"})
# The checks each type understands; any other is refused rather than silently ignored.
CHECKS_BY_TYPE: dict[str, frozenset[str]] = {
    FormFieldType.TEXT: _TEXTUAL,
    FormFieldType.TEXTAREA: _TEXTUAL,
    FormFieldType.ADDRESS: _TEXTUAL,
    FormFieldType.NUMBER: frozenset({"min", "max"}),
    FormFieldType.DATE: frozenset({"not_after_today"}),
    FormFieldType.CHOICE: frozenset(),
    FormFieldType.PERSONAL_ID: frozenset(),
    FormFieldType.PHONE: frozenset(),
    FormFieldType.EMAIL: frozenset(),
    FormFieldType.CHECKBOX: frozenset(),
}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def field_errors(*, type: str, choices: object, checks: object) -> dict[str, list[str]]:
    """What is wrong with one field's type, choices and checks (the key has its validator)."""
    errors: dict[str, list[str]] = {}
    if type not in CHECKS_BY_TYPE:
        return errors  # the type's own choices validator reports it
    if type == FormFieldType.CHOICE:
        if not choices or not _strings(choices):
            errors["choices"] = [_("Trường kiểu lựa chọn cần danh sách các lựa chọn (chuỗi).")]
        elif len(set(choices)) != len(choices):
            errors["choices"] = [_("Các lựa chọn không được trùng nhau.")]
    elif choices:
        errors["choices"] = [_("Chỉ trường kiểu lựa chọn (choice) mới có danh sách lựa chọn.")]
    messages = _checks_errors(type, checks)
    if messages:
        errors["checks"] = messages
    return errors


def duplicate_keys(keys: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    duplicates = set()
    for key in keys:
        (duplicates if key in seen else seen).add(key)
    return duplicates


def _strings(values: object) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values)


def _checks_errors(type: str, checks: object) -> list[str]:
    if not isinstance(checks, Mapping):
        return [_('Các điều kiện kiểm tra ghi dạng đối tượng, ví dụ {"max_length": 100}.')]
    allowed = CHECKS_BY_TYPE[type]
    errors = [
        _("Kiểu %(type)s không dùng điều kiện %(check)s.") % {"type": type, "check": name}
        for name in checks
        if name not in allowed
    ]
    errors.extend(_value_errors(checks))
    return errors


def _value_errors(checks: Mapping[str, Any]) -> list[str]:
    errors = []
    for name in ("min", "max"):
        if name in checks and not _is_number(checks[name]):
            errors.append(_("Điều kiện %(check)s phải là một số.") % {"check": name})
    low, high = checks.get("min"), checks.get("max")
    if _is_number(low) and _is_number(high) and low > high:
        errors.append(_("Giá trị nhỏ nhất (min) không được lớn hơn giá trị lớn nhất (max)."))
    if "max_length" in checks:
        length = checks["max_length"]
        if not isinstance(length, int) or isinstance(length, bool) or length < 1:
            errors.append(_("Độ dài tối đa (max_length) phải là số nguyên dương."))
    if "pattern" in checks:
        pattern = checks["pattern"]
        try:
            if not isinstance(pattern, str) or not pattern:
                raise re.error("empty")
            re.compile(pattern)
        except re.error:
            errors.append(_("Mẫu kiểm tra (pattern) không phải biểu thức chính quy hợp lệ."))
    if "not_after_today" in checks and not isinstance(checks["not_after_today"], bool):
        errors.append(_("Điều kiện not_after_today ghi true hoặc false."))
    return errors
