"""Delivering outbox messages to their consumers: claim, run outside any transaction, settle.

A delivery is due when it is pending, its `next_attempt_at` has come and no worker holds its
lease. Claiming takes the lease (`locked_until`) and counts the attempt in a short transaction,
which locks the row on PostgreSQL (`FOR UPDATE SKIP LOCKED`: concurrent workers pass each other
by) and holds the write lock on SQLite (`BEGIN IMMEDIATE`). The handler then runs with no
transaction open and no lock held, so a slow consumer (PDF, HTTP) blocks nobody. Its outcome is
written afterwards: done; or the error, with the next attempt after an exponential back-off;
or, after the last allowed attempt, parked for an administrator. A worker that dies mid-delivery
leaves its lease to expire, and the sweep takes the delivery again: delivery is at least once.
"""

import logging
import traceback
from datetime import timedelta
from enum import StrEnum
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.events import registry
from motcua.events.models import Delivery, DeliveryStatus

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200


class Outcome(StrEnum):
    DONE = "done"
    RETRY = "retry"
    PARKED = "parked"
    # Not due, taken by another worker meanwhile, or already settled.
    SKIPPED = "skipped"


def deliver(delivery_id: int) -> Outcome:
    """Run one due delivery's consumer and record the outcome."""
    if connection.in_atomic_block:
        raise RuntimeError("deliver() runs consumers outside any transaction: call it after commit")
    claimed = _claim(delivery_id)
    if isinstance(claimed, Outcome):
        return claimed
    delivery, message = claimed
    consumer = registry.get(delivery.consumer)
    try:
        if consumer is None:
            raise LookupError(f"no event consumer named {delivery.consumer!r} in this process")
        consumer.handler(message)
    except Exception:
        logger.warning(
            "event consumer %s failed on message %s (attempt %d)",
            delivery.consumer,
            message.id,
            delivery.attempts,
            exc_info=True,
        )
        return _failed(delivery, error=traceback.format_exc(limit=20))
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.DONE, delivered_at=clock.now(), locked_until=None
    )
    return Outcome.DONE


def deliver_message(message_id: UUID) -> int:
    """Deliver what is due of one message (right after it was published); returns how many
    deliveries were tried."""
    due = Delivery.objects.filter(_due(), message_id=message_id).order_by("pk")
    ids = list(due.values_list("pk", flat=True))
    for delivery_id in ids:
        deliver(delivery_id)
    return len(ids)


def sweep() -> int:
    """Deliver everything due now, oldest first; returns how many deliveries were tried.

    One pass in primary-key order, so the sweep ends even when deliveries keep failing or other
    workers hold some; what falls due meanwhile waits for the next sweep."""
    tried, after = 0, 0
    while True:
        batch = list(
            Delivery.objects.filter(_due(), pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        if not batch:
            return tried
        for delivery_id in batch:
            deliver(delivery_id)
        tried += len(batch)
        after = batch[-1]


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: base × 2^(attempts − 1), capped."""
    seconds = settings.MOTCUA_EVENTS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MOTCUA_EVENTS_RETRY_MAX_SECONDS))


def _due() -> Q:
    now = clock.now()
    return Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) & (
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    )


def _claim(delivery_id: int) -> tuple[Delivery, registry.Message] | Outcome:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("message")
            .filter(_due(), pk=delivery_id)
            .first()
        )
        if delivery is None:
            return Outcome.SKIPPED
        if delivery.locked_until is not None:
            delivery.last_error = _(
                "Lần thử trước không kết thúc: tiến trình xử lý đã dừng giữa chừng."
            )
        if delivery.attempts >= settings.MOTCUA_EVENTS_MAX_ATTEMPTS:
            # The worker running the last allowed attempt died: nothing is left to try.
            delivery.status = DeliveryStatus.PARKED
            delivery.locked_until = None
            delivery.save(update_fields=["status", "locked_until", "last_error"])
            logger.error("event delivery %s parked: its last attempt never ended", delivery.pk)
            return Outcome.PARKED
        delivery.attempts += 1
        delivery.locked_until = clock.now() + timedelta(
            seconds=settings.MOTCUA_EVENTS_LEASE_SECONDS
        )
        delivery.save(update_fields=["attempts", "locked_until", "last_error"])
    message = delivery.message
    return delivery, registry.Message(
        id=message.id, topic=message.topic, payload=message.payload, created_at=message.created_at
    )


def _failed(delivery: Delivery, *, error: str) -> Outcome:
    parked = delivery.attempts >= settings.MOTCUA_EVENTS_MAX_ATTEMPTS
    changes = {"locked_until": None, "last_error": error}
    if parked:
        changes["status"] = DeliveryStatus.PARKED
        logger.error("event delivery %s parked after %d attempts", delivery.pk, delivery.attempts)
    else:
        changes["next_attempt_at"] = clock.now() + backoff(delivery.attempts)
    # Only if no other worker took the delivery over after this one's lease ran out.
    Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
    ).update(**changes)
    return Outcome.PARKED if parked else Outcome.RETRY
