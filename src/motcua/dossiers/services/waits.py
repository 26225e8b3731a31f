"""Waits on the citizen that stop the clock: `request_supplement` and `supply`,
`request_payment` and `confirm_payment`.

While the dossier waits, neither the appointment nor the current step's due moment runs; when
the wait ends, both move by the working time the clock stood (each on its own calendar: the
appointment on the receiving agency's, the step on its unit's).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers.lifecycle import ensure_allowed
from motcua.dossiers.models import ClockStop, Dossier, DossierComponent, Status, StopKind
from motcua.dossiers.services import _core, _datastore
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
        _stop_clock(dossier, kind=StopKind.SUPPLEMENT, at=now, missing=missing, reason=reason)
        dossier.status = Status.AWAITING_SUPPLEMENT
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


def supply(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    note: str = "",
    uploads: Sequence[UUID] = (),
) -> Dossier:
    """`supply`: the papers came; the clock runs again and the deadlines move by the stop.
    `uploads` (files the caller uploaded) become one more component line, "Giấy tờ bổ sung"."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.SUPPLY, expected_version=expected_version
        )
        now = clock.now()
        files = list(dict.fromkeys(uploads))
        if files:
            _attach_supplement(dossier, user=user, files=files, at=now)
        stopped = _restart_clock(dossier, at=now)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.SUPPLY,
            from_status=Status.AWAITING_SUPPLEMENT,
            at=now,
            note=note.strip(),
            data={
                "stopped_minutes": int(stopped.total_seconds() // 60),
                "files": [str(pk) for pk in files],
            },
        )
    return dossier


def _attach_supplement(dossier: Dossier, *, user: User, files: list[UUID], at: datetime) -> None:
    owned = _core.own_uploads(user, files)
    if any(pk not in owned for pk in files):
        message = _("Tệp bổ sung không tồn tại hoặc không do bạn tải lên.")
        raise ValidationFailed(message, fields={"uploads": [message]})
    wait = dossier.clock_stops.filter(ended_at__isnull=True).order_by("-pk").first()
    line = DossierComponent.objects.create(
        dossier=dossier,
        name=_("Giấy tờ bổ sung ngày %(date)s: %(missing)s")
        % {
            "date": at.astimezone(clock.VN_TZ).strftime("%d/%m/%Y"),
            "missing": wait.missing if wait else "",
        },
    )
    line.files.set(files)
    _datastore.keep_papers(dossier, files=dict.fromkeys(files, line))


def request_payment(
    *, user: User, dossier: Dossier, expected_version: int, amount: int, reason: str
) -> Dossier:
    """`request_payment` (yêu cầu thực hiện nghĩa vụ tài chính): the amount in VND and why; the
    clock stops until `confirm_payment`."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        message = _("Số tiền phải là số nguyên dương (đồng).")
        raise ValidationFailed(message, fields={"amount": [message]})
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập lý do yêu cầu thực hiện nghĩa vụ tài chính.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.REQUEST_PAYMENT,
            expected_version=expected_version,
        )
        now, before = clock.now(), dossier.status
        _stop_clock(dossier, kind=StopKind.PAYMENT, at=now, reason=reason, amount=amount)
        dossier.status = Status.AWAITING_PAYMENT
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.REQUEST_PAYMENT,
            from_status=before,
            at=now,
            note=reason,
            data={"amount": amount},
        )
    return dossier


def confirm_payment(
    *, user: User, dossier: Dossier, expected_version: int, note: str = ""
) -> Dossier:
    """`confirm_payment`: the obligation is met; the clock runs again and the deadlines move by
    the stop."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.CONFIRM_PAYMENT,
            expected_version=expected_version,
        )
        _paid(dossier, user=user, note=note.strip())
    return dossier


def payment_received(*, dossier: Dossier, note: str, by: User | None = None) -> Dossier:
    """The payments app's `confirm_payment`: it saw the financial obligation paid — through a
    gateway or the national portal (`by` None: the system), or in cash to the officer `by`,
    whose taking it the payments app allowed. Does nothing when the dossier no longer waits for
    a payment (an officer confirmed it first)."""
    if not Dossier.objects.filter(pk=dossier.pk, status=Status.AWAITING_PAYMENT).exists():
        return dossier  # nothing to move on: open forms stay current
    with transaction.atomic():
        locked = _core.claim(dossier)
        if locked.status != Status.AWAITING_PAYMENT:
            return locked
        ensure_allowed(locked, Action.CONFIRM_PAYMENT)
        _paid(locked, user=by, note=note)
    return locked


def _paid(dossier: Dossier, *, user: User | None, note: str) -> None:
    """The payment wait ends (`confirm_payment`, by an officer or the system)."""
    now = clock.now()
    stopped = _restart_clock(dossier, at=now)
    _core.commit(
        dossier=dossier,
        user=user,
        action=Action.CONFIRM_PAYMENT,
        from_status=Status.AWAITING_PAYMENT,
        at=now,
        note=note,
        data={"stopped_minutes": int(stopped.total_seconds() // 60)},
    )


def set_fees_due(*, dossier: Dossier, amount: int, unpriced: bool = False) -> None:
    """What the dossier still owes in fees, as the payments app reckons it (in the caller's
    transaction), and whether a fee is still to be priced by the agency; `return_result` waits
    for both to be nothing."""
    Dossier.objects.filter(pk=dossier.pk).update(fees_due=amount, fees_unpriced=unpriced)
    dossier.fees_due, dossier.fees_unpriced = amount, unpriced


def _stop_clock(dossier: Dossier, *, kind: str, at: datetime, **details) -> ClockStop:
    """Open a wait: the clock stands from `at`; the status before it is kept to go back to."""
    dossier.clock_stopped_at = at
    return ClockStop.objects.create(
        dossier=dossier, kind=kind, started_at=at, resume_status=dossier.status, **details
    )


def _restart_clock(dossier: Dossier, *, at: datetime) -> timedelta:
    """Close the open wait at `at`: the appointment and the current step's due moment move by
    the working time it stood, and the dossier goes back to the status before it."""
    stop = dossier.clock_stops.filter(ended_at__isnull=True).order_by("-pk").first()
    stopped = calendar_for(agency=dossier.receiving_agency).working_time_between(
        start=stop.started_at, end=at
    )
    if dossier.appointment_at is not None:
        dossier.appointment_at = calendar_for(agency=dossier.receiving_agency).add_working_time(
            dossier.appointment_at, duration=stopped
        )
    if dossier.step_due_at is not None:
        unit_calendar = calendar_for(agency=dossier.current_unit)
        step_stopped = unit_calendar.working_time_between(start=stop.started_at, end=at)
        dossier.step_due_at = unit_calendar.add_working_time(
            dossier.step_due_at, duration=step_stopped
        )
        dossier.step_records.filter(ended_at__isnull=True).update(due_at=dossier.step_due_at)
    stop.ended_at, stop.stopped = at, stopped
    stop.save(update_fields=["ended_at", "stopped"])
    dossier.status = stop.resume_status
    dossier.clock_stopped_at = None
    return stopped
