"""The simulators' shared memory: taking in a message once per idempotency key, and the faults
they were told to answer with."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from motcua.core import clock
from motcua.notifications.simulators.models import SimulatedFault, SimulatedMessage

ANYONE = "*"


def receive(
    *, channel: str, recipient: str, subject: str = "", body: str, idempotency_key: str
) -> tuple[SimulatedMessage, bool]:
    """Keep the message; for a key seen before, count the repeat and give back the first
    (`True`: it was a duplicate)."""
    if idempotency_key:
        first = SimulatedMessage.objects.filter(
            channel=channel, idempotency_key=idempotency_key
        ).first()
        if first is not None:
            return _repeat(first), True
    try:
        with transaction.atomic():
            return SimulatedMessage.objects.create(
                channel=channel,
                recipient=recipient,
                subject=subject,
                body=body,
                idempotency_key=idempotency_key,
                provider_message_id=uuid.uuid4().hex,
                received_at=clock.now(),
            ), False
    except IntegrityError:  # the same key arriving twice at once
        first = SimulatedMessage.objects.get(channel=channel, idempotency_key=idempotency_key)
        return _repeat(first), True


def _repeat(first: SimulatedMessage) -> SimulatedMessage:
    SimulatedMessage.objects.filter(pk=first.pk).update(duplicates=F("duplicates") + 1)
    return first


def take_fault(channel: str, recipient: str) -> SimulatedFault | None:
    """The fault set for `recipient` (or for anyone) on `channel`, one use of it spent."""
    with transaction.atomic():
        fault = (
            SimulatedFault.objects.select_for_update()
            .filter(Q(recipient=recipient) | Q(recipient=ANYONE), channel=channel)
            .order_by("pk")
            .first()
        )
        if fault is None:
            return None
        if fault.remaining is not None:
            if fault.remaining <= 1:
                fault.delete()
            else:
                SimulatedFault.objects.filter(pk=fault.pk).update(remaining=F("remaining") - 1)
        return fault
