"""Each channel plugin against its simulator over real HTTP on loopback (the e-mail plugin
through Django's SMTP backend to a mail server on loopback): the message arrives as sent, and every way
sending fails — the gateway in trouble, not answering in time, refusing the message, not
accepting our credentials, not there at all — leaves it to be tried again after a growing wait
and, after the last allowed attempt, parked with the reason. A message sent again with the same
idempotency key is kept once by the simulators."""

import socket
from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.notifications import channels
from motcua.notifications.contrib.email.plugin import message_id
from motcua.notifications.kinds import Channel
from motcua.notifications.models import Status
from motcua.notifications.simulators.models import FaultKind
from tests.notifications.gateways import fault, queued, received, send, use_gateways
from tests.notifications.smtp import MailServer

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "0912345678"
ZALO_ID = "8812345678901234567"
EMAIL = "binh.tran@example.com"
RECIPIENTS = {Channel.SMS: PHONE, Channel.ZALO: ZALO_ID, Channel.EMAIL: EMAIL}


@pytest.fixture
def mail():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def gateways(settings, live_server, mail):
    use_gateways(settings, live_server, mail=mail)
    return live_server


@pytest.mark.parametrize("channel", list(RECIPIENTS))
def test_a_message_arrives_at_the_gateway_and_is_marked_sent(gateways, channel):
    message = send(queued(channel, RECIPIENTS[channel], subject="Kết quả hồ sơ H01"))
    [kept] = received(channel)
    assert (kept.recipient, kept.body) == (RECIPIENTS[channel], "Hồ sơ H01 đã có kết quả.")
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert message.sent_at is not None
    if channel == Channel.EMAIL:
        assert kept.subject == "Kết quả hồ sơ H01"
        assert message.provider_message_id == message_id(message.idempotency_key)
    else:
        assert message.provider_message_id == kept.provider_message_id


@pytest.mark.parametrize("channel", list(RECIPIENTS))
def test_the_same_idempotency_key_is_kept_once(gateways, channel):
    message = send(queued(channel, RECIPIENTS[channel]))
    # What a sender that died after the gateway took the message, before recording it, does on
    # its next try: the same message, with the same key.
    again = channels.Outgoing(
        recipient=RECIPIENTS[channel],
        subject="",
        body=message.body,
        idempotency_key=message.idempotency_key,
    )
    provider_id = channels.get(channel).send(again)
    [kept] = received(channel)
    assert kept.duplicates == 1
    assert provider_id == message.provider_message_id


def test_each_plugin_says_whether_the_real_service_drops_repeats(gateways, settings):
    # Zalo's OA API and SMTP take no idempotency key; an SMS gateway depends on its contract.
    assert channels.get(Channel.ZALO).real_api_idempotent is False
    assert channels.get(Channel.EMAIL).real_api_idempotent is False
    assert channels.get(Channel.SMS).real_api_idempotent is True
    settings.MOTCUA_NOTIFY_SMS = {**settings.MOTCUA_NOTIFY_SMS, "honours_idempotency_key": False}
    assert channels.get(Channel.SMS).real_api_idempotent is False


FAULTS = [
    (FaultKind.ERROR, {Channel.SMS: "HTTP 500", Channel.ZALO: "HTTP 500", Channel.EMAIL: "451"}),
    (
        FaultKind.TIMEOUT,
        {
            Channel.SMS: "không trả lời kịp",
            Channel.ZALO: "không trả lời kịp",
            Channel.EMAIL: "Không gửi được thư",
        },
    ),
    (
        FaultKind.REJECT,
        {
            # Refused in the body of an HTTP 200: the status is no part of the reason.
            Channel.SMS: "Cổng SMS từ chối: Số thuê bao không nhận tin",
            Channel.ZALO: "mã -213",
            Channel.EMAIL: "550",
        },
    ),
]


@pytest.mark.parametrize(("kind", "reasons"), FAULTS, ids=[kind for kind, _r in FAULTS])
@pytest.mark.parametrize("channel", list(RECIPIENTS))
def test_a_failing_gateway_is_tried_again_later_then_parked(gateways, channel, kind, reasons):
    fault(channel, RECIPIENTS[channel], kind, seconds=1.2)
    start = clock.now()
    with clock.frozen(start):
        message = send(queued(channel, RECIPIENTS[channel]))
        assert message.status == Status.FAILED
        assert reasons[channel] in message.last_error
        assert message.next_attempt_at == start + timedelta(seconds=60)
        # Not due yet: nothing is tried.
        assert send(message).attempts == 1
    with clock.frozen(start + timedelta(seconds=60)):
        message = send(message)
        assert (message.status, message.attempts) == (Status.FAILED, 2)
        assert message.next_attempt_at == start + timedelta(seconds=180)
    with clock.frozen(start + timedelta(seconds=180)):
        message = send(message)
    assert (message.status, message.attempts) == (Status.PARKED, 3)
    assert reasons[channel] in message.last_error
    assert received(channel) == []


def test_a_gateway_that_recovers_gets_the_message_on_the_next_try(gateways):
    fault(Channel.SMS, PHONE, FaultKind.ERROR, remaining=1)
    start = clock.now()
    with clock.frozen(start):
        message = send(queued(Channel.SMS, PHONE))
    assert message.status == Status.FAILED
    with clock.frozen(start + timedelta(minutes=1)):
        message = send(message)
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert len(received(Channel.SMS)) == 1


def test_wrong_credentials_are_refused_and_the_message_parked_in_the_end(
    settings, live_server, mail
):
    use_gateways(
        settings, live_server, mail=mail, sms_key="khoa-sai", token="ma-sai", mail_password="sai"
    )
    settings.MOTCUA_NOTIFY_MAX_ATTEMPTS = 1
    sms = send(queued(Channel.SMS, PHONE))
    zalo = send(queued(Channel.ZALO, ZALO_ID))
    email = send(queued(Channel.EMAIL, EMAIL))
    assert sms.status == zalo.status == email.status == Status.PARKED
    assert "Máy chủ thư từ chối đăng nhập" in email.last_error
    assert "HTTP 401" in sms.last_error
    assert "Sai khóa truy cập" in sms.last_error
    assert "mã -216" in zalo.last_error
    assert "Access token is invalid" in zalo.last_error
    assert received(Channel.SMS) == received(Channel.ZALO) == received(Channel.EMAIL) == []


def test_a_gateway_nobody_answers_at_is_a_failure_to_connect(settings, live_server):
    use_gateways(settings, live_server)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.MOTCUA_NOTIFY_SMS = {
        **settings.MOTCUA_NOTIFY_SMS,
        "url": f"http://127.0.0.1:{closed}/gui",
    }
    settings.MOTCUA_NOTIFY_ZALO = {
        **settings.MOTCUA_NOTIFY_ZALO,
        "base_url": f"http://127.0.0.1:{closed}",
    }
    assert "Không kết nối được cổng SMS" in send(queued(Channel.SMS, PHONE)).last_error
    assert "Không kết nối được Zalo OA" in send(queued(Channel.ZALO, ZALO_ID)).last_error


def test_the_generic_sms_plugin_follows_its_field_mapping(settings, live_server):
    """A gateway taking a form body with its own field names: the simulator reads `to`,
    `message`, `request_id`, so a mapping onto other names is refused there (400) — and the
    default mapping sent as a form arrives."""
    use_gateways(settings, live_server)
    settings.MOTCUA_NOTIFY_SMS = {
        **settings.MOTCUA_NOTIFY_SMS,
        "encoding": "form",
        "phone_format": "national",
    }
    assert send(queued(Channel.SMS, PHONE)).status == Status.SENT
    settings.MOTCUA_NOTIFY_SMS = {
        **settings.MOTCUA_NOTIFY_SMS,
        "fields": {"phone": "Phone", "text": "Content"},
    }
    failed = send(queued(Channel.SMS, PHONE))
    assert "HTTP 400" in failed.last_error
    assert "Thiếu số điện thoại" in failed.last_error
    assert len(received(Channel.SMS)) == 1


def test_the_demos_mailbox_keeps_a_letter_once(settings, live_server):
    """The demo has no mail server: its mailbox is a Django mail backend with the same log."""
    use_gateways(settings, live_server)
    message = send(queued(Channel.EMAIL, EMAIL, subject="Kết quả hồ sơ H01"))
    again = channels.Outgoing(
        recipient=EMAIL, subject="", body=message.body, idempotency_key=message.idempotency_key
    )
    channels.get(Channel.EMAIL).send(again)
    [kept] = received(Channel.EMAIL)
    assert (kept.subject, kept.duplicates, message.status) == ("Kết quả hồ sơ H01", 1, Status.SENT)
