"""The feedback area's walks in Debian's Chromium on the demo province, each officer signed in
through the real two-step pages with the code their authenticator shows:

- the paper batch hand-over (issue 6, "Done when"): Xã Tân Phú's desk officer opens the lists
  waiting for the commune, checks the dossier An Hòa's desk sent on paper, is stopped until they
  tick that the papers match, accepts, and sees the list accepted (the step's clock started);
- answering a citizen's question (PAKN) and publishing it, with the masked preview;
- a leader setting a substitute for an absent specialist, then cancelling it.

Every page seen passes axe with no serious or critical violation; screenshots go to
test-artifacts/screenshots/backoffice-feedback-*.png.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import Delegation, User
from motcua.core import clock
from motcua.dossiers.models import HandoverBatch
from motcua.feedback.models import Feedback, FeedbackStatus
from tests.backoffice.feedback.browser import Walk, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAN_PHU = "000.00.34.H99"


def test_the_receiving_commune_accepts_the_paper_batch(live_server, page, demo_province):
    batch = HandoverBatch.objects.get(accepted_at__isnull=True, to_unit__code=TAN_PHU)
    keys = [record.dossier.key for record in batch.records.select_related("dossier")]
    assert keys
    walk = Walk(page)

    sign_in(page, live_server, "motcua.tanphu", "/can-bo/ban-giao/")
    waiting = page.locator(
        "section", has=page.get_by_role("heading", name=f"Danh sách số {batch.pk}")
    )
    for key in keys:
        expect(waiting.get_by_text(key)).to_be_visible()
    expect(waiting.get_by_text("Chờ nhận")).to_be_visible()
    walk.look("handover-1-waiting")

    waiting.get_by_role("link", name="Đối chiếu và nhận").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith(f"số {batch.pk}")
    for key in keys:
        expect(page.get_by_role("cell", name=key)).to_be_visible()
    page.get_by_role("button", name="Nhận danh sách").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.get_by_text(
        "Đối chiếu hồ sơ giấy với danh sách rồi đánh dấu ô này"
    ).first.is_visible()
    walk.look("handover-2-unticked")

    page.get_by_label("Tôi đã đối chiếu và nhận đủ hồ sơ giấy").check()
    page.get_by_role("button", name="Nhận danh sách").click()
    expect(page.get_by_role("status").filter(has_text="Đã nhận")).to_be_visible()
    expect(page.locator(".mc-tag", has_text="Đã nhận").first).to_be_visible()
    assert page.get_by_role("button", name="Nhận danh sách").count() == 0
    walk.look("handover-3-accepted")
    # Printed, the list keeps the dossiers and the signature blocks, not the navigation.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Mục chính")).not_to_be_visible()
    expect(page.get_by_text("Người nhận", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name=keys[0])).to_be_visible()
    page.screenshot(path=walk.folder / "backoffice-feedback-handover-4-printed.png", full_page=True)
    page.emulate_media(media="screen")

    batch.refresh_from_db()
    assert batch.accepted_by.username == "motcua.tanphu"
    for record in batch.records.select_related("dossier"):
        assert record.received_at == batch.accepted_at
        assert record.dossier.step_started_at == batch.accepted_at
    assert walk.violations == {}


def test_a_leader_answers_a_question_and_publishes_it(live_server, page, demo_province):
    question = Feedback.objects.get(status=FeedbackStatus.RECEIVED)
    walk = Walk(page)

    sign_in(page, live_server, "ld.anhoa", "/can-bo/phan-anh-kien-nghi/")
    row = page.get_by_role("row").filter(has_text=question.title)
    expect(row.get_by_text("Đang xử lý")).to_be_visible()
    expect(row.get_by_text("còn").first).to_be_visible()
    walk.look("pakn-1-inbox")

    row.get_by_role("link", name=question.title).click()
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Nhập nội dung trả lời.").first).to_be_visible()
    walk.look("pakn-2-empty-answer")
    page.get_by_label("Nội dung trả lời").fill(
        "Có. Ông/Bà chọn nhận kết quả qua dịch vụ bưu chính công ích khi nộp hồ sơ; phí gửi "
        "theo bảng giá của Bưu điện tỉnh."
    )
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã gửi trả lời tới công dân")).to_be_visible()

    page.get_by_label("Tiêu đề công khai").fill("Nhận bản sao trích lục qua bưu điện")
    page.get_by_role("button", name="Xem trước").click()
    preview = page.locator(".bo-preview")
    expect(preview.get_by_text("Nhận bản sao trích lục qua bưu điện")).to_be_visible()
    assert "Trần Thị Bình" not in preview.inner_text()
    walk.look("pakn-3-preview")
    page.get_by_role("button", name="Công khai", exact=True).click()
    expect(page.get_by_text("Đã công khai câu hỏi và trả lời")).to_be_visible()
    walk.look("pakn-4-published")

    question.refresh_from_db()
    assert question.status == FeedbackStatus.PUBLISHED
    assert question.public_title == "Nhận bản sao trích lục qua bưu điện"
    page.goto(f"{live_server.url}/hoi-dap/{question.pk}/")
    expect(page.get_by_text("bưu chính công ích").first).to_be_visible()
    assert walk.violations == {}


def test_a_leader_sets_a_substitute_for_an_absent_specialist(live_server, page, demo_province):
    walk = Walk(page)
    sign_in(page, live_server, "ld.tanphu", "/can-bo/uy-quyen/")
    walk.look("delegation-1-page")
    start = (clock.now() + timedelta(days=7)).replace(hour=8, minute=0, second=0, microsecond=0)
    page.get_by_label("Người vắng mặt", exact=True).select_option(value=str(_pk("cv.tanphu")))
    page.get_by_label("Người thay thế", exact=True).select_option(value=str(_pk("motcua.tanphu")))
    page.get_by_label("Từ", exact=True).fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Đến", exact=True).fill(
        (start + timedelta(days=2, hours=9)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Lý do vắng mặt").fill("Đi tập huấn hộ tịch tại tỉnh.")
    page.get_by_role("button", name="Đặt người thay thế").click()
    expect(page.get_by_role("status").filter(has_text="Đã đặt")).to_be_visible()
    units = page.locator("table", has=page.get_by_text("Đi tập huấn hộ tịch tại tỉnh."))
    expect(units.get_by_text("Sắp tới")).to_be_visible()
    walk.look("delegation-2-set")
    made = Delegation.objects.get(reason="Đi tập huấn hộ tịch tại tỉnh.")
    assert (made.principal.username, made.substitute.username) == ("cv.tanphu", "motcua.tanphu")
    assert made.starts_at == start

    # Plans change: the leader cancels it, after a confirmation.
    units.get_by_role("link", name="Hủy").click()
    expect(page.get_by_role("heading", name="Hủy ủy quyền chưa bắt đầu?")).to_be_visible()
    walk.look("delegation-3-cancel")
    page.get_by_role("button", name="Hủy ủy quyền").click()
    expect(page.get_by_role("status").filter(has_text="Đã hủy ủy quyền")).to_be_visible()
    assert not Delegation.objects.filter(pk=made.pk).exists()
    assert walk.violations == {}


def _pk(username: str) -> int:
    return User.objects.get(username=username).pk
