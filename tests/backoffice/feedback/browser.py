"""Helpers of the feedback area's browser walks: signing an officer in through the real two-step
pages with their authenticator's code, screenshots named `backoffice-feedback-*.png`, and axe on
each page seen."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.backoffice.officers import current_code
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import FOLDER, WIDTHS

DEMO_PASSWORD = "demo@AnHoa2026"


def sign_in(page, live_server, username: str, path: str) -> None:
    """Open `path`, which sends to the sign-in; give the password, then the code the officer's
    authenticator shows now; land back on `path`."""
    page.set_viewport_size(WIDTHS["desktop"])
    page.goto(live_server.url + path)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Mã xác thực").fill(current_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + path)


class Walk:
    """Screenshots and axe findings of one walk."""

    def __init__(self, page) -> None:
        self.page, self.folder = page, FOLDER
        self.violations: dict[str, list[str]] = {}
        FOLDER.mkdir(parents=True, exist_ok=True)

    def look(self, name: str) -> None:
        self.page.screenshot(
            path=self.folder / f"backoffice-feedback-{name}.png",
            full_page=True,
            animations="disabled",
        )
        found = blocking_violations(self.page)
        if found:
            self.violations[name] = found
