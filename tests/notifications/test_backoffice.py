"""The back office's list of notifications sent: a unit's leader sees its messages (recipients
masked), filters them by status and channel, and sends a parked one again after confirming —
the next sweep delivers it to the simulator. Leaders of other units do not see it; officers who
oversee nothing are refused the page."""

from datetime import timedelta

import pytest
from django.test import Client

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.notifications import sending
from motcua.notifications.kinds import Channel
from motcua.notifications.models import Status
from tests.backoffice.officers import verified_login
from tests.dossiers.world import build_world
from tests.notifications.gateways import queued, received, use_gateways

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/can-bo/thong-bao/"


@pytest.fixture
def world(settings, live_server):
    use_gateways(settings, live_server)
    world = build_world()
    commune = world.tree.commune_a
    world.parked = queued(
        Channel.SMS,
        "0912345678",
        agency=commune,
        status=Status.PARKED,
        attempts=3,
        last_error="Cổng SMS từ chối (HTTP 500): Lỗi máy chủ (giả lập).",
        recipient_name="Trần Thị Bình",
    )
    world.sent = queued(
        Channel.EMAIL,
        "binh.tran@example.com",
        agency=commune,
        status=Status.SENT,
        attempts=2,
        sent_at=clock.now(),
        recipient_name="Trần Thị Bình",
    )
    return world


def test_a_leader_sees_the_units_messages_masked_and_filtered(world, django_assert_max_num_queries):
    client = verified_login(Client(), world.leader_a)
    for n in range(20):
        queued(Channel.SMS, f"09876543{n:02}", agency=world.tree.commune_a, status=Status.SENT)
    # The same number of queries however many messages the page shows (one
    # of them the menu's: the officer's roles).
    with django_assert_max_num_queries(17):
        page = client.get(URL).content.decode()
    assert "0912***678" in page
    assert "0912345678" not in page
    assert "b***@example.com" in page
    assert "Tạm dừng (lỗi nhiều lần)" in page
    assert "Lỗi máy chủ (giả lập)" in page
    parked = client.get(URL, {"trang_thai": "parked"}).content.decode()
    assert "0912***678" in parked
    assert "b***@example.com" not in parked
    retried = client.get(URL, {"trang_thai": "retried"}).content.decode()
    assert "b***@example.com" in retried
    assert "0912***678" not in retried
    by_channel = client.get(URL, {"kenh": "email"}).content.decode()
    assert "b***@example.com" in by_channel
    assert "0912***678" not in by_channel


def test_a_parked_message_is_sent_again_after_confirming(world):
    client = verified_login(Client(), world.leader_a)
    retry = f"/can-bo/thong-bao/{world.parked.pk}/gui-lai/"
    assert retry in client.get(URL).content.decode()
    confirm = client.get(retry)
    assert "Gửi lại thông báo đã tạm dừng?" in confirm.content.decode()
    answer = client.post(retry, follow=True)
    assert "Đã xếp thông báo vào hàng đợi để gửi lại." in answer.content.decode()
    world.parked.refresh_from_db()
    assert (world.parked.status, world.parked.attempts, world.parked.manual_retries) == (
        Status.QUEUED,
        0,
        1,
    )
    assert AuditEntry.objects.filter(action="notification.retry").count() == 1
    # Nothing was sent inside the request; the sweep sends it.
    assert received(Channel.SMS) == []
    with clock.frozen(clock.now() + timedelta(seconds=1)):
        sending.sweep()
    world.parked.refresh_from_db()
    assert world.parked.status == Status.SENT
    assert [m.recipient for m in received(Channel.SMS)] == ["0912345678"]
    again = client.post(retry, follow=True)
    assert "Thông báo này không ở trạng thái tạm dừng." in again.content.decode()


def test_other_units_and_other_officers_do_not_see_the_messages(world):
    other_leader = verified_login(Client(), world.leader_b)
    assert "0912***678" not in other_leader.get(URL).content.decode()
    assert other_leader.post(f"/can-bo/thong-bao/{world.parked.pk}/gui-lai/").status_code == 404
    specialist = verified_login(Client(), world.specialist_a)
    assert specialist.get(URL).status_code == 403
    assert specialist.post(f"/can-bo/thong-bao/{world.parked.pk}/gui-lai/").status_code == 404
    world.parked.refresh_from_db()
    assert world.parked.status == Status.PARKED
