"""Judging dossiers and steps against their deadlines (vn-rules.md, "Time and deadlines").

Pure functions of timestamps: the judgement never reads the status or its editable national code.
A dossier ends at `finish`, else at `return_result`, else at `refuse`, `stop` or
`accept_withdrawal`. Early: it ends on a day before the appointment's day; on time: not early
and not after the appointment; late: after the appointment, or more than one supplement
request whatever the dates. An apology's new date is not consulted: it does not make a late
dossier on time. A step is late when it ended after its due moment, and its lateness belongs to
its unit.
"""

from dataclasses import dataclass
from datetime import datetime

from motcua.core.clock import VN_TZ
from motcua.dossiers.models import Judgement


@dataclass(frozen=True)
class Ending:
    finished_at: datetime | None
    returned_at: datetime | None
    ended_at: datetime | None

    @property
    def moment(self) -> datetime | None:
        return self.finished_at or self.returned_at or self.ended_at


def judge(
    *, end: datetime | None, appointment: datetime | None, supplement_requests: int
) -> Judgement | None:
    """The dossier's judgement; None while it has not ended or never had an appointment
    (refused at intake)."""
    if end is None or appointment is None:
        return None
    if supplement_requests > 1 or end > appointment:
        return Judgement.LATE
    if end.astimezone(VN_TZ).date() < appointment.astimezone(VN_TZ).date():
        return Judgement.EARLY
    return Judgement.ON_TIME


def judge_step(*, due: datetime | None, ended: datetime | None, now: datetime) -> Judgement | None:
    """A step that ended: late or on time against its due moment. A step still open: late once
    its due moment has passed, else not judged yet."""
    if due is None:
        return None
    if ended is None:
        return Judgement.LATE if now > due else None
    return Judgement.LATE if ended > due else Judgement.ON_TIME
