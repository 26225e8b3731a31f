"""A walk-in from the counter to the hand-over, in Debian's Chromium on the demo province (issue
6, "Done when"): the desk officer of Phường An Hòa signs in through the real pages with a TOTP
code, finds the birth registration without diacritics, and the ID card's QR text is typed into
the scan field as a keyboard-wedge scanner does (characters, then Enter). After the applicant's
details, receiving the dossier takes at most 12 actions (each Tab, Enter, click, typed or chosen
field counts one). The specialist and the leader then act through the back office's dossier
page (`backoffice:dossier`), and the desk hands the result to the applicant. Every page of the
counter passes axe with no serious or critical violation; the main ones are saved as
`test-artifacts/screenshots/backoffice-intake-NN-<name>.png`.
"""

import re
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.core import clock
from motcua.dossiers.models import Dossier, Status
from motcua.workdays.selectors import calendar_for
from tests.backoffice.officers import current_code, verified_login
from tests.documents import files
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import FOLDER, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
private_root = files.private_root

AN_HOA = "000.00.31.H99"
PASSWORD = "demo@AnHoa2026"
QR = "099188011111|012345678|LÊ THỊ HOA|14021988|Nữ|Tổ 3, phường An Hòa, tỉnh An Hòa|01072021"
LIMIT = 12


@pytest.fixture
def morning(demo_province):
    """09:00 on the next working day at Phường An Hòa, the clock frozen there for the test."""
    calendar = calendar_for(agency=agency_by_code(AN_HOA))
    day = calendar.working_day_on_or_after(clock.today() + timedelta(days=1))
    start = datetime.combine(day, time(9), tzinfo=clock.VN_TZ)
    with clock.frozen(start):
        yield start


class Counted:
    """The officer's keyboard and mouse, counting each action."""

    def __init__(self, page) -> None:
        self.page, self.actions = page, 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.actions += 1

    def fill_focused(self, value: str) -> None:
        self.page.locator(":focus").fill(value)
        self.actions += 1

    def choose_focused(self, label: str) -> None:
        self.page.locator(":focus").select_option(label=label)
        self.actions += 1


def _session(live_server, chromium, username: str):
    """A page signed in as a demo officer with both factors (the sign-in pages are walked once,
    by the desk officer)."""
    client = verified_login(Client(), User.objects.get(username=username))
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


def _act(page, live_server, key: str, action: str, **fields) -> None:
    """Take `action` on the dossier page as the officer of `page`, filling its fields."""
    page.goto(f"{live_server.url}/can-bo/ho-so/{key}/")
    form = page.locator(f"#thao-tac-{action}")
    box = page.locator("details").filter(has=form)
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for name, value in fields.items():
        form.locator(f'[name="{action}-{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(rf".*/can-bo/ho-so/{re.escape(key)}/$"))


def test_a_walk_in_is_received_by_keyboard_processed_and_handed_over(
    live_server, page, chromium, morning, private_root
):
    page.set_viewport_size(WIDTHS["desktop"])
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("backoffice-intake-*.png"):
        old.unlink()
    violations: dict[str, list[str]] = {}
    taken = []

    def seen(where, name: str) -> None:
        found = blocking_violations(where)
        if found:
            violations[name] = found
        taken.append(name)
        where.screenshot(
            path=FOLDER / f"backoffice-intake-{len(taken):02d}-{name}.png", full_page=True
        )

    # Sign in through the real pages: password, then the code of the authenticator app.
    page.goto(live_server.url + "/can-bo/tiep-nhan/")
    page.wait_for_url(re.compile(r".*/can-bo/dang-nhap/\?next="))
    page.get_by_label("Tên đăng nhập").fill("motcua.anhoa")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    device = TOTPDevice.objects.get(user__username="motcua.anhoa", confirmed=True)
    page.get_by_label(re.compile("Mã")).first.fill(current_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r".*/can-bo/tiep-nhan/$"))

    # Find the procedure without diacritics.
    seen(page, "search")
    page.get_by_label("Tìm thủ tục").fill("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).first.click()
    page.wait_for_url(re.compile(r".*\?thu_tuc=1\.001193$"))
    scan = page.get_by_label("Quét mã QR trên thẻ CCCD")
    assert scan.evaluate("element => element === document.activeElement")
    seen(page, "form")

    # The scanner types the card's text and Enter into the focused field.
    page.keyboard.type(QR)
    page.keyboard.press("Enter")
    page.get_by_text("Đã điền thông tin từ thẻ căn cước").wait_for()
    assert page.locator("#id_name").input_value() == "LÊ THỊ HOA"
    assert page.locator("#id_id_number").input_value() == "099188011111"
    assert page.locator("#id_date_of_birth").input_value() == "14/02/1988"
    assert page.locator("#id_issued_on").input_value() == "01/07/2021"
    assert page.locator("#id_sex").input_value() == "Nữ"
    assert page.locator("#id_address").input_value().startswith("Tổ 3")
    seen(page, "scanned")
    # The last of the applicant's details: the phone, where the focus went.
    page.keyboard.type("0911222333")

    # From here every action counts.
    officer = Counted(page)
    officer.press("Tab")
    officer.choose_focused("Mẹ")
    officer.press("Tab")
    officer.fill_focused("Lê Thị Hoa An")
    officer.press("Tab")
    officer.fill_focused((morning.date() - timedelta(days=10)).strftime("%d/%m/%Y"))
    officer.press("Tab")
    officer.choose_focused("Nữ")
    officer.press("Tab")
    officer.fill_focused("Trung tâm Y tế khu vực An Hòa")
    officer.press("Enter")
    page.wait_for_url(re.compile(r".*/bien-nhan/$"))
    assert officer.actions <= LIMIT, officer.actions

    dossier = Dossier.objects.get(applicant_id_number="099188011111")
    assert dossier.status == Status.RECEIVED
    assert page.locator("#dossier-code").inner_text() == dossier.code
    assert dossier.form_data["so_dien_thoai"] == "0911222333"
    assert dossier.form_data["so_dinh_danh_nguoi_yeu_cau"] == "099188011111"
    seen(page, "receipt")

    # The middle steps, through the back office's dossier page.
    key = dossier.code
    _act(page, live_server, key, "forward")
    specialist = _session(live_server, chromium, "cv.anhoa")
    _act(specialist, live_server, key, "attach_result", note="Giấy khai sinh bản chính")
    _act(specialist, live_server, key, "forward")
    leader = _session(live_server, chromium, "ld.anhoa")
    _act(leader, live_server, key, "approve")
    _act(leader, live_server, key, "finish")
    dossier.refresh_from_db()
    assert dossier.status == Status.READY

    # The hand-over at the desk, to the applicant herself.
    page.goto(f"{live_server.url}/can-bo/ho-so/{key}/tra-ket-qua/")
    seen(page, "return")
    page.get_by_label("Chính người nộp hồ sơ").check()
    page.get_by_role("button", name="Xác nhận đã trả kết quả").click()
    page.get_by_text("Người nhận: chính người nộp hồ sơ, LÊ THỊ HOA.").wait_for()
    seen(page, "returned")
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert violations == {}
