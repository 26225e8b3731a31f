"""An online dossier through the back office in Debian's Chromium (issue 6, "Done when"): Trần
Thị Bình files online with a PDF (service layer); the desk officer signs in through the real
pages with her authenticator's code, finds the filing in "Chờ tiếp nhận", receives it and asks
for a supplement; Bình supplies it (service layer); the desk forwards it; the specialist asks the
department's opinion, which its jurist gives; the specialist transfers the dossier to another
commune, whose leader sends it back; the specialist attaches the result and forwards it; the
leader approves and finishes; the desk returns the result online through the result-return
page. The inbox and the dossier page pass axe with no serious or critical violation; the main
screens are saved as test-artifacts/screenshots/backoffice-inbox-NN-<name>.png.

The walk runs on the project clock, frozen on a working morning (the live server's thread reads
the same clock); TOTP codes come from the real time, as the authenticator's would.
"""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.core import clock
from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from tests.backoffice.inbox.conftest import filed_with_paper
from tests.backoffice.officers import current_code, verified_login
from tests.documents.files import pdf_bytes
from tests.dossiers.helpers import at
from tests.dossiers.world import build_world, jurist_of, with_liaison
from tests.portal.accessibility import blocking_violations
from tests.portal.screenshots import FOLDER, WIDTHS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("private_root"),
]

PASSWORD = "Mat-khau-mot-cua-2026"


class Shots:
    """backoffice-inbox-01-inbox.png, backoffice-inbox-02-…: the walk's screens at a desktop's width."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0
        FOLDER.mkdir(parents=True, exist_ok=True)
        for old in FOLDER.glob("backoffice-inbox-[0-9][0-9]-*.png"):
            old.unlink()

    def take(self, name: str, page=None) -> None:
        self.count += 1
        path = FOLDER / f"backoffice-inbox-{self.count:02d}-{name}.png"
        (page or self.page).screenshot(path=path, full_page=True, animations="disabled")


def as_officer(chromium, live_server, user):
    """A desktop browser page carrying `user`'s session with both factors given."""
    client = verified_login(Client(), user)
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
    page = context.new_page()
    page.set_viewport_size(WIDTHS["desktop"])
    return page


def take(page, action: str, fields: dict | None = None, *, files: dict | None = None) -> None:
    """Open the action's box on the dossier page, fill its fields by label, and send it."""
    form = page.locator(f"#thao-tac-{action}")
    box = page.locator("details.bo-action-box", has=form)
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for label, value in (fields or {}).items():
        field = form.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        elif field.get_attribute("type") == "checkbox":
            field.check()
        else:
            field.fill(value)
    for label, payload in (files or {}).items():
        form.get_by_label(label).set_input_files(payload)
    form.locator("button[type=submit]").click()
    page.get_by_text("Đã thực hiện:").wait_for()


def test_an_online_dossier_through_supplement_opinion_transfer_approval_and_return(
    live_server, chromium, page
):
    world = build_world(with_liaison())
    jurist = jurist_of(world)
    desk = world.counter_a
    desk.set_password(PASSWORD)
    desk.username = "motcua.anphu"
    desk.save()
    device = TOTPDevice.objects.create(user=desk, name="app", confirmed=True)
    violations: dict[str, list[str]] = {}

    def audited(name: str, on=None) -> None:
        found = blocking_violations(on or page)
        if found:
            violations[name] = found

    with clock.frozen(at(1, 6, 8)):
        dossier, _paper = filed_with_paper(world)
        page.set_viewport_size(WIDTHS["desktop"])
        shots = Shots(page)

        # The desk officer signs in: password, then the authenticator's code.
        page.goto(live_server.url + "/can-bo/")
        page.get_by_label("Tên đăng nhập").fill("motcua.anphu")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Tiếp tục").click()
        page.get_by_label("Mã xác thực").fill(current_code(device))
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("heading", name="Hộp việc", level=1).wait_for()

        # The online filing waits in "Chờ tiếp nhận".
        page.get_by_role("link", name=re.compile("^Chờ tiếp nhận")).click()
        page.get_by_role("link", name=dossier.reference).wait_for()
        audited("inbox")
        shots.take("inbox")
        page.get_by_role("link", name=dossier.reference).click()
        page.get_by_role("heading", name=f"Hồ sơ {dossier.reference}").wait_for()
        assert page.locator("iframe.bo-preview--pdf").count() == 1
        audited("dossier-submitted")
        shots.take("dossier-submitted")

        take(page, "receive")
        dossier.refresh_from_db()
        assert dossier.status == Status.RECEIVED
        page.get_by_role("heading", name=f"Hồ sơ {dossier.code}").wait_for()
        take(
            page,
            "request_supplement",
            {
                "Tờ khai": True,
                "Nội dung khác cần bổ sung": "Bản sao giấy chứng nhận kết hôn của cha mẹ",
                "Lý do yêu cầu bổ sung": "Thiếu giấy tờ chứng minh quan hệ cha mẹ",
            },
        )
        expect(page.get_by_text("Chờ bổ sung hồ sơ").first).to_be_visible()
        shots.take("supplement-requested")

    with clock.frozen(at(1, 6, 8, 10)):
        # Bình supplies the paper (service layer, as the portal would).
        upload = store_upload(
            uploaded_file=SimpleUploadedFile(
                "ket-hon.pdf", pdf_bytes("Giay chung nhan ket hon"), "application/pdf"
            ),
            user=world.citizen,
        )
        dossier.refresh_from_db()
        services.supply(
            user=world.citizen,
            dossier=dossier,
            expected_version=dossier.version,
            uploads=[upload.pk],
        )
        page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
        take(page, "forward", {"Ghi chú (nếu có)": "Chuyển công chức tư pháp xử lý"})

        # The specialist finds it in "Chờ tôi xử lý" and asks the department.
        specialist = as_officer(chromium, live_server, world.specialist_a)
        specialist.goto(live_server.url + "/can-bo/")
        specialist.get_by_role("link", name=dossier.code).click()
        specialist.get_by_role("heading", name=f"Hồ sơ {dossier.code}").wait_for()
        audited("dossier-specialist", specialist)
        take(
            specialist,
            "consult",
            {
                "Cơ quan, đơn vị được hỏi": "Sở Tư pháp",
                "Nội dung xin ý kiến": "Xác định quốc tịch của trẻ",
                "Thời hạn trả lời (giờ làm việc)": "4",
            },
        )
        shots.take("consulted", specialist)

        answering = as_officer(chromium, live_server, jurist)
        answering.goto(live_server.url + "/can-bo/?tab=xin-y-kien")
        answering.get_by_role("link", name=dossier.code).click()
        take(answering, "answer", {"Ý kiến trả lời": "Trẻ có quốc tịch Việt Nam."})

        # Transfer to commune B and back.
        specialist.reload()
        take(
            specialist,
            "transfer",
            {
                "Cơ quan liên thông": "UBND phường Bình Minh",
                "Nội dung cần cơ quan liên thông giải quyết": "Xác minh nơi cư trú của mẹ",
            },
        )
        assert Dossier.objects.get(pk=dossier.pk).transferred_to == world.tree.commune_b
        other = as_officer(chromium, live_server, world.leader_b)
        other.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
        take(other, "transfer_back", {"Kết quả giải quyết liên thông": "Đúng nơi cư trú."})
        assert Dossier.objects.get(pk=dossier.pk).transferred_to is None

        specialist.reload()
        take(
            specialist,
            "attach_result",
            {"Nội dung kết quả": "Giấy khai sinh bản chính số 12/2026"},
            files={
                "Tệp kết quả (PDF, JPEG, PNG)": {
                    "name": "giay-khai-sinh.pdf",
                    "mimeType": "application/pdf",
                    "buffer": pdf_bytes("Giay khai sinh so 12/2026"),
                }
            },
        )
        take(specialist, "forward")

        # The leader approves and finishes.
        leader = as_officer(chromium, live_server, world.leader_a)
        leader.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
        take(leader, "approve", {"Ghi chú (nếu có)": "Đồng ý"})
        shots.take("approved", leader)
        take(leader, "finish")
        assert Dossier.objects.get(pk=dossier.pk).status == Status.READY

    with clock.frozen(at(1, 6, 8, 20)):
        # The desk returns the result online through the result-return page.
        page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
        page.get_by_role("link", name="Mở trang trả kết quả").click()
        page.get_by_role("button", name="Xác nhận trả kết quả trực tuyến").click()
        page.wait_for_load_state("load")
        shots.take("returned")
        assert Dossier.objects.get(pk=dossier.pk).status == Status.RETURNED

    assert violations == {}
