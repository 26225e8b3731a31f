"""Publishing to the outbox, retrying parked deliveries, and the receipts that keep consumers
idempotent — what the other apps call.

`publish()` writes in the caller's transaction: if it rolls back, nothing was published. Only
after the commit is delivery started (`transaction.on_commit`), and never in the publishing
thread: with Redis a Celery worker takes the message, otherwise the in-process dispatcher thread
is woken (`events.dispatcher`). A delivery that fails waits for a later sweep.
"""

import json
import re
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import QuerySet

from motcua.core import clock
from motcua.events import dispatcher, registry
from motcua.events.models import Delivery, DeliveryStatus, OutboxMessage, Receipt

_TOPIC = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
KEY_MAX_LENGTH = OutboxMessage._meta.get_field("key").max_length


def publish(topic: str, payload: Mapping[str, Any], *, key: str = "") -> OutboxMessage:
    """Record that `topic` happened, with `payload` (a JSON object), for every consumer of the
    topic; `key` names what it is about (a dossier code), for people searching."""
    if not _TOPIC.fullmatch(topic):
        raise ValueError(
            f"event topic {topic!r} is not a dotted machine name like 'dossier.received'"
        )
    if len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"an event key has at most {KEY_MAX_LENGTH} characters")
    if not isinstance(payload, Mapping):
        raise TypeError(f"an event payload is a mapping, not {type(payload).__name__}")
    try:
        text = json.dumps(payload, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"the payload of {topic!r} is not JSON-serialisable: {exc}") from exc
    now = clock.now()
    consumers = registry.consumers_for(topic)
    with transaction.atomic():
        # Stored as it reads back, so every consumer sees the same payload in every mode.
        message = OutboxMessage.objects.create(
            topic=topic, key=key, payload=json.loads(text), created_at=now
        )
        Delivery.objects.bulk_create(
            Delivery(message=message, consumer=entry.name, next_attempt_at=now)
            for entry in consumers
        )
        if consumers:
            _kick_on_commit(message.id)
    return message


def retry_parked(*, deliveries: QuerySet[Delivery]) -> int:
    """Give the parked ones among `deliveries` a fresh set of attempts, starting now."""
    with transaction.atomic():
        parked = list(
            deliveries.filter(status=DeliveryStatus.PARKED).values_list("pk", "message_id")
        )
        Delivery.objects.filter(pk__in=[pk for pk, _message in parked]).update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=clock.now(),
            locked_until=None,
        )
        for message_id in {message_id for _pk, message_id in parked}:
            _kick_on_commit(message_id)
    return len(parked)


def first_receipt(*, consumer: str, message: registry.Message) -> bool:
    """Note that `consumer` handled `message`; False if it already had (do nothing then).

    Call it inside the `transaction.atomic()` block that writes the consumer's own changes, so
    the receipt and the changes commit together or not at all."""
    if not connection.in_atomic_block:
        raise RuntimeError("first_receipt() belongs inside the consumer's transaction")
    _receipt, created = Receipt.objects.get_or_create(
        consumer=consumer, message_id=message.id, defaults={"received_at": clock.now()}
    )
    return created


def _kick_on_commit(message_id: UUID) -> None:
    # Robust: a broker that is down must not fail a request whose work is committed; the
    # sweep delivers later. (Django logs a robust callback by its __qualname__, which a
    # functools.partial lacks.)
    def kick() -> None:
        dispatcher.kick(message_id=message_id)

    transaction.on_commit(kick, robust=True)
