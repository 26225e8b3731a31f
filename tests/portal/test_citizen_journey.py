"""A citizen's whole journey through the portal in Debian's Chromium with JavaScript on (issue 5,
"Done when"): Trần Thị Bình searches without diacritics, opens the birth registration, signs in
through the VNeID simulator, files with a PDF and a PNG, sees her reference, signs out and
tracks the dossier with its code and her phone, supplements what the specialist asked for (the
clock restarts: the appointment moves), downloads the result and rates the service. The
officers act through the service layer, as the demo seed does. Every page she sees passes axe
with no serious or critical violation, and the main ones are saved as screenshots at a phone's
and a desktop's width (tests/portal/screenshots.py).

The whole walk runs on the project clock, frozen at 08:00 of the next working day and moved on
by hand, so that the wait for the supplement spans working time and the appointment visibly
moves; the live server's thread reads the same clock.
"""

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.core import clock
from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.events.delivery import sweep
from motcua.workdays.selectors import calendar_for
from tests.documents import files
from tests.documents.files import pdf_bytes, png_bytes
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import WIDTHS, Screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
private_root = files.private_root

AN_HOA = "000.00.31.H99"
BINH = "099190001234"
BINH_NAME = "Trần Thị Bình"
MISSING = "Giấy chứng nhận kết hôn của cha mẹ (bản sao)"
RESULT = pdf_bytes("Giay khai sinh ban chinh so 12/2026")


def officer_does(action: str, dossier: Dossier, username: str, **fields) -> Dossier:
    """`action` by the officer `username` through the service layer, on the current version;
    its notification delivered at once, as the running dispatcher would."""
    dossier.refresh_from_db()
    done = getattr(services, action)(
        user=User.objects.get(username=username),
        dossier=dossier,
        expected_version=dossier.version,
        **fields,
    )
    sweep()
    return done


def shown(moment: datetime) -> str:
    """A moment as the pages write it."""
    return moment.astimezone(clock.VN_TZ).strftime("%H:%M, %d/%m/%Y")


@pytest.fixture
def morning(demo_province):
    """08:00 on the next working day at Phường An Hòa, the clock frozen there for the test."""
    calendar = calendar_for(agency=agency_by_code(AN_HOA))
    day = calendar.working_day_on_or_after(clock.today() + timedelta(days=1))
    start = datetime.combine(day, time(8), tzinfo=clock.VN_TZ)
    with clock.frozen(start):
        yield start


def test_binh_files_online_tracks_supplements_downloads_her_result_and_rates_it(
    live_server, page, morning, private_root
):
    page.set_viewport_size(WIDTHS["desktop"])
    shots = Screenshots(page)
    violations: dict[str, list[str]] = {}

    def seen(name: str, *, shot: bool = True) -> None:
        """The page as she sees it now: axe-checked, and photographed at both widths."""
        found = blocking_violations(page)
        if found:
            violations[name] = found
        if shot:
            shots.take(name)

    def at(hour: int, minute: int = 0) -> None:
        clock.advance(
            datetime.combine(morning.date(), time(hour, minute), morning.tzinfo) - clock.now()
        )

    def sign_in_with_vneid(*, shot: bool) -> None:
        seen("sign-in", shot=shot)
        page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
        page.get_by_role("button", name=BINH_NAME).wait_for()
        seen("vneid-simulator", shot=shot)
        page.get_by_role("button", name=BINH_NAME).click()

    def next_step() -> None:
        # Leave the field and let its check (htmx) come back first: the test's in-memory SQLite
        # shares one connection with the live server, and two requests at once fail.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.locator(".htmx-request").first.wait_for(state="detached")
        page.get_by_role("button", name="Tiếp tục").click()

    # Home → search without diacritics → the procedure page.
    page.goto(live_server.url + "/")
    seen("home")
    page.get_by_label("Bạn cần làm thủ tục gì?").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r".*/thu-tuc/\?q=dang"))
    seen("search-results")
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).first.click()
    page.wait_for_url(re.compile(r".*/thu-tuc/1\.001193/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng ký khai sinh"
    seen("procedure")

    # Filing online asks her to sign in: VNeID, through the simulator.
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url(re.compile(r".*/dang-nhap/\?next="))
    sign_in_with_vneid(shot=True)

    # The wizard, back where she was going, with her identity filled in.
    page.get_by_text("Bước 1/6").wait_for()
    assert BINH_NAME in page.locator("header").inner_text()
    seen("wizard-1-agency")
    page.get_by_label("UBND Phường An Hòa", exact=True).check()
    next_step()

    page.get_by_text("Bước 2/6").wait_for()
    assert page.get_by_label("Họ và tên người yêu cầu").input_value() == BINH_NAME
    seen("wizard-2-applicant")
    next_step()

    page.get_by_text("Bước 3/6").wait_for()
    page.get_by_label("Mẹ", exact=True).check()
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill("Nguyễn Trần An Nhiên")
    page.get_by_label("Ngày, tháng, năm sinh").fill(
        (morning.date() - timedelta(days=10)).isoformat()
    )
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh An Hòa")
    page.get_by_label("Số định danh cá nhân của người đi đăng ký").fill(BINH)
    page.get_by_label("Số điện thoại liên hệ").fill("0912 345 678")
    seen("wizard-3-form")
    next_step()

    page.get_by_text("Bước 4/6").wait_for()
    slots = page.locator('input[type="file"]')
    slots.nth(0).set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    slots.nth(1).set_input_files(
        {"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_role("button", name="Gỡ bỏ giay-chung-sinh.png").wait_for()
    seen("wizard-4-components")
    next_step()

    page.get_by_text("Bước 5/6").wait_for()
    page.get_by_label("Nhận trực tuyến").check()
    seen("wizard-5-delivery")
    next_step()

    page.get_by_text("Bước 6/6").wait_for()
    expect(page.get_by_text("to-khai.pdf")).to_be_visible()
    expect(page.get_by_text("giay-chung-sinh.png")).to_be_visible()
    seen("wizard-6-review")
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # The reference, and what happens next.
    page.get_by_text("Ông/Bà đã nộp hồ sơ thành công").wait_for()
    dossier = Dossier.objects.get(owner__username=BINH, created_at=morning)
    assert dossier.vneid_authenticated
    expect(page.get_by_text(dossier.reference)).to_be_visible()
    expect(page.get_by_role("heading", name="Việc gì sẽ diễn ra tiếp theo")).to_be_visible()
    seen("reference")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()

    # The desk receives it; she tracks it without signing in, by its code and her phone.
    at(9)
    dossier = officer_does("receive", dossier, "motcua.anhoa")
    page.get_by_role("navigation", name="Mục chính").get_by_role(
        "link", name="Tra cứu hồ sơ"
    ).click()
    page.get_by_role("heading", name="Tra cứu hồ sơ", level=1).wait_for()
    seen("tracking-form", shot=False)
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Số điện thoại người nộp").fill("0912 345 678")
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("heading", name="Quá trình xử lý").wait_for()
    expect(page.get_by_text(dossier.code).first).to_be_visible()
    assert page.locator('[aria-current="step"]').count() == 1
    appointment = dossier.appointment_at
    assert shown(appointment) in page.locator(".mc-facts").inner_text()
    seen("tracking")

    # The specialist asks for what is missing.
    at(9, 30)
    officer_does("forward", dossier, "motcua.anhoa", note="Hồ sơ đủ thành phần, chuyển xử lý.")
    at(10)
    officer_does(
        "request_supplement",
        dossier,
        "cv.anhoa",
        missing=MISSING,
        reason="Cần xác định quan hệ cha con để ghi tên cha vào Giấy khai sinh.",
    )

    # She signs in again and sees exactly what is missing, in Hồ sơ của tôi.
    at(14)
    page.get_by_role("link", name="Đăng nhập").click()
    sign_in_with_vneid(shot=False)
    page.get_by_role("link", name="Hồ sơ của tôi").click()
    row = page.get_by_role("row").filter(has_text=dossier.code)
    row.wait_for()
    expect(row.get_by_text("Chờ bổ sung hồ sơ")).to_be_visible()
    seen("my-dossiers")
    row.get_by_role("link", name=dossier.code).click()
    to_do = page.get_by_role("status").filter(has_text="Việc cần làm")
    assert MISSING in to_do.inner_text()
    expect(page.get_by_role("heading", name="Nộp bổ sung")).to_be_visible()
    seen("supplement")
    page.get_by_label("Giấy tờ bổ sung").set_input_files(
        {"name": "giay-ket-hon.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Ket hon")}
    )
    page.get_by_label("Ghi chú cho cơ quan (nếu có)").fill("Bản sao giấy chứng nhận kết hôn.")
    page.get_by_role("button", name="Gửi bổ sung").click()

    # The clock ran again: back in processing, the appointment moved by the working time it
    # stood (the working hours between 10:00 and 14:00).
    page.get_by_text("Đã gửi hồ sơ bổ sung; cơ quan tiếp tục giải quyết.").wait_for()
    dossier.refresh_from_db()
    assert dossier.appointment_at > appointment
    facts = page.locator(".mc-facts").inner_text()
    assert shown(dossier.appointment_at) in facts
    assert shown(appointment) not in facts
    expect(page.locator(".mc-tag").get_by_text("Đang xử lý")).to_be_visible()
    expect(page.get_by_text("giay-ket-hon.pdf")).to_be_visible()
    seen("supplement-sent")

    # The specialist drafts the result with its file, the leader approves and signs, the desk
    # returns it.
    at(14, 30)
    specialist = User.objects.get(username="cv.anhoa")
    result = store_upload(
        uploaded_file=SimpleUploadedFile("giay-khai-sinh.pdf", RESULT, "application/pdf"),
        user=specialist,
    )
    officer_does(
        "attach_result", dossier, "cv.anhoa", note="Giấy khai sinh (bản chính).", upload=result.pk
    )
    officer_does("forward", dossier, "cv.anhoa", note="Đủ điều kiện, trình ký.")
    at(15)
    officer_does("approve", dossier, "ld.anhoa")
    officer_does("finish", dossier, "ld.anhoa")
    at(15, 30)
    officer_does("return_result", dossier, "motcua.anhoa")

    # She downloads the result: the very file the specialist attached.
    page.reload()
    expect(page.locator(".mc-tag").get_by_text("Đã trả kết quả")).to_be_visible()
    seen("result")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả").click()
    assert download.value.suggested_filename == "giay-khai-sinh.pdf"
    assert Path(download.value.path()).read_bytes() == RESULT

    # Her notifications tell the story.
    page.get_by_role("link", name=re.compile("^Thông báo")).click()
    notes = page.locator(".mc-notifications").inner_text()
    when = appointment.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y")
    assert f"Hồ sơ {dossier.code} đã được tiếp nhận; hẹn trả kết quả lúc {when}." in notes
    assert f"Hồ sơ {dossier.code} cần bổ sung giấy tờ" in notes
    assert f"Đã trả kết quả hồ sơ {dossier.code}" in notes
    seen("notifications")

    # Last, she rates how her dossier was handled (TT 01/2018 criteria), once.
    page.get_by_role("link", name=f"Xem hồ sơ {dossier.code}").first.click()
    page.get_by_role("link", name="Đánh giá", exact=True).click()
    page.get_by_role("heading", name="Đánh giá việc giải quyết hồ sơ").wait_for()
    criteria = page.locator("main fieldset")
    count = criteria.count()
    assert count >= 3
    seen("rating")
    for index in range(count):
        criteria.nth(index).get_by_role("radio").first.check()  # the best answer comes first
    page.get_by_label("Ý kiến khác (nếu có)").fill("Cán bộ hướng dẫn tận tình, trả kết quả sớm.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Cảm ơn Ông/Bà đã đánh giá việc giải quyết hồ sơ.").wait_for()
    rating = page.get_by_role("region", name="Đánh giá của Ông/Bà")
    assert f"{2 * count}/{2 * count} điểm" in rating.inner_text()
    expect(page.get_by_role("link", name="Đánh giá", exact=True)).not_to_be_visible()
    seen("rated")

    assert violations == {}
