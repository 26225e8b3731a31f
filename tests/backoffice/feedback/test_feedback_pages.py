"""The officers' feedback pages: the inbox of their agencies' feedback with each deadline and what
is late, and one feedback with its actions — answer, publish (with the masked preview), ask for
more, reject after a confirmation — each through the services, with errors by the field."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.feedback import services
from motcua.feedback.models import FeedbackStatus
from tests.backoffice.officers import verified_login
from tests.documents import files
from tests.documents.files import pdf_bytes
from tests.feedback.helpers import send

pytestmark = pytest.mark.django_db
private_root = files.private_root

INBOX = "/can-bo/phan-anh-kien-nghi/"


def page_of(pk: int) -> str:
    return f"{INBOX}{pk}/"


@pytest.fixture
def specialist(client, world):
    return verified_login(client, world.specialist_a)


def test_the_inbox_lists_the_agencys_feedback_with_its_deadlines(specialist, world, monday):
    mine = send(world, title="Thời hạn cấp giấy khai sinh")
    send(world, title="Câu hỏi gửi xã khác", agency=world.tree.commune_b)
    body = specialist.get(INBOX).content.decode()
    assert "Thời hạn cấp giấy khai sinh" in body
    assert "Câu hỏi gửi xã khác" not in body
    assert "Đang xử lý" in body
    # The three deadlines that run from receipt, each with its working time left.
    assert mine.reject_due_at.strftime("%H:%M %d/%m/%Y") in body
    assert mine.answer_due_at.strftime("%H:%M %d/%m/%Y") in body
    assert "còn 2 ngày làm việc" in body  # to reject
    assert "còn 15 ngày làm việc" in body  # to answer
    assert "Trễ hạn" not in body


def test_a_late_answer_is_marked_and_filtered(specialist, world, monday):
    late = send(world, title="Chưa ai trả lời")
    send(world, title="Mới gửi hôm nay")
    late.refresh_from_db()
    with clock.frozen(late.answer_due_at + timedelta(days=1)):
        services.send(
            user=world.citizen,
            category="question",
            title="Gửi sau cùng",
            content="Nội dung",
            procedure=world.birth,
            agency=world.tree.commune_a,
        )
        body = specialist.get(INBOX).content.decode()
        assert body.count('class="bo-row--late"') == 2
        assert "quá hạn" in body
        only_late = specialist.get(INBOX, {"late": "on"}).content.decode()
    assert "Chưa ai trả lời" in only_late
    assert "Gửi sau cùng" not in only_late


def test_filters_by_status_and_search(specialist, world, monday):
    answered = send(world, title="Đã có câu trả lời")
    services.answer(user=world.specialist_a, feedback=answered, text="Trả lời.")
    send(world, title="Về lệ phí", content="Lệ phí bản sao là bao nhiêu?")
    assert "Đã có câu trả lời" in specialist.get(INBOX, {"status": "answered"}).content.decode()
    assert "Về lệ phí" not in specialist.get(INBOX, {"status": "answered"}).content.decode()
    found = specialist.get(INBOX, {"q": "bản sao"}).content.decode()
    assert "Về lệ phí" in found
    assert "Đã có câu trả lời" not in found


def test_the_inbox_reads_a_fixed_number_of_queries(
    specialist, world, monday, django_assert_max_num_queries
):
    send(world)
    with django_assert_max_num_queries(20) as few:
        specialist.get(INBOX)
    for n in range(15):
        send(world, title=f"Câu hỏi {n}", agency=world.tree.commune_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = specialist.get(INBOX).content.decode()
    assert "Câu hỏi 14" in body


def test_another_agencys_feedback_is_404_and_a_citizen_is_refused(client, world, monday):
    other = send(world, agency=world.tree.commune_b)
    verified_login(client, world.specialist_a)
    assert client.get(page_of(other.pk)).status_code == 404
    assert client.post(page_of(other.pk), {"action": "answer", "text": "x"}).status_code == 404
    client.logout()
    client.force_login(world.citizen)
    assert client.get(page_of(other.pk)).status_code == 403
    assert client.get(INBOX).status_code == 403


def test_answer_then_publish_with_the_masked_preview(specialist, world, monday):
    world.citizen.phone = "0912345678"
    world.citizen.save()
    feedback = send(world, content="Tôi là Trần Thị Bình, số điện thoại 0912 345 678. Hỏi ...")
    page = specialist.get(page_of(feedback.pk)).content.decode()
    assert "Trả lời công dân" in page
    assert "Công khai câu hỏi" not in page
    answered = specialist.post(
        page_of(feedback.pk), {"action": "answer", "text": "Trả lời: 1 ngày."}
    )
    assert answered.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED
    shown = specialist.get(page_of(feedback.pk)).content.decode()
    assert "Đã gửi trả lời tới công dân" in shown
    assert "Người dân sẽ đọc trên trang Hỏi đáp" in shown
    preview = shown.split("Người dân sẽ đọc trên trang Hỏi đáp")[1].split("</section>")[0]
    assert "Trần Thị Bình" not in preview
    assert "0912 345 678" not in preview
    assert "Tôi là ***, số điện thoại ***" in preview

    typed = {"action": "publish", "public_title": "Bao lâu có giấy khai sinh?", "preview": "1"}
    previewed = specialist.post(page_of(feedback.pk), typed).content.decode()
    assert 'value="Bao lâu có giấy khai sinh?"' in previewed  # kept in the form
    assert '<h3 class="h6">Bao lâu có giấy khai sinh?</h3>' in previewed
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED  # a preview publishes nothing

    del typed["preview"]
    assert specialist.post(page_of(feedback.pk), typed).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.PUBLISHED
    assert feedback.public_title == "Bao lâu có giấy khai sinh?"
    assert "Trần Thị Bình" not in feedback.public_question
    assert AuditEntry.objects.filter(action="feedback.publish").count() == 1


def test_an_empty_answer_is_refused_by_the_field_and_a_stale_action_by_the_status(
    specialist, world, monday
):
    feedback = send(world)
    empty = specialist.post(page_of(feedback.pk), {"action": "answer", "text": "  "})
    assert empty.status_code == 400
    body = empty.content.decode()
    assert 'id="error-summary"' in body
    assert "Nhập nội dung trả lời." in body
    services.answer(user=world.leader_a, feedback=feedback, text="Đã trả lời.")
    stale = specialist.post(page_of(feedback.pk), {"action": "answer", "text": "Trả lời lần hai"})
    assert stale.status_code == 409
    assert "Trả lời lần hai" in stale.content.decode()  # what was typed is still there
    feedback.refresh_from_db()
    assert feedback.answer == "Đã trả lời."


def test_ask_for_more_stops_the_answer_clock(specialist, world, monday):
    feedback = send(world)
    missing = specialist.post(page_of(feedback.pk), {"action": "ask_more", "question": ""})
    assert missing.status_code == 400
    assert "Nhập nội dung đề nghị công dân bổ sung." in missing.content.decode()
    specialist.post(page_of(feedback.pk), {"action": "ask_more", "question": "Cho biết mã hồ sơ."})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.AWAITING_CITIZEN
    body = specialist.get(page_of(feedback.pk)).content.decode()
    assert "tạm dừng, chờ công dân bổ sung" in body
    assert "Cho biết mã hồ sơ." in body  # in the history
    assert "Trả lời công dân" not in body  # no answer while the citizen is asked


def test_rejecting_asks_for_a_confirmation_and_keeps_the_reason(specialist, world, monday):
    feedback = send(world)
    reason = "Nội dung không thuộc thẩm quyền của xã.\nĐề nghị gửi Sở Tư pháp."
    asked = specialist.post(page_of(feedback.pk), {"action": "reject", "reason": reason})
    assert asked.status_code == 200
    assert "Xác nhận không tiếp nhận" in asked.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    back = specialist.post(
        page_of(feedback.pk), {"action": "reject", "reason": reason, "back": "1"}
    )
    assert "Đề nghị gửi Sở Tư pháp." in back.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    confirmed = {"action": "reject", "reason": reason, "confirmed": "1"}
    assert specialist.post(page_of(feedback.pk), confirmed).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.REJECTED
    assert feedback.reject_reason == reason
    body = specialist.get(page_of(feedback.pk)).content.decode()
    assert "Không tiếp nhận:" in body
    assert "Đúng hạn" in body  # rejected within the 2 working days


def test_the_attachment_is_streamed_to_the_agencys_officers_only(
    client, world, monday, private_root
):
    upload = SimpleUploadedFile("anh-chup.pdf", pdf_bytes("Bien nhan"), "application/pdf")
    feedback = send(world, attachment=upload)
    url = page_of(feedback.pk) + "tep-dinh-kem/"
    verified_login(client, world.specialist_a)
    assert "anh-chup.pdf" in client.get(page_of(feedback.pk)).content.decode()
    got = client.get(url)
    assert got.status_code == 200
    assert got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content).startswith(b"%PDF")
    client.logout()
    verified_login(client, world.counter_b)
    assert client.get(url).status_code == 404
    no_file = send(world)
    verified_login(client, world.specialist_a)
    assert client.get(page_of(no_file.pk) + "tep-dinh-kem/").status_code == 404
