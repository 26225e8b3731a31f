"""The admin: the system administrator reads feedback and publishes answered ones in bulk."""

from django.contrib.auth import get_user_model

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.feedback import services
from motcua.feedback.models import FeedbackStatus
from tests.dossiers.helpers import at
from tests.factories import grant
from tests.feedback.helpers import send

CHANGELIST = "/admin/feedback/feedback/"


def test_the_publish_action_publishes_answered_feedback_and_reports_the_rest(admin_client, world):
    grant(get_user_model().objects.get(username="admin"), Role.SYSTEM_ADMIN)
    with clock.frozen(at(3, 2, 9)):
        answered = services.answer(user=world.specialist_a, feedback=send(world), text="01 ngày.")
        waiting = send(world, title="Chưa trả lời")
    response = admin_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [answered.pk, waiting.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã công khai 1 câu trả lời." in page
    assert "Chưa trả lời: " in page
    answered.refresh_from_db()
    waiting.refresh_from_db()
    assert answered.status == FeedbackStatus.PUBLISHED
    assert waiting.status == FeedbackStatus.RECEIVED
    assert admin_client.get(f"{CHANGELIST}{answered.pk}/change/").status_code == 200
