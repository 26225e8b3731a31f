"""Linking Zalo as a citizen does it, in Chromium: from the account page to a code, the code
sent to the OA on the simulated Zalo platform, and back to see the link; every page under axe."""

import re

import pytest
from playwright.sync_api import expect

from motcua.accounts.services import register_citizen
from motcua.notifications.models import ZaloAccount
from tests.notifications.gateways import use_gateways
from tests.portal.browser import Auditor, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_links_zalo_through_the_oa(settings, live_server, chromium):
    use_gateways(settings, live_server)
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    cuc = register_citizen(
        full_name="Lê Thị Cúc", id_type="cccd", id_number="099195007777", phone="0934567890"
    )
    page = signed_in_page(chromium, live_server, cuc.username)
    auditor = Auditor(chromium, live_server)

    page.goto(live_server.url + "/tai-khoan/")
    page.get_by_role("link", name="Nhận thông báo qua Zalo").click()
    page.get_by_role("button", name="Lấy mã liên kết").click()
    code = page.locator("#zalo-code").inner_text()
    assert re.fullmatch(r"LK [A-Z0-9]{8}", code)
    auditor.check("code", page)

    # On the phone: the citizen writes to the OA (the simulated Zalo platform).
    zalo = page.context.new_page()
    zalo.goto(live_server.url + "/_sim/thong-bao/")
    zalo.get_by_label("Mã người dùng Zalo").fill("8801234567890123456")
    zalo.get_by_label("Nội dung tin nhắn").fill(code)
    zalo.get_by_role("button", name="Gửi sự kiện tới OA").click()
    expect(
        zalo.get_by_text(
            "Webhook của OA đã nhận sự kiện: đã liên kết người dùng Zalo này với tài khoản có mã (linked)."
        )
    ).to_be_visible()

    page.get_by_role("link", name="Tôi đã gửi mã, kiểm tra lại").click()
    expect(page.get_by_text("Tài khoản đã liên kết với Zalo")).to_be_visible()
    auditor.check("linked", page)
    assert ZaloAccount.objects.get(user=cuc).zalo_user_id == "8801234567890123456"

    page.get_by_role("link", name="Hủy liên kết Zalo").click()
    auditor.check("confirm", page)
    page.get_by_role("button", name="Hủy liên kết").click()
    expect(page.get_by_text("Đã hủy liên kết Zalo.")).to_be_visible()
    assert not ZaloAccount.objects.exists()
    assert auditor.violations == {}
