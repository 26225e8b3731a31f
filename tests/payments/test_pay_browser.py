"""A citizen pays a fee from her dossier page through the gateway simulator, in Chromium, and sees
the dossier move on."""

import pytest
from playwright.sync_api import expect

from motcua.core import clock
from motcua.dossiers.models import Status
from motcua.payments.models import Payment, PaymentStatus
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.world import paying_world
from tests.portal.browser import Auditor, signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, live_server, settings):
    settings.MOTCUA_VNPAY_SIMULATOR_IPN_URL = f"{live_server.url}/thanh-toan/vnpay/ipn/"
    settings.MOTCUA_PUBLIC_URL = live_server.url
    return paying_world(base_url=f"{live_server.url}/_sim/vnpay")


def test_binh_pays_the_fees_and_the_obligation_online_and_the_dossier_moves_on(
    world, live_server, chromium
):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        act("request_payment", dossier, user=world.counter_a, amount=16000, reason="Hai bản sao.")
    page = signed_in_page(chromium, live_server, world.citizen.username)
    auditor = Auditor(chromium, live_server)

    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.key}/")
    auditor.check("dossier", page)
    expect(page.locator("#fees-due")).to_contain_text("34.000 đồng")
    expect(page.get_by_text("Chờ thực hiện nghĩa vụ tài chính").first).to_be_visible()
    page.get_by_role("button", name="Thanh toán trực tuyến 34.000 đồng").click()

    expect(page.locator("#sim-amount")).to_have_text("34.000 VND")
    auditor.check("gateway", page)
    page.get_by_role("button", name="Thanh toán", exact=True).click()

    expect(page.get_by_text("Thanh toán thành công 34.000 đồng.")).to_be_visible()
    expect(page.locator("#fees-due")).to_have_text("Đã nộp đủ phí, lệ phí.")
    expect(page.get_by_text("Đã tiếp nhận").first).to_be_visible()
    auditor.check("paid", page)
    assert auditor.violations == {}
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert Payment.objects.get(dossier=dossier).status == PaymentStatus.PAID


def test_a_cancelled_payment_says_so_and_offers_to_pay_again(world, live_server, chromium):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        act("request_payment", dossier, user=world.counter_a, amount=16000, reason="Hai bản sao.")
    page = signed_in_page(chromium, live_server, world.citizen.username)
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.key}/")
    page.get_by_role("button", name="Thanh toán trực tuyến 34.000 đồng").click()
    page.get_by_role("button", name="Hủy thanh toán").click()

    expect(page.get_by_text("Ông/Bà đã hủy thanh toán; hồ sơ vẫn chờ nộp phí.")).to_be_visible()
    # Then the bank refuses: the reason in words, not the gateway's code.
    page.get_by_role("button", name="Thanh toán trực tuyến 34.000 đồng").click()
    page.get_by_role("button", name="Giao dịch thất bại (tài khoản không đủ số dư)").click()
    expect(
        page.get_by_text("Thanh toán không thành công: tài khoản không đủ số dư.", exact=False)
    ).to_be_visible()
    expect(page.get_by_role("button", name="Thanh toán trực tuyến 34.000 đồng")).to_be_visible()
