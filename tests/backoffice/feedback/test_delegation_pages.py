"""The absence-and-delegation page: an officer names their own substitute, a leader names one
for a specialist of the agency, a specialist cannot for a colleague; the lists of delegations
given, received and in the leader's units; ending one early (or cancelling one not started)
after a confirmation, audited; and the substitute's pages saying whom they stand in for."""

from datetime import timedelta

import pytest

from motcua.accounts.models import Delegation
from motcua.accounts.services import delegate
from motcua.audit.models import AuditEntry
from motcua.core import clock
from tests.backoffice.officers import verified_login

pytestmark = pytest.mark.django_db

PAGE = "/can-bo/uy-quyen/"


def moment(value) -> str:
    return value.astimezone(clock.VN_TZ).strftime("%Y-%m-%dT%H:%M")


def form(world, principal, substitute, *, start_in=timedelta(hours=1), hours=8, reason="Nghỉ phép"):
    start = clock.now() + start_in
    return {
        "principal": principal.pk,
        "substitute": substitute.pk if substitute else "",
        "starts_at": moment(start),
        "ends_at": moment(start + timedelta(hours=hours)),
        "reason": reason,
    }


def test_an_officer_names_their_own_substitute(client, world, monday):
    verified_login(client, world.specialist_a)
    page = client.get(PAGE).content.decode()
    assert world.counter_a.full_name in page  # a colleague of the same commune
    assert world.counter_b.full_name not in page  # another commune's officer
    done = client.post(PAGE, form(world, world.specialist_a, world.counter_a))
    assert done.status_code == 302
    made = Delegation.objects.get()
    assert (made.principal, made.substitute, made.reason) == (
        world.specialist_a,
        world.counter_a,
        "Nghỉ phép",
    )
    listed = client.get(PAGE).content.decode()
    assert "Đã đặt Hoàng Thị Mai làm thay Vũ Đức Thắng" in listed
    assert "Sắp tới" in listed


def test_errors_stay_by_their_field_and_keep_what_was_typed(client, world, monday):
    verified_login(client, world.specialist_a)
    data = form(world, world.specialist_a, None, reason="Đi học tập trung")
    data["ends_at"] = data["starts_at"]
    refused = client.post(PAGE, data)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Chọn người thay thế." in body
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in body
    assert 'value="Đi học tập trung"' in body
    assert not Delegation.objects.exists()


def test_a_leader_names_a_substitute_for_a_specialist_but_a_specialist_cannot(
    client, world, monday
):
    verified_login(client, world.leader_a)
    assert client.post(PAGE, form(world, world.specialist_a, world.counter_a)).status_code == 302
    assert Delegation.objects.get().created_by == world.leader_a
    client.logout()
    verified_login(client, world.specialist_a)
    refused = client.post(
        PAGE, form(world, world.counter_a, world.leader_a, start_in=timedelta(days=3))
    )
    assert refused.status_code == 400
    assert "Bạn chỉ đặt được người thay thế cho chính mình" in refused.content.decode()
    assert Delegation.objects.count() == 1


def test_ending_a_running_delegation_early_and_cancelling_one_to_come(client, world, monday):
    running = delegate(
        actor=world.leader_a,
        principal=world.specialist_a,
        substitute=world.counter_a,
        starts_at=clock.now() - timedelta(hours=1),
        ends_at=clock.now() + timedelta(days=2),
        reason="Nghỉ ốm",
    )
    to_come = delegate(
        actor=world.specialist_a,
        principal=world.specialist_a,
        substitute=world.counter_a,
        starts_at=clock.now() + timedelta(days=5),
        ends_at=clock.now() + timedelta(days=6),
    )
    verified_login(client, world.specialist_a)
    page = client.get(PAGE).content.decode()
    assert "Đang hiệu lực" in page
    assert "Sắp tới" in page
    url = f"{PAGE}{running.pk}/ket-thuc/"
    assert "Kết thúc ủy quyền ngay bây giờ?" in client.get(url).content.decode()
    running.refresh_from_db()
    assert running.ends_at > clock.now()  # the confirmation page changes nothing
    assert client.post(url).status_code == 302
    running.refresh_from_db()
    assert running.ends_at == clock.now()
    assert client.post(f"{PAGE}{to_come.pk}/ket-thuc/").status_code == 302
    assert not Delegation.objects.filter(pk=to_come.pk).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"accounts.delegation_end", "accounts.delegation_cancel"} <= actions
    # Over: nothing left to end, and the page says so.
    again = client.post(url, follow=True).content.decode()
    assert "Ủy quyền này đã kết thúc" in again


def test_only_those_who_manage_a_delegation_may_end_it(client, world, monday):
    running = delegate(
        actor=world.specialist_a,
        principal=world.specialist_a,
        substitute=world.counter_a,
        starts_at=clock.now() - timedelta(hours=1),
        ends_at=clock.now() + timedelta(days=2),
    )
    url = f"{PAGE}{running.pk}/ket-thuc/"
    # The substitute sees it among those received, without the button, and may not end it.
    verified_login(client, world.counter_a)
    page = client.get(PAGE).content.decode()
    assert "Đang thay Vũ Đức Thắng" in page
    assert url not in page
    assert client.post(url).status_code == 404
    client.logout()
    verified_login(client, world.counter_b)
    assert client.get(url).status_code == 404
    client.logout()
    verified_login(client, world.leader_a)
    assert url in client.get(PAGE).content.decode()  # in the leader's units
    client.logout()
    client.force_login(world.citizen)
    assert client.get(PAGE).status_code == 403


def test_nobody_stands_in_for_themselves(client, world, monday):
    verified_login(client, world.specialist_a)
    refused = client.post(PAGE, form(world, world.specialist_a, world.specialist_a))
    assert refused.status_code == 400
    assert "Không thể ủy quyền cho chính mình." in refused.content.decode()
    assert not Delegation.objects.exists()
