"""The agency administrator's walk in Debian's Chromium: qt.tuphap (Sở Tư pháp) signs in through
the real two-step pages with the code her authenticator shows, creates an officer (the generated
password is shown once), grants them a second role, and opens the department's process with its
diagram drawn as SVG in the page; then looks at the units, hours and days off. Every page passes
axe with no serious or critical violation; each is saved as
`test-artifacts/screenshots/backoffice-admin-NN-<name>.png`."""

import copy

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import holds_role
from motcua.agencies.selectors import agency_by_code
from motcua.core import clock
from motcua.demo.seed import DEMO_PASSWORD, IN_FORCE_FROM
from motcua.workflow.importer import import_process
from tests.backoffice.officers import current_code
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import FOLDER, WIDTHS
from tests.workflow.builders import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEPARTMENT = "000.00.12.H99"


def department_process() -> None:
    """Sở Tư pháp's own process for copies of civil-status extracts (2.000635), as a system
    administrator would import it: the sample's steps placed in the department's units."""
    document = copy.deepcopy(sample())
    document |= {"procedure": "2.000635", "agency": DEPARTMENT}
    units = [DEPARTMENT, "000.01.12.H99", DEPARTMENT, DEPARTMENT]
    for step, unit in zip(document["steps"], units, strict=True):
        step["unit"] = unit
    with clock.frozen(IN_FORCE_FROM):
        report = import_process(document)
    assert report.ok, report.rejected


class Walk:
    def __init__(self, page) -> None:
        self.page = page
        self.violations: dict[str, list[str]] = {}
        self.taken = 0
        FOLDER.mkdir(parents=True, exist_ok=True)
        for old in FOLDER.glob("backoffice-admin-*.png"):
            old.unlink()

    def look(self, name: str) -> None:
        self.taken += 1
        self.page.screenshot(
            path=FOLDER / f"backoffice-admin-{self.taken:02d}-{name}.png",
            full_page=True,
            animations="disabled",
        )
        found = blocking_violations(self.page)
        if found:
            self.violations[name] = found


def test_the_agency_administrator_creates_an_officer_grants_a_role_and_reads_a_process(
    live_server, page, demo_province
):
    department_process()
    page.set_viewport_size(WIDTHS["desktop"])
    walk = Walk(page)

    page.goto(live_server.url + "/can-bo/quan-tri/")
    page.get_by_label("Tên đăng nhập").fill("qt.tuphap")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    device = TOTPDevice.objects.get(user__username="qt.tuphap", confirmed=True)
    page.get_by_label("Mã xác thực").fill(current_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/can-bo/quan-tri/")
    walk.look("home")

    page.get_by_role("link", name="Cán bộ và vai trò").first.click()
    expect(page.get_by_role("link", name="Đỗ Văn Hải")).to_be_visible()
    walk.look("officers")

    page.get_by_role("link", name="Tạo tài khoản cán bộ").click()
    page.get_by_label("Tên đăng nhập").fill("cv2.tuphap")
    page.get_by_label("Họ và tên").fill("Phan Thu Hà")
    page.get_by_label("Chức danh").fill("Chuyên viên Phòng Bổ trợ tư pháp")
    page.get_by_label("Thư điện tử").fill("ha.phan@stp.gov.vn")
    page.get_by_label("Vai trò").select_option(Role.SPECIALIST)
    page.get_by_label("Tại đơn vị").select_option("000.02.12.H99")
    walk.look("new-officer")
    page.get_by_role("button", name="Tạo tài khoản").click()
    password = page.locator("#fresh-password").inner_text()
    assert User.objects.get(username="cv2.tuphap").check_password(password)
    walk.look("officer-created")

    page.get_by_label("Vai trò").select_option(Role.RECORDS_CLERK)
    page.get_by_label("Tại đơn vị").select_option(DEPARTMENT)
    page.get_by_role("button", name="Phân vai trò").click()
    expect(page.get_by_text("Đã phân vai trò cho Phan Thu Hà.")).to_be_visible()
    assert page.locator("#fresh-password").count() == 0  # shown once only
    officer = User.objects.get(username="cv2.tuphap")
    assert holds_role(officer, Role.RECORDS_CLERK, agency_by_code(DEPARTMENT))
    walk.look("role-granted")

    page.get_by_role("link", name="Quy trình nội bộ").click()
    walk.look("processes")
    page.get_by_role("link", name="Quy trình riêng v1").click()
    diagram = page.locator("figure.bo-diagram svg")
    assert diagram.count() == 1
    assert diagram.locator("g.step").count() == 4
    assert "Phòng Hành chính tư pháp" in diagram.inner_html()
    walk.look("process-diagram")

    # The other sections, for axe and for people to look at.
    page.get_by_role("link", name="Phòng, bộ phận").click()
    walk.look("units")
    page.get_by_role("link", name="Giờ làm việc").click()
    expect(page.get_by_text("theo UBND tỉnh An Hòa").first).to_be_visible()
    walk.look("hours")
    page.get_by_role("link", name="Sửa Sở Tư pháp tỉnh An Hòa").click()
    walk.look("hours-edit")
    page.get_by_role("link", name="Ngày nghỉ, ngày làm bù").click()
    walk.look("days-off")
    page.goto(live_server.url + f"/can-bo/quan-tri/{DEPARTMENT}/can-bo/cv2.tuphap/khoa/")
    walk.look("confirm-lock")

    assert walk.violations == {}
