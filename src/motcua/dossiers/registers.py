"""Registers (sổ): results of civil-status and certification procedures are entered in the
competent agency's book for the year, numbered 1, 2, … without gaps (vn-rules.md "Registers").

Numbers come from the book's `last_number`, read and raised under a row lock in the caller's
transaction: a number is used only if that transaction commits, so a rolled-back action leaves
no hole, and two entries at once never share a number.
"""

from datetime import datetime

from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.text import fold
from motcua.dossiers.models import Dossier, Register, RegisterEntry, RegisterKind

# The procedure's field (lĩnh vực), folded, to the register its results go in.
FIELD_REGISTERS = {
    "ho tich": RegisterKind.CIVIL_STATUS,
    "chung thuc": RegisterKind.CERTIFICATION,
}


def kind_for(version: ProcedureVersion) -> str | None:
    field = version.field
    return FIELD_REGISTERS.get(fold(field.name)) if field is not None else None


def enter(*, dossier: Dossier, user: User, at: datetime) -> RegisterEntry | None:
    """Enter the dossier's result in its register, once; None when no register applies."""
    existing = RegisterEntry.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    kind = kind_for(dossier.procedure_version)
    if kind is None:
        return None
    book = current_book(
        agency=dossier.competent_agency, kind=kind, year=at.astimezone(clock.VN_TZ).year
    )
    book.last_number += 1
    book.save(update_fields=["last_number"])
    return RegisterEntry.objects.create(
        register=book, number=book.last_number, dossier=dossier, entered_by=user, entered_at=at
    )


def current_book(*, agency: Agency, kind: str, year: int) -> Register:
    """The agency's latest book of `kind` for `year`, locked; book 1 when there is none yet."""
    books = Register.objects.select_for_update().filter(agency=agency, kind=kind, year=year)
    book = books.order_by("-book").first()
    if book is not None:
        return book
    try:
        with transaction.atomic():
            return Register.objects.create(agency=agency, kind=kind, year=year, book=1)
    except IntegrityError:
        return books.order_by("-book").first()
