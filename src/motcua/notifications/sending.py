"""Sending messages through their channel's plugin: claim, send outside any transaction, settle.

The same shape as the outbox's deliveries (`events.delivery`): a message is due when queued or
failed, its `next_attempt_at` has come and no sender holds its lease. Claiming takes the lease
and counts the attempt in a short transaction; the plugin then talks to the gateway with no
transaction open; the outcome is written afterwards — sent; failed, with the next attempt after
an exponential back-off; or parked after the last allowed attempt, to be sent again by hand.
A sender that dies mid-send leaves its lease to expire and the sweep takes the message again,
with the same idempotency key: a gateway that honours it does not deliver twice.

With Redis each new message is a Celery task; in the embedded mode it is sent in the thread that
created it (the outbox consumer's, never a request's). The sweep, a periodic job, picks up what
is due either way.
"""

import logging
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.events import dispatcher
from motcua.events.schedule import every
from motcua.notifications import channels
from motcua.notifications.models import Message, Status

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    PARKED = "parked"
    SKIPPED = "skipped"


def send(message_id: int) -> Outcome:
    """Try one due message and record the outcome."""
    if connection.in_atomic_block:
        raise RuntimeError("send() talks to gateways outside any transaction: call it after commit")
    message = _claim(message_id)
    if isinstance(message, Outcome):
        return message
    try:
        plugin = channels.get(message.channel)
        provider_id = plugin.send(
            channels.Outgoing(
                recipient=message.recipient,
                subject=message.subject,
                body=message.body,
                idempotency_key=message.idempotency_key,
            )
        )
    except channels.SendFailed as exc:
        return _failed(message, error=exc.message)
    except Exception as exc:
        logger.exception("notification %s: the %s plugin failed", message.pk, message.channel)
        return _failed(message, error=f"{type(exc).__name__}: {exc}")
    Message.objects.filter(pk=message.pk, attempts=message.attempts).exclude(
        status=Status.SENT
    ).update(
        status=Status.SENT,
        sent_at=clock.now(),
        locked_until=None,
        provider_message_id=provider_id[:200],
    )
    return Outcome.SENT


def start(ids: list[int]) -> None:
    """Send new (or re-queued) messages, after the commit that made them: a Celery task each
    with Redis; in the embedded mode, here and now (callers are outbox consumers, never
    requests: a request calls `start_later`)."""
    if dispatcher.uses_celery():
        _enqueue(ids)
    else:
        for message_id in ids:
            send(message_id)


def start_later(ids: list[int]) -> None:
    """From a request: a Celery task each with Redis, else the sweep's next pass."""
    if dispatcher.uses_celery():
        _enqueue(ids)


def _enqueue(ids: list[int]) -> None:
    from motcua.notifications import tasks

    for message_id in ids:
        tasks.send_message.delay(message_id)


def sweep() -> int:
    """Send everything due now, oldest first, in one pass; returns how many were tried."""
    tried, after = 0, 0
    while True:
        batch = list(
            Message.objects.filter(_due(), pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        if not batch:
            return tried
        for message_id in batch:
            send(message_id)
        tried += len(batch)
        after = batch[-1]


def backoff(attempts: int) -> timedelta:
    seconds = settings.MOTCUA_NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MOTCUA_NOTIFY_RETRY_MAX_SECONDS))


def _due() -> Q:
    now = clock.now()
    return Q(status__in=[Status.QUEUED, Status.FAILED], next_attempt_at__lte=now) & (
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    )


def _claim(message_id: int) -> Message | Outcome:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(_due(), pk=message_id)
            .first()
        )
        if message is None:
            return Outcome.SKIPPED
        if message.locked_until is not None:
            message.last_error = _(
                "Lần gửi trước không kết thúc: tiến trình gửi đã dừng giữa chừng."
            )
        if message.attempts >= settings.MOTCUA_NOTIFY_MAX_ATTEMPTS:
            message.status, message.locked_until = Status.PARKED, None
            message.save(update_fields=["status", "locked_until", "last_error"])
            logger.error("notification %s parked: its last attempt never ended", message.pk)
            return Outcome.PARKED
        message.attempts += 1
        message.locked_until = clock.now() + timedelta(seconds=settings.MOTCUA_NOTIFY_LEASE_SECONDS)
        message.save(update_fields=["attempts", "locked_until", "last_error"])
    return message


def _failed(message: Message, *, error: str) -> Outcome:
    parked = message.attempts >= settings.MOTCUA_NOTIFY_MAX_ATTEMPTS
    changes = {"locked_until": None, "last_error": error}
    if parked:
        changes["status"] = Status.PARKED
        logger.error("notification %s parked after %d attempts", message.pk, message.attempts)
    else:
        changes["status"] = Status.FAILED
        changes["next_attempt_at"] = clock.now() + backoff(message.attempts)
    # Only if no other sender took the message over after this one's lease ran out.
    Message.objects.filter(
        pk=message.pk, status__in=[Status.QUEUED, Status.FAILED], attempts=message.attempts
    ).update(**changes)
    return Outcome.PARKED if parked else Outcome.RETRY


def register_jobs() -> None:
    every(settings.MOTCUA_NOTIFY_SWEEP_SECONDS, "notifications.sweep")(sweep)
