"""The officers' two-factor sign-in in Chromium, as a new officer meets it: password, then the
authenticator set up from the page's key, the recovery codes, and the next day's sign-in with
the app's code."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from motcua.accounts.models import UserKind
from tests.factories import UserFactory
from tests.portal.browser import Auditor
from tests.portal.screenshots import Screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-can-bo-2026"


def _code_for(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app set up with the typed key `secret` shows now (or that many
    30-second steps later)."""
    key = secret.replace(" ", "")
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def test_a_new_officer_enrols_and_signs_in_with_two_factors(live_server, chromium):
    officer = UserFactory(username="motcua.thu", kind=UserKind.OFFICER, full_name="Lê Văn Thu")
    officer.set_password(PASSWORD)
    officer.save()
    page = chromium.new_context(locale="vi-VN").new_page()
    shots = Screenshots(page, series="bo-signin-")
    auditor = Auditor(chromium, live_server)

    page.goto(live_server.url + "/can-bo/")
    assert "/can-bo/dang-nhap/" in page.url
    auditor.check("password", page)
    shots.take("password")
    page.get_by_label("Tên đăng nhập").fill("motcua.thu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()

    # First sign-in: set up the app from the page, confirm with its first code.
    page.wait_for_url("**/cai-dat-xac-thuc/**")
    assert page.locator(".bo-qr svg").count() == 1
    secret = page.locator(".bo-secret").inner_text()
    auditor.check("enrol", page)
    shots.take("enrol")
    first_code = _code_for(secret)
    page.get_by_label("Mã xác thực").fill(first_code)
    page.get_by_role("button", name="Xác nhận và đăng nhập").click()
    page.locator(".bo-codes").wait_for()
    codes = page.locator(".bo-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    page.wait_for_url(live_server.url + "/can-bo/")
    assert "Lê Văn Thu" in page.locator("header").inner_text()

    # Signing out and in again asks for the app's code, not the set-up.
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(live_server.url + "/can-bo/")
    page.get_by_label("Tên đăng nhập").fill("motcua.thu")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/ma-xac-thuc/**")
    auditor.check("code", page)
    shots.take("code")
    # A code is good once: the one used a moment ago is refused, the app's next one (accepted
    # one step early, for clocks a little ahead) signs in.
    page.get_by_label("Mã xác thực").fill(first_code)
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Mã xác thực chưa đúng hoặc đã hết hạn" in page.locator("#error-summary").inner_text()
    page.wait_for_timeout(1100)  # django-otp refuses every code for a second after a wrong one
    page.get_by_label("Mã xác thực").fill(_code_for(secret, steps_ahead=1))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/can-bo/")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    assert not auditor.violations
