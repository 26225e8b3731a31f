"""From a dossier action to messages in the simulators: the outbox consumer queues the citizen's
messages on every channel they can be reached on (SMS first), filled from the administrator's
template, and sends them; an assignment tells the officer by e-mail; the periodic reminders tell
the handler of a step due tomorrow or overdue. Delivering the same outbox message again queues
nothing more."""

import pytest
from django.utils import timezone

from motcua.core import clock
from motcua.events import delivery, registry
from motcua.events.models import Delivery, DeliveryStatus, OutboxMessage
from motcua.notifications import consumers, reminders
from motcua.notifications.kinds import Channel, Kind
from motcua.notifications.models import Message, Status, Template, ZaloAccount
from motcua.payments import services as payments
from tests.dossiers.helpers import act, applicant, at, online, walk_in
from tests.dossiers.test_handover import on_paper
from tests.dossiers.world import build_world
from tests.notifications.gateways import received, use_gateways
from tests.payments.world import paying_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings, live_server):
    use_gateways(settings, live_server)
    return build_world()


def deliver_notifications() -> None:
    """Run what the outbox owes the notifications consumers (the other consumers — papers,
    portal notices — are not what these tests are about)."""
    due = Delivery.objects.filter(
        consumer__startswith="notifications.", status=DeliveryStatus.PENDING
    )
    for pk in due.values_list("pk", flat=True):
        delivery.deliver(pk)


def test_a_received_dossier_is_told_by_sms_zalo_and_email(world):
    ZaloAccount.objects.create(
        user=world.citizen, zalo_user_id="8812345678901234567", linked_at=timezone.now()
    )
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world, applicant=applicant(email="binh.tran@example.com"))
        dossier = act("receive", dossier, user=world.counter_a)
    deliver_notifications()
    messages = list(Message.objects.filter(kind=Kind.RECEIVED).order_by("pk"))
    assert [m.channel for m in messages] == [Channel.SMS, Channel.ZALO, Channel.EMAIL]
    assert [m.recipient for m in messages] == [
        "0912345678",
        "8812345678901234567",
        "binh.tran@example.com",
    ]
    assert {m.status for m in messages} == {Status.SENT}
    assert all(m.dossier_code == dossier.code for m in messages)
    [sms] = received(Channel.SMS)
    assert sms.body.startswith(f"Ho so {dossier.code} da duoc tiep nhan, hen tra ket qua ")
    assert clock.shown(dossier.appointment_at) in sms.body
    [letter] = received(Channel.EMAIL)
    assert letter.subject == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    assert "Kính gửi Trần Thị Bình" in letter.body
    assert len(received(Channel.ZALO)) == 1


def test_the_same_outbox_message_twice_queues_one_message(world):
    with clock.frozen(at(3, 2, 9)):
        walk_in(world)
    outbox = OutboxMessage.objects.get(topic="dossier.receive")
    message = registry.Message(
        id=outbox.id, topic=outbox.topic, payload=outbox.payload, created_at=outbox.created_at
    )
    consumers.notify(message)
    consumers.notify(message)
    assert Message.objects.filter(kind=Kind.RECEIVED).count() == 1
    assert len(received(Channel.SMS)) == 1


def test_a_request_delivered_after_the_citizen_answered_it_is_not_sent(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("receive", online(world), user=world.counter_a)
        dossier = act(
            "request_supplement",
            dossier,
            user=world.counter_a,
            missing="Giấy chứng sinh",
            reason="Thiếu giấy chứng sinh",
        )
        act("supply", dossier, user=world.citizen)
    deliver_notifications()  # late: the supplement came before the news went out
    assert not Message.objects.filter(kind=Kind.SUPPLEMENT).exists()
    assert Message.objects.filter(kind=Kind.RECEIVED).exists()


def test_the_administrators_text_is_used_and_an_inactive_one_sends_nothing(world):
    Template.objects.update_or_create(
        kind=Kind.RECEIVED,
        channel=Channel.SMS,
        defaults={"body": "UBND xa: ho so {{ ma_ho_so }} hen tra {{ hen_tra }}."},
    )
    Template.objects.update_or_create(
        kind=Kind.RECEIVED,
        channel=Channel.EMAIL,
        defaults={"subject": "x", "body": "y", "active": False},
    )
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, applicant=applicant(email="binh.tran@example.com"))
    deliver_notifications()
    [sms] = received(Channel.SMS)
    assert (
        sms.body == f"UBND xa: ho so {dossier.code} hen tra {clock.shown(dossier.appointment_at)}."
    )
    assert received(Channel.EMAIL) == []


def test_an_officer_is_told_of_an_assignment_by_email(world):
    world.specialist_a.email = "thang.vu@anhoa.gov.vn"
    world.specialist_a.save()
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        act("assign", dossier, user=world.leader_a, handler=world.specialist_a)
    deliver_notifications()
    [message] = Message.objects.filter(kind=Kind.ASSIGNED)
    assert (message.channel, message.recipient, message.status) == (
        Channel.EMAIL,
        "thang.vu@anhoa.gov.vn",
        Status.SENT,
    )
    [letter] = received(Channel.EMAIL)
    assert letter.subject == f"Được phân công xử lý hồ sơ {dossier.code}"
    assert "Vũ Đức Thắng" in letter.body


def test_the_handler_is_reminded_the_day_before_and_once_overdue(world):
    world.specialist_a.email = "thang.vu@anhoa.gov.vn"
    world.specialist_a.save()
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        dossier = act("assign", dossier, user=world.leader_a, handler=world.specialist_a)
    due = dossier.step_due_at
    with clock.frozen(at(3, 1, 10)):
        reminders.remind()
        reminders.remind()
    with clock.frozen(due.replace(hour=23)):
        reminders.remind()
        reminders.remind()
    kinds = list(
        Message.objects.filter(kind__startswith="officer.")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [Kind.DUE_TOMORROW, Kind.OVERDUE]
    letters = received(Channel.EMAIL)
    assert [letter.subject for letter in letters] == [
        f"Hồ sơ {dossier.code} đến hạn ngày mai",
        f"Hồ sơ {dossier.code} đã quá hạn",
    ]


def test_a_waiting_hand_over_list_is_recalled_to_the_receiving_unit_once_a_day(
    settings, live_server
):
    use_gateways(settings, live_server)
    world = build_world(on_paper())
    world.specialist_a.email = "thang.vu@anhoa.gov.vn"
    world.specialist_a.save()
    with clock.frozen(at(3, 2, 8)):
        dossier = walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_a,
        )
    with clock.frozen(at(3, 2, 9)):
        act("forward", dossier, user=world.counter_b)
    for moment in (at(3, 2, 10), at(3, 2, 16), at(3, 3, 10)):
        with clock.frozen(moment):
            reminders.remind()
    letters = [m for m in received(Channel.EMAIL) if m.recipient == "thang.vu@anhoa.gov.vn"]
    assert len(letters) == 2  # Monday's and Tuesday's
    assert "đã giao 1 hồ sơ giấy" in letters[0].body
    assert world.tree.commune_b.name in letters[0].body


def test_the_citizen_is_told_the_money_was_received(settings, live_server):
    use_gateways(settings, live_server)
    world = paying_world()
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        payments.ensure_assessed(dossier)
        payments.record_cash(user=world.counter_a, dossier=dossier, amount=18000)
    deliver_notifications()
    [sms] = [m for m in received(Channel.SMS) if m.body.startswith("Da nhan")]
    assert sms.body.startswith(
        f"Da nhan 18.000 dong phi, le phi ho so {dossier.key} (Tien mat tai Bo phan Mot cua)."
    )
    assert Message.objects.filter(kind=Kind.PAID, channel=Channel.SMS).count() == 1
