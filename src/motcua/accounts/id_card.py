"""Reading the QR code of the chip-based citizen ID card (thẻ CCCD, and the 2024 thẻ căn cước).

A keyboard-wedge scanner types the code's text into a focused field: seven fields separated by
`|`, dates as `ddmmyyyy` (vn-rules.md):
`personal number|old 9-digit ID (may be empty)|full name|date of birth|sex|permanent address|
issue date`. The 2024 card adds fields after these, in an order not confirmed: they are kept as
they are, never refused. Numbers are checked with `accounts.identity`'s rules.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from motcua.accounts.identity import IdentityDocument, clean_id_number
from motcua.core.errors import ValidationFailed

FIELD = "qr"
CARD_FIELDS = 7


@dataclass(frozen=True)
class IdCard:
    """What the card's QR code says."""

    personal_number: str
    old_id_number: str
    full_name: str
    date_of_birth: date
    sex: str
    address: str
    issued_on: date
    extra: tuple[str, ...] = ()

    def as_text(self) -> str:
        """The card's QR text (for tests and for a scanner's echo): the inverse of `read_id_card`."""
        fields = [
            self.personal_number,
            self.old_id_number,
            self.full_name,
            _ddmmyyyy(self.date_of_birth),
            self.sex,
            self.address,
            _ddmmyyyy(self.issued_on),
            *self.extra,
        ]
        return "|".join(fields)


def read_id_card(text: str) -> IdCard:
    """The card read from its QR text, or `ValidationFailed` on the `qr` field saying what is
    wrong and what to do."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise _refuse(_("Chưa có nội dung mã QR: đặt thẻ dưới máy quét rồi quét lại."))
    parts = [part.strip() for part in cleaned.split("|")]
    if len(parts) < CARD_FIELDS:
        raise _refuse(
            _(
                "Mã QR không phải của thẻ căn cước công dân: cần ít nhất 7 trường ngăn cách bởi "
                "dấu |, mã vừa quét có %(count)s. Quét lại mặt có mã QR của thẻ."
            )
            % {"count": len(parts)}
        )
    number, old_number, name, born, sex, address, issued, *extra = parts
    try:
        number = clean_id_number(id_type=IdentityDocument.PERSONAL_NUMBER, value=number)
    except ValidationFailed:
        raise _refuse(
            _("Số định danh cá nhân trong mã QR phải gồm 12 chữ số; quét lại thẻ.")
        ) from None
    if old_number:
        try:
            old_number = clean_id_number(id_type=IdentityDocument.OLD_ID, value=old_number)
        except ValidationFailed:
            raise _refuse(
                _("Số chứng minh nhân dân cũ trong mã QR phải gồm 9 chữ số; quét lại thẻ.")
            ) from None
    if not name:
        raise _refuse(_("Mã QR không có họ tên; quét lại thẻ hoặc nhập tay."))
    return IdCard(
        personal_number=number,
        old_id_number=old_number,
        full_name=" ".join(name.split()),
        date_of_birth=_date(born, what=_("ngày sinh")),
        sex=sex,
        address=" ".join(address.split()),
        issued_on=_date(issued, what=_("ngày cấp")),
        extra=tuple(extra),
    )


def _date(value: str, *, what: str) -> date:
    problem = _("%(what)s trong mã QR không đúng dạng ngày tháng năm (ddmmyyyy); quét lại thẻ.") % {
        "what": what[:1].upper() + what[1:]
    }
    if len(value) != 8 or not value.isdigit():
        raise _refuse(problem)
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise _refuse(problem) from None


def _ddmmyyyy(day: date) -> str:
    return f"{day.day:02d}{day.month:02d}{day.year:04d}"


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_id_card", fields={FIELD: [message]})
