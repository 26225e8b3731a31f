"""Fields checked as they are left, in Debian's Chromium with JavaScript on (htmx, served from
this site under its Content-Security-Policy): a bad phone number and a bad personal number show
their error under the field without a reload, fixing them clears it, focus stays where the
citizen moved it, the page passes axe, and the draft holds what was typed after a reload."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from motcua.accounts.models import User
from tests.filing.wizard import BINH, start
from tests.portal.accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_ERROR = "Nhập số điện thoại gồm 10 chữ số, ví dụ 0912 345 678."


def test_a_field_left_with_a_bad_value_shows_its_error_at_once_and_the_draft_keeps_it(
    live_server, chromium, demo_province
):
    client = Client()
    client.force_login(User.objects.get(username=BINH))
    base = start(client)
    context = chromium.new_context(locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + base + "nguoi-nop/")
    # A mark on this very page: a reload or a navigation would wipe it.
    page.evaluate("window.notReloaded = true")
    phone = page.get_by_label("Số điện thoại")
    phone.fill("0912 34")
    phone.press("Tab")

    error = page.locator("#id_phone-error")
    expect(error).to_have_text(PHONE_ERROR)
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_attribute("aria-describedby", " id_phone-error")
    expect(page.locator("#filing-live-status")).to_contain_text(PHONE_ERROR)
    # The citizen moved on to the e-mail field, and stays there.
    expect(page.get_by_label("Thư điện tử (nếu có)")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert blocking_violations(page) == []

    phone.fill("0912 345 678")
    phone.press("Tab")
    expect(error).to_have_count(0)
    expect(phone).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#filing-live-status")).to_have_text("")

    id_number = page.get_by_label("Số định danh cá nhân")
    id_number.fill("12345")
    id_number.press("Tab")
    expect(page.locator("#id_id_number-error")).to_have_text(
        "Nhập số định danh cá nhân gồm 12 chữ số."
    )
    assert page.evaluate("window.notReloaded") is True
    assert blocking_violations(page) == []

    page.reload()
    expect(page.get_by_label("Số điện thoại")).to_have_value("0912 345 678")
    expect(page.get_by_label("Số định danh cá nhân")).to_have_value("12345")
    assert problems == []
    context.close()
