"""The consumers of outbox messages, by topic.

Apps above `events` register theirs in `AppConfig.ready()`, either with the decorator::

    @consumer("dossier.received", name="notifications.receipt_sms")
    def send_receipt_sms(message: Message) -> None: ...

or with `register("dossier.received", name=..., handler=...)`. A consumer's name is stored in
each of its deliveries, so it must stay stable and be unique across topics. A handler may run
more than once for a message (delivery is at least once: a worker can die after the work and
before marking it done); the message id is the idempotency key (`services.first_receipt`).
A consumer receives the messages published after it was registered.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Message:
    """What a handler receives; each handler gets its own copy of the payload."""

    id: UUID
    topic: str
    payload: Mapping[str, Any]
    created_at: datetime


Handler = Callable[[Message], None]

# `Delivery.consumer` and `Receipt.consumer` hold the name.
NAME_MAX_LENGTH = 150


@dataclass(frozen=True)
class Consumer:
    topic: str
    name: str
    handler: Handler


_consumers: dict[str, Consumer] = {}


def register(topic: str, *, name: str, handler: Handler) -> None:
    """Make `handler` receive the messages of `topic` under `name`. Registering the same
    handler again is harmless (Django may run `ready()` twice); another one under a taken name
    is refused."""
    if not topic or not name or len(name) > NAME_MAX_LENGTH:
        raise ImproperlyConfigured(
            f"a consumer needs a topic and a name of 1 to {NAME_MAX_LENGTH} characters"
        )
    registered = _consumers.get(name)
    wanted = Consumer(topic=topic, name=name, handler=handler)
    if registered is not None and registered != wanted:
        raise ImproperlyConfigured(f"an event consumer named {name!r} is already registered")
    _consumers[name] = wanted


def consumer(topic: str, name: str) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        register(topic, name=name, handler=handler)
        return handler

    return decorate


def consumers_for(topic: str) -> list[Consumer]:
    return [entry for entry in _consumers.values() if entry.topic == topic]


def get(name: str) -> Consumer | None:
    return _consumers.get(name)
