"""What the public pages show, shaped for the templates from the catalogue's and the dossiers'
selectors: plain data, so that templates only lay it out."""

from django.utils.translation import gettext as _

from motcua.catalog.choices import FeeBasis, OnlineMode
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import current_versions, for_listing, form_templates_named
from motcua.core import clock
from motcua.core.money import vnd
from motcua.delivery.models import ShipmentStatus
from motcua.delivery.selectors import parcels
from motcua.dossiers import printing
from motcua.dossiers.models import DeliveryMethod, Dossier, ResultDocument, Status
from motcua.dossiers.presentation import STATUS_TONES, status_tag, timeline_steps
from motcua.feedback import selectors as feedback


def dossier_rows(dossiers_page) -> list[dict]:
    """A list's dossiers with their status label and tag colour."""
    return [
        {
            "dossier": d,
            "status_label": Status(d.status).label,
            "status_tone": STATUS_TONES[Status(d.status)],
        }
        for d in dossiers_page
    ]


def rating_panel(user, dossier: Dossier) -> dict:
    """What the owner's dossier page shows about rating: the rating given (`rating`), or
    whether to offer the form (`may_rate`)."""
    rating = feedback.rating_of(dossier)
    return {"rating": rating, "may_rate": feedback.may_rate_now(user, dossier, rated=bool(rating))}


def popular(procedure_ids: list[int], *, limit: int) -> list[ProcedureVersion]:
    """The versions in force of the most-filed procedures, then the catalogue's first ones up
    to `limit` (a new installation has filed nothing yet)."""
    versions = for_listing(current_versions())
    by_procedure = {v.procedure_id: v for v in versions.filter(procedure_id__in=procedure_ids)}
    chosen = [by_procedure[pk] for pk in procedure_ids if pk in by_procedure]
    others = versions.exclude(procedure_id__in=procedure_ids).order_by("procedure__code")
    return chosen + list(others[: max(0, limit - len(chosen))])


def procedure_page(version: ProcedureVersion) -> dict:
    version = (
        ProcedureVersion.objects.select_related("procedure", "field")
        .prefetch_related("fees", "components", "procedure__assignments__agency")
        .get(pk=version.pk)
    )
    templates = form_templates_named(c.template for c in version.components.all())
    return {
        "version": version,
        "fees": [
            {
                "fee": fee,
                "basis": FeeBasis(fee.basis).label if fee.basis else "",
                "online_differs": fee.online_amount is not None and fee.online_amount != fee.amount,
            }
            for fee in version.fees.all()
        ],
        "components": [
            (component, templates.get(component.template.strip()))
            for component in version.components.all()
        ],
        "agencies": [a.agency for a in version.procedure.assignments.all()],
        "online": version.online_mode != OnlineMode.NONE,
    }


def tracking_view(dossier: Dossier) -> dict:
    """The dossier as the public tracking page shows it: status, appointment, what the citizen
    must do now, and the timeline of steps."""
    return {
        "dossier": dossier,
        **status_tag(dossier),
        "to_do": _to_do(dossier),
        "steps": timeline_steps(dossier),
        "shipments": shipment_rows(dossier),
        "now": clock.now(),
    }


# A parcel's status as a tag: delivered green, sent back red, on its way neutral.
SHIPMENT_TONES = {ShipmentStatus.DELIVERED: "green", ShipmentStatus.RETURNED: "red"}


def shipment_rows(dossier: Dossier) -> list[dict]:
    """The result's parcels (bưu gửi) when it went by post, each with its status as a tag."""
    return [
        {
            **parcel,
            "status_tone": SHIPMENT_TONES.get(parcel["status"], "neutral"),
            "fee_text": vnd(parcel["fee"]) if parcel["fee"] else "",
        }
        for parcel in parcels(dossier)
    ]


def _to_do(dossier: Dossier) -> str:
    """What the citizen must do now, in a sentence; empty when nothing."""
    wait = dossier.clock_stops.filter(ended_at__isnull=True).order_by("-pk").first()
    if dossier.status == Status.AWAITING_SUPPLEMENT and wait is not None:
        return _("Cần bổ sung: %(missing)s. Lý do: %(reason)s") % {
            "missing": wait.missing,
            "reason": wait.reason,
        }
    if dossier.status == Status.AWAITING_PAYMENT and wait is not None:
        return _(
            "Cần nộp %(amount)s đồng: %(reason)s. Nộp trực tuyến tại mục Hồ sơ của tôi sau khi "
            "đăng nhập, hoặc nộp tiền mặt tại %(agency)s."
        ) % {
            "amount": vnd(wait.amount or 0),
            "reason": wait.reason.rstrip("."),
            "agency": dossier.receiving_agency.name,
        }
    if dossier.status == Status.SUBMITTED:
        return _("Hồ sơ đang chờ %(agency)s tiếp nhận.") % {"agency": dossier.receiving_agency.name}
    if dossier.status == Status.READY:
        if dossier.delivery_method == DeliveryMethod.POST:
            # Not the address: the tracking page opens with the code and the phone alone.
            return _("Kết quả đã có và được gửi qua bưu chính tới địa chỉ Ông/Bà đã đăng ký.")
        if dossier.delivery_method == DeliveryMethod.ONLINE:
            return _("Kết quả đã có: tải về tại mục Hồ sơ của tôi sau khi đăng nhập.")
        return _("Kết quả đã có: mời nhận tại %(agency)s.") % {"agency": dossier.return_agency.name}
    return ""


def mine_view(dossier: Dossier) -> dict:
    """What the owner sees besides the tracking view: the papers with their files, the result."""
    lines = dossier.components.prefetch_related("files").order_by("pk")
    return {
        "components": [
            {"name": line.name, "files": [f.original_name or str(f.pk) for f in line.files.all()]}
            for line in lines
        ],
        "has_result": dossier.result_file_id is not None
        and dossier.approved_at is not None
        and dossier.status in (Status.READY, Status.RETURNED),
        "papers": printing.issued_papers(dossier),
        "verify_token": ResultDocument.objects.filter(dossier=dossier, issued__isnull=False)
        .values_list("token", flat=True)
        .first(),
    }
