"""The citizen portal's error paths in Debian's Chromium with JavaScript on (issue 5, "Done
when"): a bad upload and a too-large one, a missing required field, a wrong tracking phone, and
a session that expires in the middle of the wizard. Each says what to do, in Vietnamese, beside
the field and in a summary that links to it; nothing typed or attached is lost; every page
passes axe with no serious or critical violation."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import Dossier
from tests.documents import files
from tests.documents.files import pdf_bytes, png_bytes
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import Screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
private_root = files.private_root

BINH = "099190001234"
BINH_NAME = "Trần Thị Bình"
BINH_PHONE = "0912345678"
CHILD = "Nguyễn Trần An Nhiên"


def signed_in(page, live_server, username: str = BINH) -> None:
    """The browser signed in as `username` (a session made by the test client)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def settled(page) -> None:
    """Leave the field being typed in and wait for its check (htmx) to come back. The test's
    in-memory SQLite shares one connection with the live server: two requests at once fail."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator(".htmx-request").first.wait_for(state="detached")


def next_step(page) -> None:
    settled(page)
    page.get_by_role("button", name="Tiếp tục").click()


def up_to_the_form(page, live_server) -> None:
    """The wizard for the birth registration, the place and the applicant chosen: on Tờ khai."""
    page.goto(live_server.url + "/nop-ho-so/1.001193/")
    page.get_by_label("UBND Phường An Hòa", exact=True).check()
    next_step(page)
    page.get_by_text("Bước 2/6").wait_for()
    next_step(page)
    page.get_by_text("Bước 3/6").wait_for()


def fill_the_form(page) -> None:
    page.get_by_label("Mẹ", exact=True).check()
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill(CHILD)
    page.get_by_label("Ngày, tháng, năm sinh").fill(
        (clock.today() - timedelta(days=10)).isoformat()
    )
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh An Hòa")
    page.get_by_label("Số định danh cá nhân của người đi đăng ký").fill(BINH)
    page.get_by_label("Số điện thoại liên hệ").fill("0912 345 678")


def described_by(page, element_id: str) -> str:
    """The text of what the element with `element_id` is described by (aria-describedby)."""
    ids = page.locator(f"#{element_id}").get_attribute("aria-describedby") or ""
    return " ".join(page.locator(f"#{ref}").inner_text() for ref in ids.split())


def test_a_file_that_is_not_what_its_name_says_and_a_too_large_one_are_refused_beside_the_field(
    live_server, page, demo_province, private_root, settings
):
    settings.MOTCUA_UPLOAD_MAX_BYTES = {**settings.MOTCUA_UPLOAD_MAX_BYTES, "image/png": 1 << 20}
    shots = Screenshots(page, series="e")
    signed_in(page, live_server)
    up_to_the_form(page, live_server)
    fill_the_form(page)
    next_step(page)
    page.get_by_text("Bước 4/6").wait_for()

    inputs = page.locator('input[type="file"]')
    declaration, certificate = inputs.nth(0), inputs.nth(1)
    declaration.set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    certificate.set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": b"chi la chu"}
    )
    next_step(page)

    summary = page.get_by_role("alert").filter(has_text="Vui lòng kiểm tra lại")
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in summary.inner_text()
    certificate_id = certificate.get_attribute("id")
    assert certificate.get_attribute("aria-invalid") == "true"
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in described_by(page, certificate_id)
    assert "Chỉ nhận tệp" not in described_by(page, declaration.get_attribute("id"))
    # The good file went in all the same.
    expect(page.get_by_role("button", name="Gỡ bỏ to-khai.pdf")).to_be_visible()
    assert blocking_violations(page) == []
    shots.take("wizard-bad-upload")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == certificate_id

    # 1.2 MB of PNG where 1 MB is the most: the size, said in MB, and what to do about it.
    certificate.set_input_files(
        {
            "name": "giay-chung-sinh.png",
            "mimeType": "image/png",
            "buffer": png_bytes() + bytes(1_200_000),
        }
    )
    next_step(page)
    page.get_by_role("alert").filter(has_text="Vui lòng kiểm tra lại").wait_for()
    error = described_by(page, certificate_id)
    assert "chỉ được lớn tối đa 1 MB" in error
    assert "nén tệp hoặc quét lại" in error
    expect(page.get_by_role("button", name="Gỡ bỏ to-khai.pdf")).to_be_visible()
    assert blocking_violations(page) == []

    # What she typed on the earlier steps is all still there.
    page.get_by_role("button", name="Quay lại").click()
    page.get_by_text("Bước 3/6").wait_for()
    assert page.get_by_label("Họ, chữ đệm và tên của trẻ").input_value() == CHILD
    assert page.get_by_label("Nữ", exact=True).is_checked()


def test_a_missing_required_field_is_named_in_the_summary_and_beside_the_field(
    live_server, page, demo_province
):
    shots = Screenshots(page, series="f")
    signed_in(page, live_server)
    up_to_the_form(page, live_server)
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill(CHILD)
    next_step(page)

    summary = page.get_by_role("alert").filter(has_text="Vui lòng kiểm tra lại")
    summary.wait_for()
    expect(page.get_by_text("Bước 3/6")).to_be_visible()
    assert "Vui lòng chọn Giới tính." in summary.inner_text()
    # The summary has the focus, so a screen reader reads it first.
    expect(page.locator("#error-summary")).to_be_focused()
    assert blocking_violations(page) == []
    shots.take("wizard-missing-field")

    link = summary.get_by_role("link", name=re.compile("Giới tính"))
    target = link.get_attribute("href").removeprefix("#")
    assert "Vui lòng chọn Giới tính." in described_by(page, target)
    link.click()
    assert page.evaluate("document.activeElement.id") == target
    assert page.get_by_label("Họ, chữ đệm và tên của trẻ").input_value() == CHILD


def test_a_wrong_phone_gets_the_same_answer_as_an_unknown_code(live_server, page, demo_province):
    code = (
        Dossier.objects.filter(applicant_phone=BINH_PHONE)
        .filter(code__isnull=False)
        .values_list("code", flat=True)
        .first()
    )

    def track(ma: str, phone: str) -> str:
        page.goto(live_server.url + "/tra-cuu/")
        page.get_by_label("Mã hồ sơ").fill(ma)
        page.get_by_label("Số điện thoại người nộp").fill(phone)
        page.get_by_role("button", name="Tra cứu").click()
        page.get_by_role("alert").wait_for()
        assert blocking_violations(page) == []
        return page.locator("main").inner_text()

    wrong_phone = track(code, "0987 000 111")
    unknown_code = track("000.00.31.H99-990101-9999", BINH_PHONE)
    assert "Không tìm thấy hồ sơ với mã hồ sơ và số điện thoại này" in wrong_phone
    assert wrong_phone == unknown_code
    assert code not in wrong_phone
    # Her own phone with the code does find it.
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Số điện thoại người nộp").fill(BINH_PHONE)
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("heading", name="Quá trình xử lý").wait_for()


def test_when_the_session_expires_mid_wizard_signing_in_again_brings_back_what_was_typed(
    live_server, page, demo_province
):
    signed_in(page, live_server)
    up_to_the_form(page, live_server)
    form_url = page.url
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill(CHILD)
    page.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh An Hòa")
    page.get_by_label("Nữ", exact=True).check()

    settled(page)
    Session.objects.all().delete()  # expired on the server while she was reading it over
    page.get_by_role("button", name="Tiếp tục").click()

    page.wait_for_url(re.compile(r".*/dang-nhap/"))
    assert "Phiên làm việc đã hết hạn" in page.locator("main").inner_text()
    assert blocking_violations(page) == []
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    page.get_by_role("button", name=BINH_NAME).click()

    page.wait_for_url(form_url)
    assert "Phiên làm việc đã hết hạn" in page.locator("main").inner_text()
    assert page.get_by_label("Họ, chữ đệm và tên của trẻ").input_value() == CHILD
    assert page.get_by_label("Nơi sinh").input_value() == "Bệnh viện Đa khoa tỉnh An Hòa"
    assert page.get_by_label("Nữ", exact=True).is_checked()
    assert blocking_violations(page) == []
