"""Reading dossiers: lookup by code, what a user may see and do, deadlines, the timeline."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User, UserKind
from motcua.accounts.selectors import is_active_user, is_system_admin, principals_of
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.core.phones import normalise_phone
from motcua.dossiers.deadlines import Ending, judge, judge_step
from motcua.dossiers.errors import not_found
from motcua.dossiers.lifecycle import TRANSITIONS, allowed_now
from motcua.dossiers.models import (
    DEFAULT_NATIONAL_CODES,
    Consultation,
    Dossier,
    HandoverBatch,
    Judgement,
    NationalStatusMapping,
    Status,
    StepRecord,
    Transfer,
)
from motcua.dossiers.rules import acting_as, officer_unit_ids

# Waiting on the citizen: the clock stands, so the dossier cannot be overdue meanwhile.
CLOCK_STOPPED = (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT)


def dossier_by_code_or_reference(code: str, *, user: User | None = None) -> Dossier:
    """The dossier whose code, national code or `TMP-` reference is `code`; with `user`, only
    if they may see it. NotFound otherwise, the same for both, so codes cannot be probed."""
    text = (code or "").strip()
    dossier = (
        Dossier.objects.select_related(
            "receiving_agency", "competent_agency", "return_agency", "current_step", "current_unit"
        )
        .filter(Q(code=text) | Q(reference=text.upper()) | Q(national_code=text))
        .first()
        if text
        else None
    )
    if dossier is None or (user is not None and acting_as(user, "dossiers.view", dossier) is None):
        raise not_found()
    return dossier


def dossier_for_tracking(code: str, phone: str) -> Dossier:
    """The dossier public tracking shows: its code (or reference) and the applicant's phone must
    both match; NotFound otherwise, the same whichever was wrong."""
    wanted = normalise_phone(phone or "")
    try:
        dossier = dossier_by_code_or_reference(code)
    except NotFound:
        raise not_found() from None
    if not wanted or not dossier.applicant_phone or dossier.applicant_phone != wanted:
        raise not_found()
    return dossier


def mine(user: User) -> QuerySet[Dossier]:
    """The dossiers a citizen or organisation owns or filed for someone else, newest first."""
    if not is_active_user(user) or user.kind == UserKind.OFFICER:
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(Q(owner=user) | Q(submitted_by=user))
        .select_related("procedure_version", "receiving_agency", "return_agency")
        .order_by("-created_at", "-pk")
    )


def one_of_mine(user: User, key: str) -> Dossier:
    """One of `user`'s own dossiers (`mine`) by code or reference; anyone else's raises the
    same NotFound as a missing one."""
    try:
        found = dossier_by_code_or_reference(key)
    except NotFound:
        found = None
    dossier = mine(user).filter(pk=found.pk).first() if found else None
    if dossier is None:
        raise not_found()
    return dossier


def result_for(user: User, dossier: Dossier):
    """The result file of `dossier` for its owner (or whoever filed it) once approved and at the
    return desk or returned; NotFound otherwise."""
    if user.pk not in (dossier.owner_id, dossier.submitted_by_id):
        raise not_found()
    ready = dossier.status in (Status.READY, Status.RETURNED) and dossier.approved_at is not None
    if not ready or dossier.result_file_id is None:
        raise NotFound(_("Hồ sơ chưa có kết quả điện tử để tải về."), code="no_result")
    return dossier.result_file


def popular_procedures(*, limit: int, since: datetime) -> list[int]:
    """Ids of the procedures filed most since `since`, most first."""
    rows = (
        Dossier.objects.filter(created_at__gte=since)
        .values("procedure_version__procedure_id")
        .annotate(filed=Count("pk"))
        .order_by("-filed", "procedure_version__procedure_id")[:limit]
    )
    return [row["procedure_version__procedure_id"] for row in rows]


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    """Every dossier `user` may see (the query twin of the `dossiers.view` rule), with those of
    the colleagues they stand in for now."""
    if not is_active_user(user):
        return Dossier.objects.none()
    if is_system_admin(user):
        return Dossier.objects.all()
    scope = _scope(user)
    if user.kind == UserKind.OFFICER:
        for principal in principals_of(user, at=clock.now()):
            scope |= _scope(principal)
    return Dossier.objects.filter(scope)


def _scope(user: User) -> Q:
    scope = Q(owner=user) | Q(submitted_by=user)
    if user.kind == UserKind.OFFICER:
        units = officer_unit_ids(user)
        scope |= (
            Q(receiving_agency_id__in=units)
            | Q(competent_agency_id__in=units)
            | Q(return_agency_id__in=units)
            | Q(current_unit_id__in=units)
            | Q(pk__in=Consultation.objects.filter(unit_id__in=units).values("dossier_id"))
            | Q(pk__in=Transfer.objects.filter(to_agency_id__in=units).values("dossier_id"))
        )
    return scope


def batches_to_accept(user: User) -> QuerySet[HandoverBatch]:
    """Open hand-over lists whose papers `user`'s units, or those of the colleagues they stand
    in for now, are to receive, oldest first."""
    if not is_active_user(user):
        return HandoverBatch.objects.none()
    batches = HandoverBatch.objects.filter(accepted_at__isnull=True)
    if not is_system_admin(user):
        units = officer_unit_ids(user)
        for principal in principals_of(user, at=clock.now()):  # a substitute accepts for them
            units |= officer_unit_ids(principal)
        batches = batches.filter(to_unit_id__in=units)
    return batches.select_related("from_unit", "to_unit", "created_by").order_by("created_at")


def overdue_now(
    *, dossiers: QuerySet[Dossier] | None = None, now: datetime | None = None
) -> QuerySet[Dossier]:
    """Dossiers past their appointment that have not ended, their clock running."""
    moment = now or clock.now()
    return (
        (dossiers if dossiers is not None else Dossier.objects.all())
        .filter(appointment_at__lt=moment, finished_at__isnull=True, ended_at__isnull=True)
        .exclude(status__in=CLOCK_STOPPED)
    )


def steps_overdue_now(
    *, dossiers: QuerySet[Dossier] | None = None, now: datetime | None = None
) -> QuerySet[Dossier]:
    """Dossiers whose current step is past its due moment, their clock running."""
    moment = now or clock.now()
    return (
        (dossiers if dossiers is not None else Dossier.objects.all())
        .filter(step_due_at__lt=moment, ended_at__isnull=True)
        .exclude(status__in=CLOCK_STOPPED)
    )


def national_code_of(status: str) -> int:
    """The national portal's status code for `status`, from the administrators' table."""
    row = NationalStatusMapping.objects.filter(status=status).values_list("national_code").first()
    return row[0] if row else DEFAULT_NATIONAL_CODES[Status(status)]


def judgement(dossier: Dossier) -> Judgement | None:
    return judge(
        end=Ending(dossier.finished_at, dossier.returned_at, dossier.ended_at).moment,
        appointment=dossier.appointment_at,
        supplement_requests=dossier.supplement_requests,
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One step the dossier went through, as tracking and the control slip show it."""

    step_name: str
    unit_name: str
    given_by_name: str
    handler_name: str
    handler_title: str
    given_at: datetime
    received_at: datetime
    due_at: datetime | None
    ended_at: datetime | None
    end_action: str
    note: str
    judgement: Judgement | None


def step_judgements(dossier: Dossier) -> list[tuple[StepRecord, Judgement | None]]:
    """Each step stay with its judgement; a late one is its unit's lateness."""
    now = clock.now()
    records = dossier.step_records.select_related("step", "unit", "handler", "given_by", "ended_by")
    return [
        (record, judge_step(due=record.due_at, ended=record.ended_at, now=now))
        for record in records.order_by("received_at", "pk")
    ]


def timeline(dossier: Dossier) -> list[TimelineEntry]:
    """Each step with who gave it, who handled it — the assigned handler, else whoever acted to end
    the step ("rõ người") — and when."""
    return [_entry(record, verdict) for record, verdict in step_judgements(dossier)]


def _entry(record: StepRecord, verdict: Judgement | None) -> TimelineEntry:
    handler = record.handler or record.ended_by
    return TimelineEntry(
        step_name=record.step.name,
        unit_name=record.unit.name,
        given_by_name=record.given_by.full_name if record.given_by else "",
        handler_name=handler.full_name if handler else "",
        handler_title=handler.title if handler else "",
        given_at=record.given_at,
        received_at=record.received_at,
        due_at=record.due_at,
        ended_at=record.ended_at,
        end_action=record.end_action,
        note=record.note,
        judgement=verdict,
    )


def available_actions(user: User, dossier: Dossier) -> list[str]:
    """The actions `user` may take on `dossier` now, in the vocabulary's order."""
    principals = (
        principals_of(user, at=clock.now())
        if getattr(user, "kind", None) == UserKind.OFFICER
        else []
    )
    if acting_as(user, "dossiers.view", dossier, principals=principals) is None:
        raise not_found()
    return [
        action
        for action in TRANSITIONS
        if allowed_now(dossier, action)
        and acting_as(user, f"dossiers.{action}", dossier, principals=principals) is not None
    ]
