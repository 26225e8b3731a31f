"""Public verification of an issued result (`/verify/<token>/`): is this the document the agency
issued? The record answers with what was issued — number, date, agency, register entry, the
file's SHA-256 — and the signatures read from the stored file; a visitor's file is compared
with it byte for byte and its own signatures are checked, so a changed copy is told apart."""

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.dossiers.models import RegisterEntry, ResultDocument
from motcua.dossiers.rules import issuing_agency
from motcua.signatures.checks import checks_for
from motcua.signatures.validation import SignatureCheck, check_pdf

TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Issued:
    title: str
    number: str
    issued_on: date
    agency: str
    procedure: str
    sha256: str
    register: str  # "Sổ hộ tịch năm 2026, quyển số 1, số 12", or ""
    signatures: list[SignatureCheck]


@dataclass(frozen=True)
class Comparison:
    matches: bool
    sha256: str
    signatures: list[SignatureCheck]


def issued_document(token: str) -> ResultDocument:
    """The issued result with `token`; NotFound for a token unknown, malformed or not issued."""
    document = None
    if TOKEN.fullmatch(token or ""):
        document = (
            ResultDocument.objects.select_related(
                "issued", "dossier__competent_agency__parent", "dossier__procedure_version"
            )
            .filter(token=token, issued__isnull=False)
            .first()
        )
    if document is None:
        raise NotFound(
            _("Không có văn bản nào được phát hành với mã xác minh này."), code="not_issued"
        )
    return document


def verify(token: str) -> Issued:
    document = issued_document(token)
    signatures = checks_for(document.issued)  # validated once per file and trust store
    return Issued(
        title=document.title,
        number=document.number,
        issued_on=document.issued_on,
        agency=issuing_agency(document.dossier).name,
        procedure=document.dossier.procedure_version.name,
        sha256=document.issued.sha256,
        register=_register(document),
        signatures=signatures,
    )


def compare(*, token: str, content: bytes) -> Comparison:
    """A visitor's file against the issued one: the same bytes or not, and its signatures."""
    document = issued_document(token)
    digest = hashlib.sha256(content).hexdigest()
    return Comparison(
        matches=digest == document.issued.sha256,
        sha256=digest,
        signatures=check_pdf(content),
    )


def _register(document: ResultDocument) -> str:
    entry = (
        RegisterEntry.objects.select_related("register")
        .filter(dossier_id=document.dossier_id)
        .first()
    )
    if entry is None:
        return ""
    book = entry.register
    return _("%(kind)s năm %(year)s, quyển số %(book)s, số %(number)s") % {
        "kind": book.get_kind_display(),
        "year": book.year,
        "book": book.book,
        "number": entry.number,
    }
