"""The simulators' page in the demo: what the gateways received, by channel, and the faults a
demo user sets to watch a message fail, be retried and parked — then clears."""

import pytest
from django.test import Client

from motcua.notifications.kinds import Channel
from motcua.notifications.models import SimulatedFault
from motcua.notifications.simulators import store

pytestmark = pytest.mark.django_db

PAGE = "/_sim/thong-bao/"


def test_the_page_lists_what_each_gateway_received(settings):
    store.receive(
        channel=Channel.SMS, recipient="0912345678", body="Ho so H01", idempotency_key="k1"
    )
    store.receive(
        channel=Channel.SMS, recipient="0912345678", body="Ho so H01", idempotency_key="k1"
    )
    store.receive(
        channel=Channel.EMAIL,
        recipient="binh@example.com",
        subject="Hồ sơ H02",
        body="Nội dung",
        idempotency_key="",
    )
    page = Client().get(PAGE).content.decode()
    assert "Ho so H01" in page
    assert "Hồ sơ H02" in page
    sms_only = Client().get(PAGE, {"kenh": "sms"}).content.decode()
    assert "Ho so H01" in sms_only
    assert "Hồ sơ H02" not in sms_only


def test_a_fault_is_set_and_cleared_from_the_page():
    client = Client()
    answer = client.post(
        f"{PAGE}loi-gia-lap/",
        {
            "channel": "sms",
            "recipient": "0912345678",
            "kind": "error",
            "seconds": "0",
            "remaining": "2",
        },
        follow=True,
    )
    assert "Đã đặt lỗi giả lập." in answer.content.decode()
    assert "Lỗi máy chủ (HTTP 500)" in answer.content.decode()
    fault = store.take_fault(Channel.SMS, "0912345678")
    assert (fault.kind, SimulatedFault.objects.get().remaining) == ("error", 1)
    client.post(f"{PAGE}loi-gia-lap/xoa/")
    assert store.take_fault(Channel.SMS, "0912345678") is None


def test_the_simulators_are_not_there_when_turned_off(settings):
    settings.MOTCUA_NOTIFY_SIMULATORS = False
    assert Client().get(PAGE).status_code == 404
    assert Client().post(f"{PAGE}sms/gui").status_code == 404
