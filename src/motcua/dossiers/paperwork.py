"""The contexts of the official papers (Mẫu 01–07 and the result document), built from a dossier.

Reads only. Every context is plain data — strings, integers, lists and dicts (the QR code of a
link is drawn by `documents.papers` when the paper is rendered) — so that an administrator's
template reaches nothing else, and an issued paper's context can be kept as JSON. The sample
data in `documents/paper_samples/` has exactly the keys built here (a test compares them), so a
template checked against the sample works on real dossiers.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion, ProcessingUnit
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.documents.models import PaperKind
from motcua.documents.papers import render_paper_with_anchors
from motcua.documents.pdf import Box
from motcua.dossiers import paper_text, selectors
from motcua.dossiers.models import (
    DeliveryMethod,
    Dossier,
    DossierEvent,
    RegisterEntry,
)
from motcua.dossiers.tracking_book import (
    tracking_book,
    tracking_book_context,
    tracking_book_rows,
    tracking_book_xlsx,
)
from motcua.workflow.actions import Action

__all__ = [
    "context_for",
    "render_result",
    "result_context",
    "signer_of",
    "tracking_book",
    "tracking_book_context",
    "tracking_book_rows",
    "tracking_book_xlsx",
]

# The action whose event an issued form is made from.
ACTION_OF_FORM = {
    PaperKind.RECEIPT: Action.RECEIVE,
    PaperKind.SUPPLEMENT: Action.REQUEST_SUPPLEMENT,
    PaperKind.REFUSAL: Action.REFUSE,
    PaperKind.APOLOGY: Action.APOLOGIZE,
    PaperKind.STOP: Action.STOP,
}


def context_for(*, dossier: Dossier, kind: str, event: DossierEvent | None = None) -> dict:
    """The context of form `kind` ("01"–"06") for `dossier`. An issued form (01–05) is made
    from its action's `event` (by default the dossier's latest one); NotFound when the dossier
    never had that action. Mẫu 06, the control slip, is made from the steps as they stand."""
    kind = PaperKind(kind)
    if kind == PaperKind.CONTROL_SLIP:
        return _control_slip(dossier)
    if kind not in ACTION_OF_FORM:
        raise ValueError(f"no dossier context for form {kind}")
    if event is None:
        event = (
            dossier.events.filter(action=ACTION_OF_FORM[kind])
            .select_related("actor")
            .order_by("-at", "-pk")
            .first()
        )
    if event is None or event.action != ACTION_OF_FORM[kind]:
        raise NotFound(_("Hồ sơ không có giấy tờ này."), code="form_not_issued")
    return BUILDERS[kind](dossier, event)


def _receipt(dossier: Dossier, event: DossierEvent) -> dict:
    """Mẫu 01. "Quyển số" is the receiving agency's book of the year ("01/2026": one book a
    year); "Số thứ tự" is the count of dossiers that agency received that year up to this one
    (by receipt time), not the daily counter in the code."""
    received = event.at
    appointment = _moment(event.data.get("appointment_at")) or dossier.appointment_at
    year = received.astimezone(clock.VN_TZ).year
    url = f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={quote(dossier.key)}"
    return {
        **_common(dossier, agency=dossier.receiving_agency, at=received, desk=True),
        "receipt": {
            "received_at": paper_text.spoken(received),
            "appointment_at": paper_text.spoken(appointment),
            "legal_time": _legal_time(dossier.procedure_version),
            "sets": 1,
            "collect_at": _collect_at(dossier),
            "book_volume": f"01/{year}",
            "book_number": _book_number(dossier, received=received, year=year),
        },
        "components": [
            {
                "index": index,
                "name": component.name,
                "originals": component.originals,
                "certified_copies": component.certified_copies,
                "copies": component.copies,
            }
            for index, component in enumerate(dossier.components.all(), start=1)
        ],
        "officer": _person(event.actor),
        "tracking_url": url,
    }


def _supplement(dossier: Dossier, event: DossierEvent) -> dict:
    """Mẫu 02: what is missing (one line of the officer's text per row), why, whom to ask."""
    missing = str(event.data.get("missing", ""))
    agency = dossier.receiving_agency
    contact = (
        _("%(agency)s, điện thoại %(phone)s") % {"agency": agency.name, "phone": agency.phone}
        if agency.phone
        else agency.name
    )
    return {
        **_common(dossier, agency=agency, at=event.at, desk=True),
        "request": {
            "at": paper_text.spoken(event.at),
            "items": [line.strip(" -•\t") for line in missing.splitlines() if line.strip(" -•\t")],
            "reason": event.note,
            "contact": contact,
        },
        "officer": _person(event.actor),
    }


def _refusal(dossier: Dossier, event: DossierEvent) -> dict:
    """Mẫu 03: the specific reason the desk gave."""
    return {
        **_common(dossier, agency=dossier.receiving_agency, at=event.at, desk=True),
        "refusal": {"at": paper_text.spoken(event.at), "reason": event.note},
        "officer": _person(event.actor),
    }


def _apology(dossier: Dossier, event: DossierEvent) -> dict:
    """Mẫu 04, signed by the leader who apologised (KT. when a deputy signs)."""
    new_date = _moment(event.data.get("new_appointment_at")) or dossier.new_appointment_at
    return {
        **_common(dossier, agency=dossier.competent_agency, at=event.at),
        "apology": {
            "received_at": paper_text.short_date(dossier.received_at),
            "appointment_at": paper_text.spoken(dossier.appointment_at),
            "reason": event.note,
            "new_appointment_at": paper_text.spoken(new_date),
        },
        "recipients": _recipients(),
        "signer": signer_of(event.actor),
    }


def _stop(dossier: Dossier, event: DossierEvent) -> dict:
    """Mẫu 05: the reason and the procedure's legal basis."""
    return {
        **_common(dossier, agency=dossier.competent_agency, at=event.at),
        "stop": {
            "at": paper_text.spoken(event.at),
            "reason": event.note,
            "legal_basis": [str(text) for text in dossier.procedure_version.legal_basis or []],
        },
        "recipients": _recipients(),
        "signer": signer_of(event.actor),
    }


def _control_slip(dossier: Dossier) -> dict:
    """Mẫu 06: one row per step stay, "1. Giao: <unit and step that gave it> / 2. Nhận: <unit
    and step>"; the first step is given by the receiving agency."""
    steps, giver_unit = [], dossier.receiving_agency.name
    for index, (record, verdict) in enumerate(selectors.step_judgements(dossier), start=1):
        handler = record.handler or record.ended_by
        # Steps of one agency share its name: the step says which desk or division it was.
        receiver_unit = f"{record.unit.name} – {record.step.name}"
        steps.append(
            {
                "index": index,
                "giver_unit": giver_unit,
                "receiver_unit": receiver_unit,
                "time": paper_text.spoken(record.received_at or record.given_at),
                "giver": record.given_by.full_name if record.given_by else "",
                "receiver": handler.full_name if handler else "",
                "result": str(verdict.label) if verdict and record.ended_at else "",
                "note": record.note,
            }
        )
        giver_unit = receiver_unit
    return {
        **_common(dossier, agency=dossier.receiving_agency, at=clock.now(), desk=True),
        "steps": steps,
    }


BUILDERS = {
    PaperKind.RECEIPT: _receipt,
    PaperKind.SUPPLEMENT: _supplement,
    PaperKind.REFUSAL: _refusal,
    PaperKind.APOLOGY: _apology,
    PaperKind.STOP: _stop,
}


def result_context(
    *,
    dossier: Dossier,
    body: str,
    title: str,
    capacity: str = "",
    signer_title: str = "",
    signer_name: str = "",
    token: str = "",
) -> dict:
    """The result document's context ("ket-qua"): the competent agency's header, the register
    number when the result was entered in a register ("12/2026"), `body` split into paragraphs
    (one per non-empty line), the signature block (`capacity` such as "KT. CHỦ TỊCH"), and with
    the verification `token` the QR code of its public page (`/verify/<token>/`)."""
    entry = RegisterEntry.objects.filter(dossier=dossier).select_related("register").first()
    url = f"{settings.MOTCUA_PUBLIC_URL}/verify/{quote(token)}/" if token else ""
    return {
        "header": paper_text.header(dossier.competent_agency, at=clock.now()),
        "number": f"{entry.number}/{entry.register.year}" if entry else "",
        "title": title,
        "body": [line.strip() for line in body.splitlines() if line.strip()],
        "recipients": [
            _("Ông/Bà %(name)s") % {"name": dossier.applicant_name},
            _("Lưu: VT"),
        ],
        "signer": {"capacity": capacity, "title": signer_title, "name": signer_name},
        "verify_url": url,
    }


def render_result(context: dict) -> tuple[bytes, dict[str, tuple[int, Box]]]:
    """The result document's PDF from `result_context(...)`, with where its signature area
    (`chu-ky`) landed: `documents.papers.render_paper_with_anchors` of "ket-qua"."""
    return render_paper_with_anchors(kind=PaperKind.RESULT, context=context)


def signer_of(user: User | None) -> dict:
    """The signature block of `user`: a deputy ("Phó Chủ tịch UBND") signs "KT. CHỦ TỊCH UBND"
    above their own title (NĐ 30/2020, ký thay)."""
    title = (user.title if user else "") or _("Thủ trưởng cơ quan")
    capacity = ""
    if title.lower().startswith("phó "):
        capacity = _("KT. %(head)s") % {"head": title[4:].strip().upper()}
    return {"capacity": capacity, "title": title, "name": user.full_name if user else ""}


def _common(dossier: Dossier, *, agency: Agency, at: datetime, desk: bool = False) -> dict:
    return {
        "header": paper_text.header(agency, at=at, desk=desk),
        "number": "",
        "dossier": {
            "code": dossier.key,
            "procedure": dossier.procedure_version.name,
            "field": dossier.procedure_version.field.name
            if dossier.procedure_version.field
            else "",
            "received_at": clock.shown(dossier.received_at),
            "appointment_at": clock.shown(dossier.new_appointment_at or dossier.appointment_at),
        },
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number or dossier.applicant_tax_code,
            "address": dossier.applicant_address,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
        },
    }


def _collect_at(dossier: Dossier) -> str:
    method = DeliveryMethod(dossier.delivery_method)
    if method == DeliveryMethod.POST:
        return f"{method.label}: {dossier.delivery_address}"
    if method == DeliveryMethod.DESK:
        agency = dossier.return_agency
        where = f"{agency.name}, {agency.address}" if agency.address else agency.name
        return f"{method.label} – {where}"
    return str(method.label)


def _book_number(dossier: Dossier, *, received: datetime, year: int) -> int:
    start = datetime(year, 1, 1, tzinfo=clock.VN_TZ)
    earlier = Dossier.objects.filter(
        receiving_agency_id=dossier.receiving_agency_id,
        received_at__gte=start,
        received_at__lt=received,
    ).count()
    same_moment = Dossier.objects.filter(
        receiving_agency_id=dossier.receiving_agency_id, received_at=received, pk__lte=dossier.pk
    ).count()
    return earlier + max(same_moment, 1)


def _legal_time(version: ProcedureVersion) -> str:
    if version.processing_amount is None:
        return _("Không quy định")
    amount = Decimal(version.processing_amount).normalize()
    number = f"{amount:f}".replace(".", ",")
    return f"{number} {ProcessingUnit(version.processing_unit).label}"


def _recipients() -> list[str]:
    return [_("Như trên"), _("Lưu: VT")]


def _person(user: User | None) -> dict:
    return {"name": user.full_name if user else "", "title": user.title if user else ""}


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None
