"""The notification tests' gateways: the simulators on pytest-django's live server (real HTTP on
loopback) with short timeouts and waits, and short ways to queue and send a message."""

import uuid

from motcua.core import clock
from motcua.notifications import sending
from motcua.notifications.models import Message, SimulatedFault, SimulatedMessage
from tests.notifications import smtp
from tests.notifications.smtp import MailServer

SMS_KEY = "khoa-cong-sms-thu"
ZALO_TOKEN = "ma-truy-cap-zalo-thu"
ZALO_APP = {"app_id": "1234567890123456789", "oa_secret_key": "khoa-oa-thu"}
EMAIL_SIMULATOR = "motcua.notifications.contrib.email.simulator.SimulatorBackend"


def use_gateways(
    settings,
    live_server,
    *,
    mail: MailServer | None = None,
    sms_key: str = SMS_KEY,
    token: str = ZALO_TOKEN,
    mail_password: str = smtp.PASSWORD,
):
    """The SMS and Zalo simulators on the live server (the OA's webhook too); e-mail through
    Django's SMTP backend to `mail` (a mail server on loopback), or else into the demo's
    simulated mailbox."""
    settings.MOTCUA_NOTIFY_SIMULATORS = True
    settings.MOTCUA_NOTIFY_SIMULATOR_SMS_KEY = SMS_KEY
    settings.MOTCUA_NOTIFY_SIMULATOR_ZALO_TOKEN = ZALO_TOKEN
    settings.MOTCUA_NOTIFY_SMS = {
        "url": f"{live_server.url}/_sim/thong-bao/sms/gui",
        "headers": {"Authorization": f"Bearer {sms_key}"},
        "honours_idempotency_key": True,
        "timeout_seconds": 1,
    }
    settings.MOTCUA_NOTIFY_ZALO = {
        "base_url": f"{live_server.url}/_sim/thong-bao/zalo",
        "access_token": token,
        "token_header": "access-token",
        "timeout_seconds": 1,
        **ZALO_APP,
    }
    # The simulated Zalo platform signs the OA's webhook events and posts them here.
    settings.MOTCUA_NOTIFY_SIMULATOR_ZALO_APP = ZALO_APP
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_NOTIFY_EMAIL_BACKEND = EMAIL_SIMULATOR
    if mail is not None:
        settings.MOTCUA_NOTIFY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", mail.port
        settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = smtp.USER, mail_password
        settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1
    settings.MOTCUA_NOTIFY_MAX_ATTEMPTS = 3
    settings.MOTCUA_NOTIFY_RETRY_BASE_SECONDS = 60
    settings.MOTCUA_NOTIFY_RETRY_MAX_SECONDS = 600


def queued(
    channel: str, recipient: str, body: str = "Hồ sơ H01 đã có kết quả.", **extra
) -> Message:
    now = clock.now()
    return Message.objects.create(
        channel=channel,
        kind=extra.pop("kind", "dossier.finish"),
        recipient=recipient,
        body=body,
        idempotency_key=uuid.uuid4().hex,
        next_attempt_at=now,
        created_at=now,
        **extra,
    )


def fault(channel: str, recipient: str, kind: str, *, seconds: float = 0, remaining=None) -> None:
    SimulatedFault.objects.create(
        channel=channel, recipient=recipient, kind=kind, seconds=seconds, remaining=remaining
    )


def received(channel: str) -> list[SimulatedMessage]:
    return list(SimulatedMessage.objects.filter(channel=channel).order_by("pk"))


def send(message: Message) -> Message:
    sending.send(message.pk)
    message.refresh_from_db()
    return message
