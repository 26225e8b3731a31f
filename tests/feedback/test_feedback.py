"""Phản ánh, kiến nghị and questions: sending, the agency's handling with its due moments in
working days, lateness, who may act, and what the published answer hides."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.documents.models import StoredFile
from motcua.events.models import OutboxMessage
from motcua.feedback import selectors, services
from motcua.feedback.models import Category, Feedback, FeedbackStatus
from tests.documents.files import png_bytes, private_root
from tests.dossiers.helpers import at, online
from tests.feedback.helpers import send

__all__ = ["private_root"]


def test_sending_sets_the_due_moments_in_working_days(world):
    with clock.frozen(at(3, 2, 9)):  # a Monday
        feedback = send(world)
    assert feedback.status == FeedbackStatus.RECEIVED
    assert feedback.agency == world.tree.commune_a
    assert feedback.procedure_name == "Đăng ký khai sinh"
    assert feedback.field_name == "Hộ tịch"
    assert feedback.reject_due_at == at(3, 4, 9)  # 2 working days
    assert feedback.ask_due_at == at(3, 9, 9)  # 5: the weekend does not count
    assert feedback.answer_due_at == at(3, 23, 9)  # 15
    assert OutboxMessage.objects.filter(topic="feedback.sent").count() == 1
    assert AuditEntry.objects.filter(action="feedback.send", object_id=str(feedback.pk)).exists()


def test_holidays_do_not_count(world):
    with clock.frozen(at(4, 29, 9)):  # Wednesday before 30/4 and 1/5
        feedback = send(world)
    assert feedback.reject_due_at == at(5, 5, 9)


def test_a_weekend_message_counts_from_monday_morning(world):
    with clock.frozen(at(3, 7, 10)):  # Saturday
        feedback = send(world)
    assert feedback.reject_due_at == at(3, 10, 17)


def test_about_a_dossier_it_goes_to_the_competent_agency(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world, agency=world.tree.commune_b)
        feedback = send(world, dossier=dossier, procedure=None, agency=None)
    assert feedback.agency == world.tree.commune_b
    assert feedback.dossier == dossier
    assert feedback.procedure == world.birth


def test_nobody_writes_about_someone_elses_dossier(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        with pytest.raises(NotFound):
            send(world, user=world.other_citizen, dossier=dossier, procedure=None, agency=None)


def test_a_procedure_feedback_must_go_to_an_agency_handling_it(world):
    with clock.frozen(at(3, 2, 9)), pytest.raises(ValidationFailed) as refused:
        send(world, agency=world.tree.department, title=" ", category="other")
    assert set(refused.value.fields) == {"agency", "title", "category"}


def test_an_attachment_is_stored_only_with_an_accepted_feedback(world, private_root):
    photo = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    with clock.frozen(at(3, 2, 9)), pytest.raises(ValidationFailed):
        send(world, title=" ", attachment=photo)
    assert not StoredFile.objects.exists()
    assert not any(private_root.rglob("*.*"))

    with clock.frozen(at(3, 2, 9)):
        sent = send(world, attachment=SimpleUploadedFile("anh.png", png_bytes()))
    assert sent.attachment.original_name == "anh.png"
    assert sent.attachment.uploaded_by == world.citizen


def test_a_wrong_attachment_is_reported_on_its_field(world, private_root):
    with clock.frozen(at(3, 2, 9)), pytest.raises(ValidationFailed) as refused:
        send(world, attachment=SimpleUploadedFile("ghi-chu.txt", b"chi la chu"))
    assert set(refused.value.fields) == {"attachment"}
    assert not Feedback.objects.exists()


def test_officers_do_not_send_feedback(world):
    with clock.frozen(at(3, 2, 9)), pytest.raises(Forbidden):
        send(world, user=world.counter_a)


def test_ask_more_stops_the_answer_clock_until_the_citizen_replies(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
    with clock.frozen(at(3, 3, 9)):
        feedback = services.ask_more(
            user=world.specialist_a, feedback=feedback, question="Ông/Bà nộp hồ sơ ngày nào?"
        )
    assert feedback.status == FeedbackStatus.AWAITING_CITIZEN
    assert not selectors.overdue(now=at(4, 30, 9)).exists()  # waiting for the citizen
    with clock.frozen(at(3, 5, 9)):  # two working days later
        feedback = services.reply(user=world.citizen, feedback=feedback, text="Ngày 27/02/2026.")
    assert feedback.status == FeedbackStatus.RECEIVED
    assert feedback.answer_due_at == at(3, 25, 9)
    topics = set(OutboxMessage.objects.values_list("topic", flat=True))
    assert {"feedback.asked", "feedback.replied"} <= topics


def test_only_the_sender_replies(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
        services.ask_more(user=world.specialist_a, feedback=feedback, question="Mã hồ sơ?")
        with pytest.raises(NotFound):
            services.reply(user=world.other_citizen, feedback=feedback, text="...")
        with pytest.raises(Forbidden):
            services.reply(user=world.specialist_a, feedback=feedback, text="...")


def test_reject_with_a_reason_and_its_timeliness(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
    with pytest.raises(ValidationFailed):
        services.reject(user=world.leader_a, feedback=feedback, reason="  ")
    with clock.frozen(at(3, 5, 9)):  # a day after the 2 working days
        feedback = services.reject(
            user=world.leader_a, feedback=feedback, reason="Nội dung không thuộc thẩm quyền."
        )
    assert feedback.status == FeedbackStatus.REJECTED
    assert [(t.action, t.late) for t in selectors.timeliness(feedback)] == [("reject", True)]
    with pytest.raises(Conflict):
        services.answer(user=world.leader_a, feedback=feedback, text="...")


def test_answer_then_publish_on_time(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
    with clock.frozen(at(3, 10, 9)):
        feedback = services.answer(
            user=world.specialist_a, feedback=feedback, text="Trong 01 ngày làm việc."
        )
    assert feedback.status == FeedbackStatus.ANSWERED
    assert feedback.publish_due_at == at(3, 12, 9)
    assert selectors.is_overdue(feedback, now=at(3, 12, 10))
    with clock.frozen(at(3, 11, 9)):
        feedback = services.publish(user=world.leader_a, feedback=feedback)
    assert feedback.status == FeedbackStatus.PUBLISHED
    assert [(t.action, t.late) for t in selectors.timeliness(feedback)] == [
        ("answer", False),
        ("publish", False),
    ]
    assert list(selectors.published_answers(query="thoi han khai sinh")) == [feedback]
    topics = list(OutboxMessage.objects.order_by("created_at").values_list("topic", flat=True))
    assert topics[-2:] == ["feedback.answered", "feedback.published"]
    audited = AuditEntry.objects.filter(object_id=str(feedback.pk), object_type="feedback.feedback")
    assert list(audited.order_by("seq").values_list("action", flat=True)) == [
        "feedback.send",
        "feedback.answer",
        "feedback.publish",
    ]


def test_late_answers_are_listed_as_overdue(world):
    with clock.frozen(at(3, 2, 9)):
        late = send(world)
        late_elsewhere = send(world, agency=world.tree.commune_b)
    with clock.frozen(at(3, 20, 9)):
        recent = send(world)
    now = at(3, 23, 10)
    assert set(selectors.overdue(now=now)) == {late, late_elsewhere}
    assert not selectors.is_overdue(recent, now=now)
    assert selectors.is_overdue(late, now=now)


def test_another_agency_cannot_handle_it(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
        with pytest.raises(NotFound):
            services.answer(user=world.leader_b, feedback=feedback, text="Trả lời.")
        with pytest.raises(NotFound):
            services.reject(user=world.counter_b, feedback=feedback, reason="Không.")
    assert list(selectors.inbox(world.leader_b)) == []
    assert list(selectors.inbox(world.specialist_a)) == [feedback]


def test_the_published_answer_hides_who_asked(world):
    world.citizen.phone = "0912345678"
    world.citizen.save()
    with clock.frozen(at(3, 2, 9)):
        feedback = send(
            world,
            category=Category.REPORT,
            title="Trần Thị Bình hỏi về khai sinh",
            content=(
                "Tôi là Trần Thị Bình, CCCD 099190001234, điện thoại 0912 345 678, "
                "email binh.tran@example.com. Hồ sơ khai sinh của con tôi chưa có kết quả."
            ),
        )
        feedback = services.answer(
            user=world.specialist_a,
            feedback=feedback,
            text="Kính gửi bà Trần Thị Bình: hồ sơ đã được giải quyết.",
        )
        feedback = services.publish(user=world.leader_a, feedback=feedback)
    public = " ".join([feedback.public_title, feedback.public_question, feedback.public_answer])
    for secret in ("Trần Thị Bình", "099190001234", "0912 345 678", "binh.tran@example.com"):
        assert secret not in public
    assert "chưa có kết quả" in public
    assert "tran thi binh" not in feedback.search_text
    # The sender still sees their own words.
    assert "Trần Thị Bình" in feedback.content


def test_the_officer_rewrites_the_question_for_the_public(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
        services.answer(user=world.specialist_a, feedback=feedback, text="01 ngày làm việc.")
        feedback = services.publish(
            user=world.leader_a,
            feedback=feedback,
            public_title="Thời hạn đăng ký khai sinh trực tuyến",
            public_question="Đăng ký khai sinh trực tuyến mất bao lâu?",
        )
    assert feedback.public_title == "Thời hạn đăng ký khai sinh trực tuyến"
    assert list(selectors.published_answers(query="mat bao lau")) == [feedback]
    assert list(selectors.published_answers(query="giay chung tu")) == []


def test_publishing_needs_an_answer_first(world):
    with clock.frozen(at(3, 2, 9)):
        feedback = send(world)
        with pytest.raises(Conflict) as refused:
            services.publish(user=world.leader_a, feedback=feedback)
    assert "Đang xử lý" in refused.value.message
