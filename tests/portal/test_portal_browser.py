"""The public pages in Debian's Chromium: a citizen finds a procedure and follows a dossier with
JavaScript off, the pages pass axe with no serious or critical violation, the large-text mode
enlarges the type, and no request leaves the server."""

import re

import pytest
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from tests.portal.accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BINH_PHONE = "0912345678"


@pytest.fixture
def binh_code(demo_province) -> str:
    return (
        Dossier.objects.filter(applicant_phone=BINH_PHONE, status="awaiting_supplement")
        .values_list("code", flat=True)
        .first()
        or Dossier.objects.filter(applicant_phone=BINH_PHONE, status="processing")
        .values_list("code", flat=True)
        .first()
    )


def test_without_javascript_a_citizen_finds_a_procedure_and_tracks_a_dossier(
    live_server, chromium, binh_code
):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    origins = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))

    page.goto(live_server.url + "/")
    page.get_by_label("Bạn cần làm thủ tục gì?").fill("khai sinh cho con")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký khai sinh"
    expect(page.get_by_text("Thành phần hồ sơ — các giấy tờ cần nộp")).to_be_visible()

    page.get_by_role("link", name="Tra cứu hồ sơ").first.click()
    page.get_by_label("Mã hồ sơ").fill(binh_code)
    page.get_by_label("Số điện thoại người nộp").fill("0912 345 678")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text(binh_code).first).to_be_visible()
    assert page.locator(".mc-timeline__step").count() >= 2
    assert page.locator('[aria-current="step"]').count() == 1

    assert origins == {live_server.url.split("/")[2]}
    context.close()


def test_the_public_pages_pass_axe(live_server, page, binh_code):
    pages = [
        "/",
        "/thu-tuc/?q=khai+sinh",
        "/thu-tuc/1.001193/",
        "/tra-cuu/",
        "/tra-cuu/?ma=&so_dien_thoai=12",
        f"/tra-cuu/?ma={binh_code}&so_dien_thoai={BINH_PHONE}",
    ]
    found = {}
    for path in pages:
        page.goto(live_server.url + path)
        violations = blocking_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_the_large_text_mode_enlarges_the_type_and_the_first_tab_reaches_the_skip_link(
    live_server, page, demo_province
):
    page.goto(live_server.url + "/thu-tuc/")
    size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "16px"
    page.get_by_role("button", name="Chữ lớn").click()
    page.wait_for_url(re.compile(r".*/thu-tuc/$"))
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "19px"
    expect(page.get_by_role("button", name="Chữ thường")).to_be_visible()

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"


def test_the_axe_check_does_catch_an_unlabelled_field(page):
    """Guards the guard: the helper reports what the pages above must not have."""
    page.set_content('<html lang="vi"><body><main><input type="text"></main></body></html>')
    assert any(violation.startswith("label:") for violation in blocking_violations(page))
