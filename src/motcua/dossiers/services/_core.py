"""What every dossier action does around its own change: the checks before, the record after.

`begin` loads the dossier for an action: NotFound when the caller may not see it, Conflict when
`expected_version` is stale (the conditional UPDATE claims the row, so of two officers acting at
once exactly one passes), Forbidden when the action is neither the caller's nor that of a
colleague they stand in for (then `acting_for` names the colleague), Conflict when the
status, the current step or open work does not allow it. `commit` saves, appends the history event,
publishes `dossier.<action>` and records the audit entry — last, because it locks the chain head
until the transaction ends.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.documents.selectors import usable_files
from motcua.dossiers import issuing
from motcua.dossiers.errors import not_found
from motcua.dossiers.lifecycle import ensure_allowed
from motcua.dossiers.models import Dossier, DossierEvent, HandoverBatch, StepRecord
from motcua.dossiers.rules import acting_as
from motcua.events import services as events
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action
from motcua.workflow.models import ProcessStep

STALE = "stale_version"


def begin(*, user: User, dossier: Dossier, action: str, expected_version: int) -> Dossier:
    visible(user=user, dossier=dossier)
    claimed = Dossier.objects.filter(pk=dossier.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise Conflict(_("Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."), code=STALE)
    locked = Dossier.objects.select_related(
        "receiving_agency",
        "competent_agency",
        "return_agency",
        "current_step",
        "current_unit",
        "transferred_to",
    ).get(pk=dossier.pk)
    return allowed(user=user, dossier=locked, action=action)


def claim(dossier: Dossier) -> Dossier:
    """The dossier locked for an action the system takes on its own (no caller to check): its
    version moves on (the UPDATE locks the row), so an officer's form opened before is stale."""
    Dossier.objects.filter(pk=dossier.pk).update(version=F("version") + 1)
    return Dossier.objects.select_related(
        "receiving_agency", "competent_agency", "return_agency", "current_step", "current_unit"
    ).get(pk=dossier.pk)


def allowed(*, user: User, dossier: Dossier, action: str) -> Dossier:
    """`dossier`, once `user` (or the absent colleague they stand in for) may take `action` and
    its status and step allow it now: Forbidden or Conflict otherwise. Sets `acting_for`, which
    `commit` reads."""
    actor = acting_as(user, f"dossiers.{action}", dossier)
    if actor is None:
        access.ensure(user, f"dossiers.{action}", dossier)  # raises Forbidden
    ensure_allowed(dossier, action)
    dossier.acting_for = actor if actor.pk != user.pk else None
    return dossier


def visible(*, user: User, dossier: Dossier) -> None:
    """NotFound unless `user` may see `dossier` (a hidden dossier and a missing one alike)."""
    if acting_as(user, "dossiers.view", dossier) is None:
        raise not_found()


def commit(
    *,
    dossier: Dossier,
    user: User | None,
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
        acting_for=getattr(dossier, "acting_for", None),
        at=at,
        note=note,
        data=data or {},
    )
    issuing.record_paper(event)  # what Mẫu 01–05 will say, as this action leaves the dossier
    summary = {
        "dossier": dossier.pk,
        "event": event.pk,
        "reference": dossier.reference,
        "code": dossier.code,
        "status": dossier.status,
        "from_status": from_status,
        "version": dossier.version,
        "actor": user.pk if user else None,
        "acting_for": event.acting_for_id,
        "at": at.isoformat(),
        # What the citizen is told must be the appointment as this action left it, not as it
        # stands when a consumer gets round to the message.
        "appointment_at": _iso(dossier.appointment_at),
        "new_appointment_at": _iso(dossier.new_appointment_at),
    }
    events.publish(f"dossier.{action}", summary, key=dossier.key)
    audit.record(
        action=f"dossier.{action}",
        actor=user,
        acting_for=event.acting_for,
        obj=dossier,
        data={**summary, "note": note},
    )
    return event


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def own_uploads(user: User, ids: Iterable[UUID]) -> set[UUID]:
    """Which of `ids` name files `user` uploaded or keeps in their personal data store: a filer
    attaches only their own files (an officer at the counter, the scans they made)."""
    wanted = set(ids)
    if not wanted:
        return set()
    return set(usable_files(user).filter(pk__in=wanted).values_list("pk", flat=True))


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
    calendar for the step's allowance — unless the step it leaves hands its papers over to
    another unit (`paper_handover`): then the dossier joins the open hand-over list between the
    two units, and the clock starts when the receiving unit accepts the list."""
    giving_step, giving_unit = dossier.current_step, dossier.current_unit
    close_record(dossier, user=user, at=at, action=action)
    unit = unit_of_step(dossier, step)
    on_paper = (
        giving_step is not None
        and giving_step.paper_handover
        and giving_unit is not None
        and giving_unit.pk != unit.pk
    )
    batch = open_batch(from_unit=giving_unit, to_unit=unit, user=user, at=at) if on_paper else None
    due = None if on_paper else due_for(step, unit=unit, start=at)
    dossier.current_step, dossier.current_unit = step, unit
    dossier.current_handler = handler
    dossier.step_started_at, dossier.step_due_at = (None if on_paper else at), due
    return StepRecord.objects.create(
        dossier=dossier,
        step=step,
        unit=unit,
        given_by=user,
        given_at=at,
        handler=handler,
        received_at=None if on_paper else at,
        batch=batch,
        due_at=due,
        note=note,
    )


def due_for(step: ProcessStep, *, unit: Agency, start: datetime) -> datetime:
    return calendar_for(agency=unit).add_working_time(start, duration=hours(step.allowance_hours))


def open_batch(*, from_unit: Agency, to_unit: Agency, user: User, at: datetime) -> HandoverBatch:
    """The hand-over list from one unit to another still open for more dossiers, locked; a new
    one when none is (the unique constraint settles two creators racing)."""
    lists = HandoverBatch.objects.select_for_update().filter(
        from_unit=from_unit, to_unit=to_unit, accepted_at__isnull=True
    )
    batch = lists.first()
    if batch is not None:
        return batch
    try:
        with transaction.atomic():
            return HandoverBatch.objects.create(
                from_unit=from_unit, to_unit=to_unit, created_by=user, created_at=at
            )
    except IntegrityError:
        return lists.get()


def end_life(dossier: Dossier, *, user: User, at: datetime, action: str) -> None:
    """The dossier leaves the process for good (returned, refused, stopped, withdrawn)."""
    close_record(dossier, user=user, at=at, action=action)
    dossier.ended_at, dossier.end_action = at, action
    dossier.current_handler = None


def record_result(
    dossier: Dossier, *, user: User, note: str, stored, data: dict[str, Any]
) -> DossierEvent:
    """`attach_result`'s write, shared by a plain result and a document to sign: what the
    result is, its file, when; an earlier approval no longer stands."""
    now = clock.now()
    dossier.result_note, dossier.result_file = note, stored
    dossier.result_attached_at = now
    dossier.approved_by, dossier.approved_at = None, None
    return commit(
        dossier=dossier,
        user=user,
        action=Action.ATTACH_RESULT,
        from_status=dossier.status,
        at=now,
        note=note,
        data=data,
    )
