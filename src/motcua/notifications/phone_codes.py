"""The SMS gateway for identity's phone verification codes (`MOTCUA_SMS_BACKEND`'s default): the
same channel plugin that sends the citizens' news (`MOTCUA_NOTIFY_SMS`), called at once rather
than queued. A code is worth sending only while the citizen waits for it, so it is not retried
later: a gateway that fails tells the citizen to ask for a new code, and the failure is logged.

identity loads this class by its dotted path, as a plugin, so it does not import notifications.
"""

import logging
import uuid

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict
from motcua.notifications import channels
from motcua.notifications.kinds import Channel

logger = logging.getLogger(__name__)


class GatewayBackend:
    def __init__(self) -> None:
        # Refused when chosen, before a code is written: a code nobody receives locks the
        # citizen out.
        if not channels.usable(Channel.SMS):
            raise ImproperlyConfigured(
                "No SMS gateway is configured for phone verification codes: set "
                "MOTCUA_NOTIFY_SMS (docs/OPERATIONS.md, 'SMS for phone verification'), or turn "
                "MOTCUA_LOCAL_ACCOUNTS off."
            )
        self.plugin = channels.get(Channel.SMS)

    def send(self, *, phone: str, body: str) -> None:
        outgoing = channels.Outgoing(
            recipient=phone, subject="", body=body, idempotency_key=f"ma-xac-thuc-{uuid.uuid4()}"
        )
        try:
            self.plugin.send(outgoing)
        except channels.SendFailed as failed:
            logger.warning("Phone code to %s not sent: %s", phone[-4:], failed.message)
            raise Conflict(
                _(
                    "Chưa gửi được tin nhắn chứa mã tới số {phone} (cổng tin nhắn đang gặp sự cố). "
                    "Vui lòng bấm “Gửi lại mã” sau một phút."
                ).format(phone=phone),
                code="sms_not_sent",
            ) from failed
