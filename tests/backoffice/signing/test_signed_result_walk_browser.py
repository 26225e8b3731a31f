"""A signed result walked in Debian's Chromium (issue 7, "Done when"): Trần Thị Bình's birth
registration at Phường An Hòa reaches the specialist (service layer), who drafts the result on
the dossier page and forwards it; the leader approves and signs it with the remote-signing
simulator (the "phone" page opened beside the signing page, PIN 123456); the records clerk
issues it with a number and today's date; the leader finishes and the desk returns it online.
Bình downloads the result — two signatures, intact and trusted — and opens the verification
page, which checks her file and tells a copy with one byte changed apart.

The signing page, the dossier page with the result's forms and the verification page pass axe
with no serious or critical violation; the screens are saved as
test-artifacts/screenshots/signed-result-NN-<name>.png.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import procedure_by_code
from motcua.core import clock
from motcua.demo.casting import AN_HOA, BIRTH, TAN_PHU, Cast, act, online
from motcua.dossiers.models import Dossier, Status
from motcua.signatures import trust
from motcua.signatures.validation import check_pdf
from tests.backoffice.inbox.test_online_walk_browser import as_officer, take
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import FOLDER, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BINH = "099190001234"
PIN = "123456"
NUMBER = "15/TLKS-UBND"
TITLE = "Giấy khai sinh (bản chính) của cháu Phạm Minh Anh"
BODY = (
    "Họ, chữ đệm, tên: Phạm Minh Anh. Giới tính: Nữ.\n"
    "Nơi sinh: Trung tâm Y tế khu vực An Hòa.\n"
    "Họ, chữ đệm, tên người mẹ: Trần Thị Bình."
)


class Shots:
    """signed-result-01-….png, signed-result-02-…: the walk's screens at a desktop's width."""

    def __init__(self) -> None:
        self.count = 0
        FOLDER.mkdir(parents=True, exist_ok=True)
        for old in FOLDER.glob("signed-result-[0-9][0-9]-*.png"):
            old.unlink()

    def take(self, page, name: str) -> None:
        self.count += 1
        path = FOLDER / f"signed-result-{self.count:02d}-{name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")


@pytest.fixture
def province(settings, demo_var_dir, live_server):
    """The seeded demo (its keys, trust store and plug-in tokens under the test's directory:
    `demo_var_dir`), the remote-signing plugin talking to the simulator on the live server."""
    settings.MOTCUA_TIMESTAMP_URL = None
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_REMOTE_SIGNING_SIMULATOR = True
    settings.MOTCUA_REMOTE_SIGNING = {
        "base_url": f"{live_server.url}/_sim/ky-so-tu-xa/api",
        **settings.MOTCUA_REMOTE_SIGNING_SIMULATOR_CLIENT,
    }
    call_command("seed_demo", stdout=StringIO())
    yield demo_var_dir
    trust.reset()


def at_the_specialist() -> Dossier:
    """Bình's online filing, received and forwarded by the desk (service layer)."""
    users = {u.username: u for u in User.objects.filter(username__in=[BINH, "motcua.anhoa"])}
    cast = Cast(
        birth=procedure_by_code(BIRTH),
        an_hoa=agency_by_code(AN_HOA),
        tan_phu=agency_by_code(TAN_PHU),
        users=users,
    )
    dossier = online(cast, clock.now(), BINH)
    act(dossier, clock.now(), "receive", users["motcua.anhoa"])
    act(dossier, clock.now(), "forward", users["motcua.anhoa"], note="Chuyển xử lý.")
    dossier.refresh_from_db()
    return dossier


def opened(page, action: str) -> None:
    """The action's box on the dossier page, open (the page may have opened it already)."""
    box = page.locator("details.bo-action-box", has=page.locator(f"#thao-tac-{action}"))
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    expect(page.locator(f"#thao-tac-{action}")).to_be_visible()


def one_byte_changed(pdf: bytes) -> bytes:
    """The file with one byte changed inside its first stream, which both signatures cover."""
    at = pdf.index(b"stream", pdf.index(b"obj")) + 20
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def test_approval_remote_signature_issue_download_and_verification(province, live_server, chromium):
    dossier = at_the_specialist()
    url = f"{live_server.url}/can-bo/ho-so/{dossier.key}/"
    officers = {u.username: u for u in User.objects.all()}
    shots = Shots()
    violations: dict[str, list[str]] = {}

    def audited(name: str, on) -> None:
        found = blocking_violations(on)
        if found:
            violations[name] = found
        shots.take(on, name)

    # 1. The specialist drafts the result on the dossier page and forwards it to the leader.
    specialist = as_officer(chromium, live_server, officers["cv.anhoa"])
    specialist.goto(url)
    specialist.get_by_role("heading", name=re.compile(f"^Hồ sơ {dossier.key}")).wait_for()
    opened(specialist, "draft_result")
    audited("specialist-draft-form", specialist)
    take(
        specialist,
        "draft_result",
        {"Trích yếu văn bản kết quả": TITLE, "Nội dung văn bản": BODY},
    )
    expect(specialist.get_by_role("link", name="Bản dự thảo")).to_be_visible()
    take(specialist, "forward", {"Ghi chú (nếu có)": "Trình ký."})

    # 2. The leader approves, then signs with the remote-signing provider.
    leader = as_officer(chromium, live_server, officers["ld.anhoa"])
    leader.goto(url)
    take(leader, "approve", {"Ghi chú (nếu có)": "Đồng ý"})
    opened(leader, "sign")
    expect(leader.get_by_text("xác nhận yêu cầu ký trên ứng dụng ký số từ xa")).to_be_visible()
    audited("leader-sign-form", leader)
    take_sign = leader.locator("#thao-tac-sign")
    take_sign.get_by_label("Chức vụ ghi trên chữ ký", exact=True).fill("CHỦ TỊCH")
    take_sign.locator("button[type=submit]").click()
    leader.wait_for_url(re.compile(r".*/can-bo/ky-so/[0-9a-f-]+/$"))
    expect(leader.get_by_text("Đang chờ xác nhận trên ứng dụng ký số từ xa.")).to_be_visible()
    audited("signing-page-waiting", leader)

    phone = leader.context.browser.new_context(locale="vi-VN").new_page()
    phone.set_viewport_size(WIDTHS["phone"])
    phone.goto(f"{live_server.url}/_sim/ky-so-tu-xa/?nguoi-dung=ld.anhoa")
    request = phone.get_by_role("region", name="Yêu cầu ký")
    expect(request).to_have_count(1)
    shots.take(phone, "phone-request")
    request.get_by_label("Mã PIN").fill(PIN)
    request.get_by_role("button", name="Xác nhận ký").click()
    expect(phone.get_by_text("Đã xác nhận và ký.")).to_be_visible()

    # The signing page notices by itself and goes back to the dossier.
    leader.wait_for_url(url, timeout=20_000)
    expect(leader.get_by_role("link", name="Bản đã ký")).to_be_visible()
    expect(leader.get_by_text("Chờ văn thư cho số và phát hành.")).to_be_visible()
    shots.take(leader, "signed")

    # 3. The records clerk issues it and sees the issued file linked.
    clerk = as_officer(chromium, live_server, officers["vt.anhoa"])
    clerk.goto(url)
    opened(clerk, "issue")
    audited("clerk-issue-form", clerk)
    today = clock.now().astimezone(clock.VN_TZ).date()
    date_field = clerk.locator("#thao-tac-issue").get_by_label("Ngày ban hành")
    expect(date_field).to_have_value(f"{today:%d/%m/%Y}")  # today, as Vietnamese write it
    take(clerk, "issue", {"Số, ký hiệu văn bản": NUMBER})
    expect(clerk.get_by_role("link", name="Bản phát hành")).to_be_visible()
    papers = clerk.get_by_role("region", name="Giấy tờ, văn bản")
    expect(papers.get_by_text(f"số {NUMBER} ngày {today:%d/%m/%Y}")).to_be_visible()
    shots.take(clerk, "issued")

    # 4. The leader finishes; the desk returns the result online.
    leader.reload()
    take(leader, "finish")
    assert Dossier.objects.get(pk=dossier.pk).status == Status.READY
    desk = as_officer(chromium, live_server, officers["motcua.anhoa"])
    desk.goto(url)
    desk.get_by_role("link", name="Mở trang trả kết quả").click()
    desk.get_by_role("button", name="Xác nhận trả kết quả trực tuyến").click()
    desk.wait_for_load_state("load")
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RETURNED

    # 5. Bình downloads her result: two signatures, intact and trusted.
    citizen = as_officer(chromium, live_server, officers[BINH])
    citizen.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.key}/")
    expect(citizen.get_by_role("link", name="Xác minh văn bản kết quả")).to_be_visible()
    shots.take(citizen, "citizen-dossier")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Tải kết quả").click()
    result = download.value.path().read_bytes()
    assert result.startswith(b"%PDF")
    checks = check_pdf(result)
    assert len(checks) == 2
    assert all(c.intact and c.valid and c.trusted for c in checks)

    citizen.get_by_role("link", name="Xác minh văn bản kết quả").click()
    citizen.get_by_role("heading", name="Xác minh văn bản kết quả", level=1).wait_for()
    expect(citizen.get_by_text(NUMBER)).to_be_visible()
    expect(citizen.get_by_text("Phường An Hòa").first).to_be_visible()
    expect(citizen.get_by_text("Nguyên vẹn", exact=True)).to_have_count(2)
    expect(citizen.get_by_text("Chứng thư số tin cậy", exact=True)).to_have_count(2)
    expect(citizen.get_by_text(re.compile("còn nguyên vẹn, tin cậy"))).to_have_count(2)
    audited("verify", citizen)

    check = citizen.get_by_label("Tệp cần kiểm tra")
    check.set_input_files({"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": result})
    citizen.get_by_role("button", name="Kiểm tra tệp").click()
    expect(citizen.get_by_text("trùng khớp từng byte")).to_be_visible()
    audited("verify-matches", citizen)

    citizen.get_by_label("Tệp cần kiểm tra").set_input_files(
        {"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": one_byte_changed(result)}
    )
    citizen.get_by_role("button", name="Kiểm tra tệp").click()
    expect(citizen.get_by_text("KHÔNG trùng khớp")).to_be_visible()
    expect(citizen.get_by_text("Đã bị thay đổi sau khi ký", exact=True)).to_have_count(2)
    # A broken signature is not blamed on its (trusted) certificate.
    expect(citizen.get_by_text("Chứng thư số không tin cậy", exact=True)).to_have_count(0)
    audited("verify-changed", citizen)

    assert violations == {}
