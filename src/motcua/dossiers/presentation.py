"""How a dossier's status and history look on every screen (design.md: the same tags, colour
plus words, everywhere): the tag tone of each status and judgement, and the timeline's steps as
`portal/parts/timeline.html` lays them out — one source for the portal and the back office."""

from dataclasses import dataclass
from datetime import datetime

from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier, Status

STATUS_TONES = {
    Status.SUBMITTED: "neutral",
    Status.RECEIVED: "neutral",
    Status.PROCESSING: "neutral",
    Status.AWAITING_SUPPLEMENT: "amber",
    Status.AWAITING_PAYMENT: "amber",
    Status.WITHDRAWAL_REQUESTED: "amber",
    Status.READY: "green",
    Status.RETURNED: "green",
    Status.NOT_RECEIVED: "red",
    Status.STOPPED: "red",
    Status.WITHDRAWN: "neutral",
}
JUDGEMENT_TONES = {"early": "green", "on_time": "blue", "late": "red"}


def status_tag(dossier: Dossier) -> dict:
    """`status_label`, `status_tone`, `judgement` and `judgement_tone` of `dossier`."""
    verdict = selectors.judgement(dossier)
    return {
        "status_label": Status(dossier.status).label,
        "status_tone": STATUS_TONES[Status(dossier.status)],
        "judgement": verdict.label if verdict else "",
        "judgement_tone": JUDGEMENT_TONES.get(verdict.value, "neutral") if verdict else "",
    }


@dataclass(frozen=True)
class Step:
    name: str
    unit: str
    handler: str
    title: str
    received_at: datetime | None
    ended_at: datetime | None
    due_at: datetime | None
    judgement: str
    judgement_label: str
    tone: str
    current: bool


def timeline_steps(dossier: Dossier) -> list[Step]:
    """The steps the dossier went through, with their judgement; the open one is current."""
    entries = selectors.timeline(dossier)
    steps = []
    for index, entry in enumerate(entries):
        verdict = entry.judgement.value if entry.judgement else ""
        steps.append(
            Step(
                name=entry.step_name,
                unit=entry.unit_name,
                handler=entry.handler_name,
                title=entry.handler_title,
                received_at=entry.received_at,
                ended_at=entry.ended_at,
                due_at=entry.due_at,
                judgement=verdict,
                judgement_label=entry.judgement.label if entry.judgement else "",
                tone=JUDGEMENT_TONES.get(verdict, "neutral"),
                current=index == len(entries) - 1 and entry.ended_at is None,
            )
        )
    return steps
