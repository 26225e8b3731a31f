"""The outbox in the admin: messages and deliveries to read, and parked deliveries to send again
by those allowed to."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.events import dispatcher, registry
from motcua.events.models import Delivery, DeliveryStatus
from motcua.events.services import publish
from tests.backoffice.officers import verified_login
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:events_delivery_changelist"


@pytest.fixture
def deliveries(monkeypatch):
    monkeypatch.setattr(dispatcher, "kick", lambda *, message_id: None)
    registry.register("dossier.received", name="tests.sms", handler=lambda message: None)
    registry.register("dossier.received", name="tests.email", handler=lambda message: None)
    publish("dossier.received", {"code": "D-1"}, key="D-1")
    Delivery.objects.filter(consumer="tests.sms").update(
        status=DeliveryStatus.PARKED, attempts=8, last_error="ConnectionError: gateway down"
    )
    return Delivery.objects.order_by("consumer")


def test_messages_and_deliveries_are_read_only(admin_client, deliveries):
    message = deliveries[0].message
    page = admin_client.get(reverse("admin:events_outboxmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert "tests.sms" in page.content.decode()
    listing = admin_client.get(reverse(CHANGELIST), {"status": "parked"})
    assert [row.consumer for row in listing.context["cl"].result_list] == ["tests.sms"]
    assert listing.context["has_add_permission"] is False
    found = admin_client.get(reverse("admin:events_outboxmessage_changelist"), {"q": "D-1"})
    assert list(found.context["cl"].result_list) == [message]


def test_an_administrator_sends_parked_deliveries_again(admin_client, deliveries):
    page = admin_client.post(
        reverse(CHANGELIST),
        {"action": "retry", "_selected_action": [row.pk for row in deliveries]},
        follow=True,
    )
    assert "Đã đưa 1 lượt chuyển giao vào hàng đợi xử lý lại." in page.content.decode()
    sms = Delivery.objects.get(consumer="tests.sms")
    assert (sms.status, sms.attempts) == ("pending", 0)


def test_retrying_needs_its_own_permission(client, deliveries):
    officer = OfficerFactory(is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    verified_login(client, officer)
    page = client.get(reverse(CHANGELIST))
    assert page.status_code == 200
    assert page.context["action_form"] is None
    officer.user_permissions.add(Permission.objects.get(codename="retry_delivery"))
    page = client.get(reverse(CHANGELIST))
    choices = dict(page.context["action_form"].fields["action"].choices)
    assert "retry" in choices
