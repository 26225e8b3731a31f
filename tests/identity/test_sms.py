"""The phone verification code goes out through the notifications' SMS gateway (the default
`MOTCUA_SMS_BACKEND`): over real HTTP to the SMS simulator, which shows it on its page; a
gateway that refuses tells the citizen in Vietnamese; without a gateway nothing is written and
the system check says so."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.accounts.services import register_citizen
from motcua.core.errors import Conflict
from motcua.identity import services
from motcua.identity.apps import sms_gateway_check
from motcua.identity.models import PhoneVerification
from motcua.identity.sms import GATEWAY
from motcua.notifications.kinds import Channel
from motcua.notifications.simulators.models import FaultKind
from tests.notifications.gateways import fault, received, use_gateways


@pytest.fixture
def cuc(db):
    return register_citizen(
        full_name="Lê Thị Cúc", id_type="cccd", id_number="099195007777", phone="0934567890"
    )


@pytest.fixture
def gateway(settings, live_server):
    settings.MOTCUA_SMS_BACKEND = GATEWAY
    use_gateways(settings, live_server)
    return live_server


def test_the_code_reaches_the_sms_simulator_and_its_page_shows_it(gateway, cuc, client):
    services.send_phone_code(user=cuc)
    [message] = received(Channel.SMS)
    assert message.recipient == "0934567890"
    assert "Mã xác thực số điện thoại của Ông/Bà là" in message.body
    assert PhoneVerification.objects.get(user=cuc).phone == "0934567890"

    register_citizen(
        full_name="Đỗ Văn Em", id_type="cccd", id_number="099195008888", phone="0912345678"
    )
    mine = client.get("/_sim/thong-bao/", {"nguoi-nhan": "+84 934 567 890"})
    assert "Mã xác thực số điện thoại" in mine.content.decode()
    other = client.get("/_sim/thong-bao/", {"nguoi-nhan": "0912345678"}).content.decode()
    assert "Mã xác thực số điện thoại" not in other


def test_a_gateway_that_refuses_is_explained_and_the_code_can_be_asked_again(gateway, cuc):
    fault(Channel.SMS, "0934567890", FaultKind.REJECT, remaining=1)
    with pytest.raises(Conflict) as refused:
        services.send_phone_code(user=cuc)
    assert refused.value.code == "sms_not_sent"
    assert refused.value.message.startswith("Chưa gửi được tin nhắn chứa mã tới số 0934567890")
    assert received(Channel.SMS) == []


def test_without_a_gateway_sending_refuses_and_keeps_nothing(settings, cuc):
    settings.MOTCUA_SMS_BACKEND = GATEWAY
    settings.MOTCUA_NOTIFY_SMS = {}
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_NOTIFY_SMS"):
        services.send_phone_code(user=cuc)
    assert not PhoneVerification.objects.exists()


def test_local_accounts_without_a_gateway_fail_the_system_check(settings):
    settings.MOTCUA_SMS_BACKEND = GATEWAY
    settings.MOTCUA_NOTIFY_SMS = {}
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    assert [error.id for error in sms_gateway_check(None)] == ["identity.E001"]
    settings.MOTCUA_LOCAL_ACCOUNTS = False
    assert sms_gateway_check(None) == []
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    settings.MOTCUA_NOTIFY_SMS = {"url": "https://sms.example.vn/send"}
    assert sms_gateway_check(None) == []


def test_production_settings_send_codes_through_the_notifications_gateway():
    program = "import motcua.config.settings as s; print(s.MOTCUA_SMS_BACKEND, s.MOTCUA_NOTIFY_SMS)"
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "motcua.example"}
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    printed = subprocess.run(
        [sys.executable, "-c", program],
        env=environ | production,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert printed.stdout.split() == [GATEWAY, "{}"]
