"""E-mail through Django's mail, with the backend `MOTCUA_NOTIFY_EMAIL_BACKEND` (SMTP in
production, the simulator's mailbox in the demo; "off" leaves the channel unused).

Idempotency: every attempt carries the same `Message-ID` header, built from the message's key.
SMTP servers do not drop a repeated Message-ID (`real_api_idempotent` is False) — mail readers
often fold such copies into one —; the simulator's mailbox drops it.
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _

from motcua.notifications.channels import Outgoing, SendFailed
from motcua.notifications.kinds import Channel

OFF = "off"


def message_id(idempotency_key: str) -> str:
    return f"<{idempotency_key}@motcua.thong-bao>"


class EmailPlugin:
    channel = Channel.EMAIL
    real_api_idempotent = False

    def configured(self) -> bool:
        return settings.MOTCUA_NOTIFY_EMAIL_BACKEND not in ("", OFF)

    def send(self, outgoing: Outgoing) -> str:
        header = message_id(outgoing.idempotency_key)
        letter = EmailMessage(
            subject=outgoing.subject,
            body=outgoing.body,
            to=[outgoing.recipient],
            headers={"Message-ID": header},
            connection=get_connection(settings.MOTCUA_NOTIFY_EMAIL_BACKEND),
        )
        try:
            letter.send()
        except smtplib.SMTPAuthenticationError as exc:
            raise SendFailed(
                _("Máy chủ thư từ chối đăng nhập: %(error)s") % {"error": exc}
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SendFailed(_("Không gửi được thư: %(error)s") % {"error": exc}) from exc
        return header
