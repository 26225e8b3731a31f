"""The VNPay plugin end to end against the gateway simulator, over real HTTP: the signed redirect,
the payment page's choices, the signed IPN and return, the reconciliation of a lost IPN by
`querydr`, expiry, and a refund."""

import re
from datetime import timedelta

import pytest
import requests

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import Status
from motcua.payments import services, settlement
from motcua.payments.models import (
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    SimulatedTransaction,
)
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.world import paying_world


@pytest.fixture
def world(transactional_db, live_server, settings):
    settings.MOTCUA_VNPAY_SIMULATOR_IPN_URL = f"{live_server.url}/thanh-toan/vnpay/ipn/"
    return paying_world(base_url=f"{live_server.url}/_sim/vnpay")


def start(world, live_server, *, obligation: bool = True) -> str:
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        if obligation:
            act("request_payment", dossier, user=world.counter_a, amount=16000, reason="Bản sao.")
    return services.start_online(
        user=world.citizen,
        dossier=dossier,
        return_url=f"{live_server.url}/thanh-toan/vnpay/ket-qua/",
        client_ip="127.0.0.1",
    )


def choose(url: str, choice: str) -> requests.Response:
    """Open the simulator's payment page and press one of its buttons, as a browser would."""
    browser = requests.Session()
    page = browser.get(url, timeout=30)
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return browser.post(
        url,
        data={"csrfmiddlewaretoken": token, "choice": choice},
        headers={"Referer": url},
        timeout=30,
        allow_redirects=False,
    )


def test_paying_at_the_gateway_notifies_the_system_and_returns_the_citizen(world, live_server):
    url = start(world, live_server)
    assert "/_sim/vnpay/paymentv2/vpcpay.html?" in url
    assert "vnp_Amount=3400000" in url

    answer = choose(url, "pay")

    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(f"{live_server.url}/thanh-toan/vnpay/ket-qua/?")
    payment = Payment.objects.get(status=PaymentStatus.PAID)
    assert payment.amount == 34000
    assert payment.provider_reference
    assert SimulatedTransaction.objects.get(txn_ref=payment.reference).ipn_answers == ["00"]
    payment.dossier.refresh_from_db()
    assert payment.dossier.status == Status.RECEIVED
    # The return, signed by the gateway, is recorded again: counted once.
    back = requests.get(answer.headers["Location"], timeout=30, allow_redirects=False)
    assert back.status_code == 302
    assert Payment.objects.filter(status=PaymentStatus.PAID).count() == 1


def test_a_tampered_request_is_refused_by_the_gateway(world, live_server):
    url = start(world, live_server).replace("vnp_Amount=3400000", "vnp_Amount=100")
    page = requests.get(url, timeout=30)
    assert page.status_code == 400
    assert "Sai chữ ký" in page.text


def test_a_failed_or_cancelled_payment_leaves_the_fees_due(world, live_server):
    answer = choose(start(world, live_server), "cancel")
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED
    assert payment.response_code == "24"
    assert (
        requests.get(answer.headers["Location"], timeout=30, allow_redirects=False).status_code
        == 302
    )
    payment.dossier.refresh_from_db()
    assert payment.dossier.status == Status.AWAITING_PAYMENT


def test_a_lost_ipn_is_reconciled_by_querying_the_gateway(world, live_server):
    choose(start(world, live_server), "pay_silently")
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING

    assert settlement.reconcile(older_than=timedelta(0)) == 1

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    payment.dossier.refresh_from_db()
    assert payment.dossier.status == Status.RECEIVED


def test_a_payment_that_never_reached_the_gateway_expires(world, live_server):
    start(world, live_server)
    payment = Payment.objects.get()
    assert settlement.reconcile(older_than=timedelta(0)) == 0  # unknown there, not yet expired
    with clock.frozen(payment.expires_at + timedelta(minutes=1)):
        assert settlement.reconcile(older_than=timedelta(0)) == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED


def test_a_leader_refunds_through_the_gateway(world, live_server):
    choose(start(world, live_server), "pay")
    payment = Payment.objects.get()

    refund = services.refund(
        user=world.leader_a,
        payment=payment,
        amount=34000,
        reason="Dừng xử lý.",
        client_ip="127.0.0.1",
    )

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert refund.provider_reference
    assert SimulatedTransaction.objects.get(txn_ref=payment.reference).refunded == 3400000
    with pytest.raises(Conflict, match="không còn tiền để hoàn"):
        services.refund(
            user=world.leader_a, payment=payment, amount=1, reason="Lần nữa.", client_ip="127.0.0.1"
        )
    assert Refund.objects.count() == 1


def test_an_older_page_paid_after_a_newer_payment_started_is_still_recorded(world, live_server):
    old_page = start(world, live_server)
    payment = Payment.objects.get()
    services.start_online(
        user=world.citizen,
        dossier=payment.dossier,
        return_url=f"{live_server.url}/thanh-toan/vnpay/ket-qua/",
        client_ip="127.0.0.1",
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED

    choose(old_page, "pay_silently")  # the back button, and the IPN lost
    settlement.reconcile(older_than=timedelta(0))

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert not payment.surplus


def test_a_refund_the_gateway_refuses_is_kept_as_failed_and_refunds_nothing(world, live_server):
    choose(start(world, live_server), "pay")
    payment = Payment.objects.get()
    payment.merchant.api_url = "http://127.0.0.1:9/khong-co"
    payment.merchant.save()

    with pytest.raises(Conflict, match="chưa nhận yêu cầu hoàn tiền"):
        services.refund(
            user=world.leader_a, payment=payment, amount=1000, reason="Thử.", client_ip="::1"
        )

    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == (PaymentStatus.PAID, 0)
    assert Refund.objects.get().status == RefundStatus.FAILED
