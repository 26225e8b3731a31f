"""What every dossier action does around its own change: the checks before, the record after.

`begin` loads the dossier for an action: NotFound when the caller may not see it, Conflict when
`expected_version` is stale (the conditional UPDATE claims the row, so of two officers acting at
once exactly one passes), Forbidden when the action is not the caller's, Conflict when the
status or the current step does not allow it. `commit` saves, appends the history event,
publishes `dossier.<action>` and records the audit entry — last, because it locks the chain head
until the transaction ends.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.errors import not_found
from motcua.dossiers.lifecycle import ensure_allowed
from motcua.dossiers.models import Dossier, DossierEvent, StepRecord
from motcua.events import services as events
from motcua.workdays.selectors import calendar_for
from motcua.workflow.models import ProcessStep

STALE = "stale_version"


def begin(*, user: User, dossier: Dossier, action: str, expected_version: int) -> Dossier:
    if not access.can(user, "dossiers.view", dossier):
        raise not_found()
    claimed = Dossier.objects.filter(pk=dossier.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise Conflict(_("Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."), code=STALE)
    locked = Dossier.objects.select_related(
        "receiving_agency", "competent_agency", "return_agency", "current_step", "current_unit"
    ).get(pk=dossier.pk)
    access.ensure(user, f"dossiers.{action}", locked)
    ensure_allowed(locked, action)
    return locked


def commit(
    *,
    dossier: Dossier,
    user: User,
    action: str,
    from_status: str,
    at: datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    dossier.save()
    event = DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        step=dossier.current_step,
        unit=dossier.current_unit,
        actor=user,
        at=at,
        note=note,
        data=data or {},
    )
    summary = {
        "dossier": dossier.pk,
        "reference": dossier.reference,
        "code": dossier.code,
        "status": dossier.status,
        "from_status": from_status,
        "version": dossier.version,
        "actor": user.pk,
        "at": at.isoformat(),
    }
    events.publish(f"dossier.{action}", summary, key=dossier.key)
    audit.record(
        action=f"dossier.{action}", actor=user, obj=dossier, data={**summary, "note": note}
    )
    return event


def required_text(value: str, *, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(message, fields={field: [message]})
    return text


def unit_of_step(dossier: Dossier, step: ProcessStep) -> Agency:
    """The unit that handles `step` of this dossier: the step's own unit, else — for steps a
    province-wide default leaves open — the return desk for the end step, the receiving desk
    for the counter officers' other steps, the competent agency for the rest."""
    if step.unit_id is not None:
        return step.unit
    if step.is_end:
        return dossier.return_agency
    if step.role == Role.COUNTER_OFFICER:
        return dossier.receiving_agency
    return dossier.competent_agency


def hours(amount: Decimal | None) -> timedelta:
    return timedelta(minutes=int((amount or Decimal(0)) * 60))


def open_record(dossier: Dossier) -> StepRecord | None:
    return dossier.step_records.filter(ended_at__isnull=True).order_by("-pk").first()


def close_record(dossier: Dossier, *, user: User, at: datetime, action: str) -> None:
    dossier.step_records.filter(ended_at__isnull=True).update(
        ended_at=at, ended_by=user, end_action=action
    )


def enter_step(
    dossier: Dossier,
    *,
    step: ProcessStep,
    user: User,
    at: datetime,
    action: str,
    handler: User | None = None,
    note: str = "",
) -> StepRecord:
    """Close the step the dossier is at and start `step`: its clock runs from `at` on its unit's
    calendar for the step's allowance."""
    close_record(dossier, user=user, at=at, action=action)
    unit = unit_of_step(dossier, step)
    due = calendar_for(agency=unit).add_working_time(at, duration=hours(step.allowance_hours))
    dossier.current_step, dossier.current_unit = step, unit
    dossier.current_handler = handler
    dossier.step_started_at, dossier.step_due_at = at, due
    return StepRecord.objects.create(
        dossier=dossier,
        step=step,
        unit=unit,
        given_by=user,
        given_at=at,
        handler=handler,
        received_at=at,
        due_at=due,
        note=note,
    )


def end_life(dossier: Dossier, *, user: User, at: datetime, action: str) -> None:
    """The dossier leaves the process for good (returned, refused, stopped, withdrawn)."""
    close_record(dossier, user=user, at=at, action=action)
    dossier.ended_at, dossier.end_action = at, action
    dossier.current_handler = None
