"""Waits on the citizen that stop the clock: `request_supplement` and `supply`.

While the dossier waits, neither the appointment nor the current step's due moment runs; when
the papers come, both move by the working time the clock stood (each on its own calendar: the
appointment on the receiving agency's, the step on its unit's).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import ClockStop, Dossier, Status, StopKind
from motcua.dossiers.services import _core
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action


def request_supplement(
    *, user: User, dossier: Dossier, expected_version: int, missing: str, reason: str
) -> Dossier:
    """`request_supplement`: say what is missing and why; the clock stops until `supply`."""
    missing = _core.required_text(
        missing, field="missing", message=_("Nhập những giấy tờ, nội dung cần bổ sung.")
    )
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập lý do yêu cầu bổ sung hồ sơ.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.REQUEST_SUPPLEMENT,
            expected_version=expected_version,
        )
        now, before = clock.now(), dossier.status
        ClockStop.objects.create(
            dossier=dossier,
            kind=StopKind.SUPPLEMENT,
            started_at=now,
            resume_status=before,
            missing=missing,
            reason=reason,
        )
        dossier.status = Status.AWAITING_SUPPLEMENT
        dossier.clock_stopped_at = now
        dossier.supplement_requests += 1
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.REQUEST_SUPPLEMENT,
            from_status=before,
            at=now,
            note=reason,
            data={"missing": missing},
        )
    return dossier


def supply(*, user: User, dossier: Dossier, expected_version: int, note: str = "") -> Dossier:
    """`supply`: the papers came; the clock runs again and the deadlines move by the stop."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.SUPPLY, expected_version=expected_version
        )
        now = clock.now()
        stop = dossier.clock_stops.filter(ended_at__isnull=True).order_by("-pk").first()
        stopped = calendar_for(agency=dossier.receiving_agency).working_time_between(
            start=stop.started_at, end=now
        )
        if dossier.appointment_at is not None:
            dossier.appointment_at = calendar_for(agency=dossier.receiving_agency).add_working_time(
                dossier.appointment_at, duration=stopped
            )
        if dossier.step_due_at is not None:
            unit_calendar = calendar_for(agency=dossier.current_unit)
            step_stopped = unit_calendar.working_time_between(start=stop.started_at, end=now)
            dossier.step_due_at = unit_calendar.add_working_time(
                dossier.step_due_at, duration=step_stopped
            )
            dossier.step_records.filter(ended_at__isnull=True).update(due_at=dossier.step_due_at)
        stop.ended_at, stop.stopped = now, stopped
        stop.save(update_fields=["ended_at", "stopped"])
        dossier.status = stop.resume_status
        dossier.clock_stopped_at = None
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.SUPPLY,
            from_status=Status.AWAITING_SUPPLEMENT,
            at=now,
            note=note.strip(),
            data={"stopped_minutes": int(stopped.total_seconds() // 60)},
        )
    return dossier
