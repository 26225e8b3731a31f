"""VNPay's IPN over real HTTP: a payment is recorded once, whatever comes and however often, and
every error path answers the code the protocol fixes while changing nothing."""

import threading
from collections import Counter

import pytest

from motcua.core import clock
from motcua.dossiers.models import Status
from motcua.payments import services
from motcua.payments.models import Payment, PaymentEvent, PaymentStatus
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.gateway import ipn, notification
from tests.payments.world import paying_world


@pytest.fixture
def world(transactional_db):
    return paying_world(due="khi_nop")  # fees asked for at filing: payable at once


def started(world, *, obligation: bool = False) -> Payment:
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        if obligation:
            act("request_payment", dossier, user=world.counter_a, amount=16000, reason="Bản sao.")
        services.start_online(
            user=world.citizen, dossier=dossier, return_url="http://x/", client_ip="127.0.0.1"
        )
    return Payment.objects.get(dossier=dossier, status=PaymentStatus.PENDING)


def test_a_paid_notification_is_recorded_and_a_repeat_is_counted_once(world, live_server):
    payment = started(world, obligation=True)
    params = notification(payment)

    assert ipn(live_server.url, params) == {"RspCode": "00", "Message": "Confirm Success"}
    assert ipn(live_server.url, params)["RspCode"] == "02"

    payment.refresh_from_db()
    assert (payment.status, payment.provider_reference, payment.bank_code) == (
        PaymentStatus.PAID,
        "14226112",
        "NCB",
    )
    dossier = payment.dossier
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED  # the obligation met, the wait is over
    assert dossier.fees_due == 0
    assert dossier.events.filter(action="confirm_payment").count() == 1


def test_a_bad_signature_is_answered_97_and_changes_nothing(world, live_server):
    payment = started(world)
    forged = {**notification(payment), "vnp_Amount": "100"}
    unsigned = {k: v for k, v in notification(payment).items() if k != "vnp_SecureHash"}

    assert ipn(live_server.url, forged)["RspCode"] == "97"
    assert ipn(live_server.url, unsigned)["RspCode"] == "97"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not PaymentEvent.objects.filter(kind="ipn").exists()  # logged, not stored


def test_an_unknown_order_is_01_and_a_wrong_amount_04(world, live_server):
    payment = started(world)

    unknown = notification(payment, vnp_TxnRef="KHONGCOMA")
    assert ipn(live_server.url, unknown) == {"RspCode": "01", "Message": "Order not found"}
    wrong = notification(payment, vnp_Amount=str(payment.amount * 100 + 100))
    assert ipn(live_server.url, wrong)["RspCode"] == "04"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_failed_payment_is_recorded_00_and_the_citizen_may_pay_again(world, live_server):
    payment = started(world)

    assert ipn(live_server.url, notification(payment, code="24", status="02"))["RspCode"] == "00"
    payment.refresh_from_db()
    assert (payment.status, payment.response_code) == (PaymentStatus.FAILED, "24")
    payment.dossier.refresh_from_db()
    assert payment.dossier.fees_due == 18000
    assert ipn(live_server.url, notification(payment, code="24", status="02"))["RspCode"] == "02"
    # Money the gateway says it took after all is recorded, never dropped.
    assert ipn(live_server.url, notification(payment))["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


@pytest.mark.postgres
def test_fifty_concurrent_duplicates_make_one_payment(world, live_server):
    payment = started(world, obligation=True)
    params = notification(payment)
    answers: list[str] = []
    gate = threading.Barrier(50)

    def call() -> None:
        gate.wait()
        answers.append(ipn(live_server.url, params)["RspCode"])

    threads = [threading.Thread(target=call) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(answers) == {"00": 1, "02": 49}
    assert Payment.objects.filter(dossier=payment.dossier, status=PaymentStatus.PAID).count() == 1
    assert payment.dossier.events.filter(action="confirm_payment").count() == 1


@pytest.mark.postgres
def test_two_payments_of_one_dossier_paid_at_once_record_the_second_as_surplus(world, live_server):
    first = started(world)
    with clock.frozen(at(3, 2, 9, 5)):
        services.start_online(
            user=world.citizen, dossier=first.dossier, return_url="http://x/", client_ip="::1"
        )
    second = Payment.objects.get(dossier=first.dossier, status=PaymentStatus.PENDING)
    answers: list[str] = []
    gate = threading.Barrier(2)

    def call(payment: Payment) -> None:
        gate.wait()
        answers.append(ipn(live_server.url, notification(payment))["RspCode"])

    threads = [threading.Thread(target=call, args=(p,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == ["00", "00"]  # both recorded: the money came twice
    paid = Payment.objects.filter(dossier=first.dossier, status=PaymentStatus.PAID)
    assert sorted(p.surplus for p in paid) == [False, True]
