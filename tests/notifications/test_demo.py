"""The demo: what the seed's dossier stories published reaches the simulators once the outbox is
delivered (as `make run`'s dispatcher does), and the leader of Phường An Hòa finds the messages in
the back office — in a real browser, sending a parked one again after confirming."""

import pytest

from motcua.accounts.models import User
from motcua.notifications import selectors
from motcua.notifications.kinds import Channel, Kind
from motcua.notifications.models import Message, Status
from tests.backoffice.inbox.test_online_walk_browser import as_officer
from tests.notifications.gateways import received, use_gateways
from tests.notifications.test_consumers import deliver_notifications

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_province, settings, live_server):
    use_gateways(settings, live_server)
    deliver_notifications()
    return live_server


def test_the_seeds_dossiers_are_told_through_the_simulators(demo):
    assert Message.objects.filter(status=Status.SENT).exists()
    assert not Message.objects.exclude(status=Status.SENT).exists()
    binh = {m.body for m in received(Channel.SMS) if m.recipient == "0912345678"}
    assert any("da duoc tiep nhan" in body for body in binh)
    # Trần Thị Bình follows the province's Zalo OA.
    assert any(m.recipient == "8812345678901234567" for m in received(Channel.ZALO))
    kinds = set(Message.objects.values_list("kind", flat=True))
    assert {Kind.RECEIVED, Kind.READY, Kind.APOLOGY} <= kinds


@pytest.mark.browser
def test_a_leader_sends_a_parked_message_again_in_the_browser(demo, chromium):
    leader = User.objects.get(username="ld.anhoa")
    parked = selectors.messages_for(leader).first()
    assert parked is not None, "the leader of Phường An Hòa oversees some of the demo's messages"
    Message.objects.filter(pk=parked.pk).update(
        status=Status.PARKED, last_error="Cổng SMS không trả lời kịp (giả lập)."
    )
    page = as_officer(chromium, demo, leader)
    page.goto(f"{demo.url}/can-bo/thong-bao/")
    page.get_by_role("link", name="Thông báo đã gửi").wait_for()
    page.get_by_label("Trạng thái").select_option("parked")
    page.get_by_role("button", name="Lọc").click()
    assert page.get_by_text("Cổng SMS không trả lời kịp (giả lập).").is_visible()
    page.get_by_role("link", name="Gửi lại").click()
    page.get_by_role("button", name="Gửi lại").click()
    assert page.get_by_text("Đã xếp thông báo vào hàng đợi để gửi lại.").is_visible()
    parked.refresh_from_db()
    assert (parked.status, parked.manual_retries) == (Status.QUEUED, 1)
