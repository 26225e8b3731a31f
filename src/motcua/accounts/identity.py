"""Identity numbers and contact details as citizens type them: checked, normalised, explained.

Each function returns the value in its stored form or raises `ValidationFailed` whose message says
what to type (design.md: errors tell what to do). Spaces people put between digit groups
("001 090 123 456") are dropped.
"""

import re

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import ValidationFailed
from motcua.core.phones import normalise_phone


class IdentityDocument(models.TextChoices):
    PERSONAL_NUMBER = "cccd", gettext_lazy("Số định danh cá nhân (12 chữ số)")
    OLD_ID = "cmnd", gettext_lazy("Chứng minh nhân dân (9 chữ số)")
    PASSPORT = "passport", gettext_lazy("Hộ chiếu")


PERSONAL_NUMBER = re.compile(r"\d{12}")  # số định danh cá nhân, on the chip-based ID card (CCCD)
OLD_ID_NUMBER = re.compile(r"\d{9}")  # chứng minh nhân dân
# Vietnamese passports: one letter and seven digits (C1234567); some series carry two letters.
PASSPORT_NUMBER = re.compile(r"[A-Z]{1,2}\d{7}")
TAX_CODE = re.compile(r"\d{10}(-\d{3})?")  # a branch adds -NNN to its parent's ten digits


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value or "")


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def clean_id_number(*, id_type: str, value: str) -> str:
    """The identity document number for `id_type` (cccd, cmnd, passport)."""
    number = _compact(value)
    if id_type == IdentityDocument.PERSONAL_NUMBER:
        if not PERSONAL_NUMBER.fullmatch(number):
            raise _refuse("id_number", _("Nhập số định danh cá nhân gồm 12 chữ số."))
    elif id_type == IdentityDocument.OLD_ID:
        if not OLD_ID_NUMBER.fullmatch(number):
            raise _refuse("id_number", _("Nhập số chứng minh nhân dân gồm 9 chữ số."))
    elif id_type == IdentityDocument.PASSPORT:
        number = number.upper()
        if not PASSPORT_NUMBER.fullmatch(number):
            raise _refuse(
                "id_number",
                _("Nhập số hộ chiếu gồm 1 hoặc 2 chữ cái in hoa và 7 chữ số, ví dụ C1234567."),
            )
    else:
        raise _refuse(
            "id_type",
            _("Chọn loại giấy tờ: số định danh cá nhân, chứng minh nhân dân hoặc hộ chiếu."),
        )
    return number


def clean_tax_code(value: str) -> str:
    code = _compact(value)
    if not TAX_CODE.fullmatch(code):
        raise _refuse(
            "tax_code",
            _(
                "Nhập mã số thuế gồm 10 chữ số; đơn vị phụ thuộc thêm dấu gạch và 3 chữ số (0101234567-001)."
            ),
        )
    return code


def clean_phone(value: str) -> str:
    """A mobile number in the form 0xxxxxxxxx; empty stays empty (a phone is optional)."""
    if not (value or "").strip():
        return ""
    phone = normalise_phone(value)
    if phone is None:
        raise _refuse(
            "phone", _("Nhập số điện thoại gồm 10 chữ số, ví dụ 0912345678 hoặc +84 912 345 678.")
        )
    return phone
