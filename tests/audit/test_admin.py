"""The audit log in the admin: found by object and by person, filtered by action, never edited."""

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.audit.services import record
from tests.audit.people import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    binh = Person(pk=7, full_name="Trần Thị Bình")
    duc = Person(pk=8, full_name="Võ Minh Đức")
    return [
        record(
            action="dossier.receive", actor=binh, object_type="dossiers.dossier", object_id="D-1"
        ),
        record(
            action="dossier.forward", actor=duc, object_type="dossiers.dossier", object_id="D-1"
        ),
        record(action="agency.update", actor=duc, object_type="agencies.agency", object_id="A-9"),
    ]


def _listed(admin_client, **query) -> list[AuditEntry]:
    page = admin_client.get(reverse("admin:audit_auditentry_changelist"), query)
    assert page.status_code == 200
    return list(page.context["cl"].result_list)


def test_search_by_object_and_by_person(admin_client, entries):
    assert _listed(admin_client, q="D-1") == [entries[1], entries[0]]
    assert _listed(admin_client, q="Võ Minh Đức") == [entries[2], entries[1]]
    assert _listed(admin_client, action="agency.update") == [entries[2]]


def test_nothing_can_be_added_changed_or_deleted(admin_client, entries):
    page = admin_client.get(reverse("admin:audit_auditentry_changelist"))
    assert page.context["has_add_permission"] is False
    assert page.context["action_form"] is None
    detail = admin_client.get(reverse("admin:audit_auditentry_change", args=[1]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[1])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.count() == 3
