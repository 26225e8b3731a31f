"""Signing in with VNeID in Debian's Chromium, through the simulator over real HTTP (the live
server calls itself for the token, the keys and the claims), and the sign-in pages under axe."""

import pytest

from motcua.accounts.models import User
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
