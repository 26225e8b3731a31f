"""What the officers' work pages show, shaped for the templates: due moments in words and colour,
the inbox's rows, the dossier page's sections."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.money import vnd
from motcua.dossiers import printing, selectors
from motcua.dossiers.models import Dossier, ResultDocument, Status
from motcua.dossiers.presentation import STATUS_TONES, status_tag, timeline_steps
from motcua.signatures.checks import checks_for
from motcua.workdays.arithmetic import WorkCalendar
from motcua.workdays.countdown import Due
from motcua.workdays.countdown import due as countdown
from motcua.workflow.actions import Action

# What the history calls each event: the actions, and filing, which is not one of them.
ACTION_LABELS = {**dict(Action.choices), "submit": gettext_lazy("Nộp hồ sơ")}


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def due(moment: datetime | None, *, now: datetime, calendar: WorkCalendar) -> Due | None:
    """`moment` as the officer reads it (`workdays.countdown`); None when there is none."""
    return countdown(moment, calendar=calendar, now=now) if moment else None


@dataclass(frozen=True)
class Row:
    dossier: Dossier
    status_label: str
    status_tone: str
    step_due: Due | None
    appointment: Due | None


def rows(dossiers, *, now: datetime, calendar: WorkCalendar) -> list[Row]:
    """The inbox's rows; stopped clocks show no countdown (the dossier waits on the citizen)."""
    found = []
    for dossier in dossiers:
        running = dossier.status not in selectors.CLOCK_STOPPED and dossier.ended_at is None
        found.append(
            Row(
                dossier=dossier,
                status_label=Status(dossier.status).label,
                status_tone=STATUS_TONES[Status(dossier.status)],
                step_due=due(dossier.step_due_at, now=now, calendar=calendar) if running else None,
                appointment=due(dossier.appointment_at, now=now, calendar=calendar)
                if running and dossier.finished_at is None
                else None,
            )
        )
    return found


def form_data(dossier: Dossier) -> list[tuple[str, str]]:
    """The declaration's answers with the labels of the procedure version's form fields, in their
    order; answers to fields the version no longer has keep their key as the label."""
    labels = {f.key: f.label for f in dossier.procedure_version.form_fields.all()}
    answers = dict(dossier.form_data or {})
    shown = []
    for key, label in labels.items():
        if key in answers:
            shown.append((label, answer_text(answers.pop(key))))
    shown.extend((key, answer_text(value)) for key, value in answers.items())
    return shown


def answer_text(value) -> str:
    """A declaration's answer as the officer reads it (dates as dd/mm/yyyy, yes/no, lists)."""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return date.fromisoformat(value).strftime("%d/%m/%Y")  # as dates are read in Vietnam
    return "" if value is None else str(value)


def components(dossier: Dossier) -> list[dict]:
    return [
        {
            "line": line,
            "files": [
                {
                    "file": stored,
                    "is_image": stored.content_type.startswith("image/"),
                    "is_pdf": stored.content_type == "application/pdf",
                    # Who signed an uploaded PDF, whether intact and trusted, what it covers.
                    "signatures": checks_for(stored),
                }
                for stored in line.files.all()
            ],
        }
        for line in dossier.components.prefetch_related("files").order_by("pk")
    ]


def dossier_page(user: User, dossier: Dossier, *, calendar: WorkCalendar) -> dict:
    """Everything the dossier page shows besides the action forms."""
    now = clock.now()
    running = dossier.status not in selectors.CLOCK_STOPPED and dossier.ended_at is None
    waits = dossier.clock_stops.filter(ended_at__isnull=True).order_by("-pk").first()
    return {
        "dossier": dossier,
        **status_tag(dossier),
        "steps": timeline_steps(dossier),
        "form_data": form_data(dossier),
        "components": components(dossier),
        "step_due": due(dossier.step_due_at, now=now, calendar=calendar) if running else None,
        "appointment": due(dossier.appointment_at, now=now, calendar=calendar)
        if running and dossier.finished_at is None
        else None,
        "wait": waits,
        "to_do": _waiting_for(waits),
        "consultations": list(
            dossier.consultations.select_related("unit", "asking_unit", "asked_by", "answered_by")
        ),
        "transfers": list(
            dossier.transfers.select_related("from_unit", "to_agency", "sent_by", "returned_by")
        ),
        "history": [
            {"event": event, "label": ACTION_LABELS.get(event.action, event.action)}
            for event in dossier.events.select_related("actor", "acting_for").order_by(
                "-at", "-pk"
            )[:50]
        ],
        "papers": printing.issued_papers(dossier),
        "result_doc": ResultDocument.objects.filter(dossier=dossier)
        .select_related("signer", "issued_by")
        .first(),
        "user": user,
    }


def _waiting_for(wait) -> str:
    if wait is None:
        return ""
    if wait.amount:
        return _("Nộp %(amount)s đồng: %(reason)s") % {
            "amount": vnd(wait.amount),
            "reason": wait.reason,
        }
    return _("Bổ sung: %(missing)s. Lý do: %(reason)s") % {
        "missing": wait.missing,
        "reason": wait.reason,
    }
