"""Signing in with VNeID in Debian's Chromium, through the simulator over real HTTP (the live
server calls itself for the token, the keys and the claims); an organisation registering and
verifying its phone with the code read on the SMS simulator; the pages under axe."""

import re

import pytest
from django.core import mail

from motcua.accounts.models import User, UserKind
from motcua.identity.sms import GATEWAY
from tests.notifications.gateways import use_gateways
from tests.portal.accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_signs_in_with_vneid(live_server, page):
    page.goto(live_server.url + "/dang-nhap/")
    assert blocking_violations(page) == []

    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.get_by_role("button", name="Trần Thị Bình").wait_for()
    assert "/vneid-mo-phong/authorize" in page.url
    assert blocking_violations(page) == []

    page.get_by_role("button", name="Trần Thị Bình").click()
    page.wait_for_url(live_server.url + "/")

    assert "Trần Thị Bình" in page.locator("header").inner_text()
    assert User.objects.get(id_number="099190001234").full_name == "Trần Thị Bình"


def test_cancelling_at_the_provider_comes_back_to_the_sign_in_page(live_server, page):
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.get_by_role("button", name="Hủy").click()
    page.wait_for_url(live_server.url + "/dang-nhap/")
    assert page.get_by_role("alert").inner_text() == "Bạn đã hủy đăng nhập bằng VNeID."
    assert blocking_violations(page) == []


def test_an_organisation_registers_and_reads_its_phone_code_on_the_sms_simulator(
    live_server, page, settings
):
    settings.MOTCUA_SMS_BACKEND = GATEWAY
    use_gateways(settings, live_server)
    page.goto(live_server.url + "/dang-ky/")
    page.get_by_role("link", name="Đăng ký cho tổ chức, doanh nghiệp (có mã số thuế)").click()
    page.wait_for_url("**/dang-ky/to-chuc/**")
    assert blocking_violations(page) == []

    # A wrong tax code first: the summary links to the field, what was typed stays.
    fields = {
        "Tên tổ chức, doanh nghiệp": "Công ty TNHH Mẫu An Hòa",
        "Mã số thuế": "0107654327",
        "Địa chỉ trụ sở chính": "Số 5 đường Trần Phú, phường An Hòa, tỉnh An Hòa",
        "Họ và tên người đại diện theo pháp luật": "Phạm Văn Đức",
        "Số định danh cá nhân của người đại diện": "099180001111",
        "Email": "lienhe@mauanhoa.example.com",
        "Số điện thoại": "0912 000 111",
        "Mật khẩu": "Cong-ty-Mau-2026",
        "Nhập lại mật khẩu": "Cong-ty-Mau-2026",
    }
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("link", name=re.compile("Mã số thuế: Mã số thuế này không đúng")).wait_for()
    assert page.get_by_label("Tên tổ chức, doanh nghiệp").input_value() == (
        "Công ty TNHH Mẫu An Hòa"
    )
    assert blocking_violations(page) == []

    page.get_by_label("Mã số thuế", exact=True).fill("0107654326")
    page.get_by_label("Mật khẩu", exact=True).fill("Cong-ty-Mau-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Cong-ty-Mau-2026")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/xac-thuc-email/")
    page.get_by_label("Mã xác thực").fill(re.search(r"\b(\d{6})\b", mail.outbox[-1].body)[1])
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url("**/xac-thuc-so-dien-thoai/**")
    assert "0912000111" in page.locator("main").inner_text()
    assert blocking_violations(page) == []
    # Left for later, a banner asks on every page.
    page.get_by_role("link", name="Để sau, tiếp tục").click()
    page.wait_for_url(live_server.url + "/")
    assert blocking_violations(page) == []
    page.get_by_role("link", name="Xác thực ngay").click()
    page.wait_for_url("**/xac-thuc-so-dien-thoai/**")

    # The demo's phone: the SMS simulator's page shows the message with the code.
    inbox = page.context.new_page()
    inbox.goto(live_server.url + "/_sim/thong-bao/?kenh=sms&nguoi-nhan=0912000111")
    message = inbox.locator(".sms-body").first.inner_text()
    assert blocking_violations(inbox) == []
    inbox.close()

    page.get_by_label("Mã xác thực").fill(re.search(r"\b(\d{6})\b", message)[1])
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url(live_server.url + "/")
    home = page.locator("main").inner_text()
    assert "chưa được xác thực" not in home
    assert "Đã xác thực số điện thoại 0912000111." in home  # said where she lands

    page.get_by_role("link", name="Công ty TNHH Mẫu An Hòa").click()
    page.wait_for_url("**/tai-khoan/")
    account = page.locator("main").inner_text()
    assert account.count("đã xác thực lúc") == 2
    assert blocking_violations(page) == []
    assert User.objects.get(tax_code="0107654326").kind == UserKind.ORGANISATION
