"""The SMS interface of identity: the backend chosen by `MOTCUA_SMS_BACKEND`, the simulator's
phone inbox at /_sim/tin-nhan/, and the production default that refuses until a gateway is set."""

import os
import subprocess
import sys
from datetime import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.accounts.services import register_citizen
from motcua.core import clock
from motcua.identity import services
from motcua.identity.apps import sms_gateway_check
from motcua.identity.models import PhoneVerification, SimulatedSms

SIMULATOR = "motcua.identity.sms.SimulatorBackend"
UNCONFIGURED = "motcua.identity.sms.UnconfiguredBackend"


@pytest.fixture
def cuc(db):
    return register_citizen(
        full_name="Lê Thị Cúc", id_type="cccd", id_number="099195007777", phone="0934567890"
    )


@pytest.mark.django_db
def test_the_simulator_shows_the_messages_on_a_phone_inbox_page(
    client, settings, cuc, django_capture_on_commit_callbacks
):
    settings.MOTCUA_SMS_BACKEND = SIMULATOR
    settings.MOTCUA_SMS_SIMULATOR = True
    SimulatedSms.objects.create(
        phone="0912345678",
        body="Tin nhắn cho người khác",
        sent_at=datetime(2026, 3, 4, 8, 0, tzinfo=clock.VN_TZ),
    )
    with (
        clock.frozen(datetime(2026, 3, 4, 9, 15, 30, tzinfo=clock.VN_TZ)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.send_phone_code(user=cuc)

    page = client.get("/_sim/tin-nhan/").content.decode()
    assert "Môi trường mô phỏng" in page
    assert page.index("Mã xác thực số điện thoại") < page.index("Tin nhắn cho người khác")
    assert "09:15:30 04/03/2026" in page

    # One phone's messages, typed as people type numbers.
    mine = client.get("/_sim/tin-nhan/", {"so": "+84 934 567 890"}).content.decode()
    assert "Mã xác thực số điện thoại" in mine
    assert "Tin nhắn cho người khác" not in mine


@pytest.mark.django_db
def test_the_simulator_page_is_not_there_when_off(client, settings):
    settings.MOTCUA_SMS_SIMULATOR = False
    assert client.get("/_sim/tin-nhan/").status_code == 404


@pytest.mark.django_db
def test_without_a_gateway_sending_refuses_and_keeps_nothing(settings, cuc):
    settings.MOTCUA_SMS_BACKEND = UNCONFIGURED
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_SMS_BACKEND"):
        services.send_phone_code(user=cuc)
    assert not PhoneVerification.objects.exists()


def test_local_accounts_without_a_gateway_fail_the_system_check(settings):
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    settings.MOTCUA_SMS_BACKEND = UNCONFIGURED
    assert [error.id for error in sms_gateway_check(None)] == ["identity.E001"]
    settings.MOTCUA_LOCAL_ACCOUNTS = False
    assert sms_gateway_check(None) == []
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    settings.MOTCUA_SMS_BACKEND = SIMULATOR
    assert sms_gateway_check(None) == []


def _settings_with(**environ) -> subprocess.CompletedProcess:
    """The settings module read in a fresh interpreter with a production environment."""
    program = (
        "import motcua.config.settings as s; print(s.MOTCUA_SMS_SIMULATOR, s.MOTCUA_SMS_BACKEND)"
    )
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "motcua.example"}
    return subprocess.run(
        [sys.executable, "-c", program],
        env=os.environ | production | environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_choose_the_refusing_backend_and_no_simulator():
    assert _settings_with().stdout.split() == ["False", UNCONFIGURED]
    refused = _settings_with(MOTCUA_SMS_SIMULATOR="true")
    assert refused.returncode != 0
    assert "MOTCUA_SMS_SIMULATOR may be on only with DEBUG on" in refused.stderr
