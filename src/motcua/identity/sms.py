"""Sending a text message (SMS) for identity's own needs: the phone verification code.

`get_backend()` gives the backend named by the setting `MOTCUA_SMS_BACKEND` (a dotted path to a
class with `send(*, phone, body)`; building it raises ImproperlyConfigured when it cannot send).
Two ship:

- `motcua.notifications.phone_codes.GatewayBackend`, the default: the SMS channel plugin of the
  notifications (`MOTCUA_NOTIFY_SMS`), so one gateway carries codes and news; in the demo that is
  the SMS simulator, whose page /_sim/thong-bao/ shows the codes. It refuses until a gateway is
  configured.
- `OutboxBackend` keeps the messages in `identity.sms.outbox` (tests; like Django's locmem mail).

Loaded by name, as a plugin: identity does not import the notifications app.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

from motcua.core import clock

GATEWAY = "motcua.notifications.phone_codes.GatewayBackend"


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


def get_backend():
    """The configured backend, ready to send (raises ImproperlyConfigured when there is none)."""
    return import_string(settings.MOTCUA_SMS_BACKEND)()
