"""The live preview in Debian's Chromium: the administrator opens a new Mẫu 03, sees the bundled
template's PDF framed beside the text, types, and the frame follows what was typed; a template
with an error shows the error instead. The page's CSP (`script-src 'self'`, frames of our own
origin) lets all of it work: no violation is reported."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.backoffice.officers import verified_login
from tests.documents.pdftools import words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_page(live_server, chromium, admin_user):
    client = verified_login(Client(), admin_user)
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_the_preview_follows_what_the_administrator_types(
    live_server, chromium, admin_user, tmp_path
):
    page = _admin_page(live_server, chromium, admin_user)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/documents/papertemplate/add/?kind=03")
    frame = page.locator("#xem-truoc-pdf")
    expect(frame).to_have_count(1)
    first = frame.get_attribute("src")
    bundled = page.request.get(live_server.url + first)
    assert bundled.headers["content-type"] == "application/pdf"
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in words(bundled.body(), tmp_path)

    page.locator("textarea[name=body]").fill(
        "<h1>BẢN NHÁP MỚI</h1><p>Ông/Bà {{ applicant.name }}: {{ refusal.reason }}</p>"
    )
    expect(frame).not_to_have_attribute("src", first)
    typed = page.request.get(live_server.url + frame.get_attribute("src"))
    assert words(typed.body(), tmp_path).startswith("BẢN NHÁP MỚI Ông/Bà Trần Thị Bình: Việc")

    page.locator("textarea[name=body]").fill("<p>{% if %}</p>")
    expect(page.locator("#xem-truoc .errornote")).to_contain_text(re.compile("Mẫu văn bản có lỗi"))
    expect(frame).to_have_count(0)
    assert refused == []
