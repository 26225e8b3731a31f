"""The officers' reminders, found by a periodic job (hourly; each is queued once, so running it
again changes nothing): the dossiers whose current step falls due tomorrow and those past due,
to the officer handling them; the paper hand-over lists waiting to be accepted, once a day to
the officers of the receiving unit."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count

from motcua.accounts.selectors import officers_of
from motcua.core import clock
from motcua.dossiers.models import Dossier, HandoverBatch, Status
from motcua.events.schedule import every
from motcua.notifications import compose, sending
from motcua.notifications.kinds import Kind

INTERVAL_SECONDS = 3600


def _handled(**lookups):
    return Dossier.objects.filter(
        status=Status.PROCESSING, current_handler__isnull=False, **lookups
    ).select_related(
        "current_handler", "procedure_version", "return_agency", "current_unit", "owner"
    )


def remind_due(*, now: datetime | None = None) -> list[int]:
    """Queue the due-tomorrow and overdue reminders not queued yet; the new messages' ids."""
    now = now or clock.now()
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=clock.VN_TZ)
    groups = [
        (
            Kind.DUE_TOMORROW,
            _handled(step_due_at__gte=tomorrow, step_due_at__lt=tomorrow + timedelta(days=1)),
        ),
        (Kind.OVERDUE, _handled(step_due_at__lt=now)),
    ]
    ids: list[int] = []
    with transaction.atomic():
        for kind, dossiers in groups:
            for dossier in dossiers:
                ids += compose.queue(
                    kind=kind,
                    recipients=compose.officer_recipients(dossier.current_handler),
                    context=compose.dossier_context(dossier),
                    # Once per step deadline: a dossier forwarded to a new step is news again.
                    cause=f"{kind.value}:{dossier.pk}:{dossier.step_due_at.isoformat()}",
                    dossier=dossier,
                    agency=dossier.current_unit,
                )
    return ids


def remind_batches(*, now: datetime | None = None) -> list[int]:
    """Queue today's reminder of each open hand-over list with dossiers on it."""
    today = (now or clock.now()).date()
    waiting = (
        HandoverBatch.objects.filter(accepted_at__isnull=True)
        .annotate(dossier_count=Count("records"))
        .filter(dossier_count__gt=0)
        .select_related("from_unit", "to_unit")
    )
    ids: list[int] = []
    with transaction.atomic():
        for batch in waiting:
            recipients = [
                r
                for officer in officers_of(batch.to_unit)
                for r in compose.officer_recipients(officer)
            ]
            ids += compose.queue(
                kind=Kind.BATCH_WAITING,
                recipients=recipients,
                context={
                    "don_vi_giao": batch.from_unit.name,
                    "don_vi_nhan": batch.to_unit.name,
                    "so_ho_so": str(batch.dossier_count),
                },
                cause=f"{Kind.BATCH_WAITING.value}:{batch.pk}:{today.isoformat()}",
                agency=batch.to_unit,
            )
    return ids


def remind() -> None:
    sending.start(remind_due() + remind_batches())


def register_jobs() -> None:
    every(INTERVAL_SECONDS, "notifications.officer_reminders")(remind)
