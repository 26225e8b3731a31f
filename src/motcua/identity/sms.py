"""Sending a text message (SMS) for identity's own needs: the phone verification code.

A small interface until the notifications app brings SMS gateways as plugins: `get_backend()`
gives the backend named by the setting `MOTCUA_SMS_BACKEND` (a dotted path to a class with
`send(*, phone, body)`). Three backends ship:

- `OutboxBackend` keeps the messages in `identity.sms.outbox` (tests; like Django's locmem mail);
- `SimulatorBackend` stores them for the phone inbox page at /_sim/tin-nhan/ (the demo);
- `UnconfiguredBackend`, the production default, refuses with a configuration error: a real
  gateway has to be configured before local accounts can verify phones.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from motcua.core import clock
from motcua.identity.models import SimulatedSms


@dataclass(frozen=True)
class TextMessage:
    phone: str
    body: str
    sent_at: datetime


# What `OutboxBackend` sent, oldest first; tests empty it between them.
outbox: list[TextMessage] = []


class OutboxBackend:
    def send(self, *, phone: str, body: str) -> None:
        outbox.append(TextMessage(phone=phone, body=body, sent_at=clock.now()))


class SimulatorBackend:
    def send(self, *, phone: str, body: str) -> None:
        SimulatedSms.objects.create(phone=phone, body=body, sent_at=clock.now())


class UnconfiguredBackend:
    """Refuses as soon as it is chosen, before anything is written: a code nobody receives would
    lock the citizen out."""

    def __init__(self) -> None:
        raise ImproperlyConfigured(
            "No SMS gateway is configured: set MOTCUA_SMS_BACKEND to a gateway backend "
            "(docs/OPERATIONS.md, 'SMS for phone verification'), or turn MOTCUA_LOCAL_ACCOUNTS off."
        )


UNCONFIGURED = f"{__name__}.UnconfiguredBackend"


def get_backend():
    """The configured backend, ready to send (raises ImproperlyConfigured when there is none)."""
    return import_string(settings.MOTCUA_SMS_BACKEND)()
