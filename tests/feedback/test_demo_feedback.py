"""The demo's feedback: answered questions published by the communes' officers, one question
waiting, and Hùng's rating of his returned dossier — seeded once."""

from io import StringIO

from django.core.management import call_command

from motcua.audit.selectors import verify_chain
from motcua.feedback.models import Feedback, FeedbackStatus, Rating


def test_the_demo_has_published_answers_a_pending_question_and_a_rating(demo_province):
    published = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
    assert published.count() == 4
    assert set(published.values_list("published_by__username", flat=True)) == {
        "ld.anhoa",
        "ld.tanphu",
    }
    assert all(item.published_at > item.answered_at > item.received_at for item in published)
    assert Feedback.objects.filter(status=FeedbackStatus.RECEIVED).count() == 1
    rating = Rating.objects.get()
    assert rating.dossier.owner.username == "099085004321"
    assert rating.dossier.status == "returned"
    assert rating.created_at > rating.dossier.returned_at

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Feedback.objects.count() == 5
    assert Rating.objects.count() == 1
    assert "câu hỏi đáp" not in out.getvalue()
    assert verify_chain().ok
