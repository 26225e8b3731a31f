"""Administrative changes land in the audit log: edits made in the Django admin, and roles
granted or revoked through the services; the chain still verifies afterwards."""

import pytest
from django.test import Client

from motcua.accounts.models import Role
from motcua.accounts.services import assign_role, revoke_role
from motcua.audit.models import AuditEntry
from motcua.audit.selectors import verify_chain
from motcua.dossiers.models import NationalStatusMapping
from tests.backoffice.officers import verified_login
from tests.factories import OfficerFactory, grant, province_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def system_admin():
    admin = OfficerFactory(username="quantri", is_staff=True, is_superuser=True)
    grant(admin, Role.SYSTEM_ADMIN)
    return admin


def test_an_edit_in_the_admin_is_audited_with_who_and_what(system_admin):
    mapping = NationalStatusMapping.objects.get(status="processing")
    client = verified_login(Client(), system_admin)
    before = AuditEntry.objects.count()

    response = client.post(
        f"/admin/dossiers/nationalstatusmapping/{mapping.pk}/change/",
        {"status": "processing", "national_code": "5"},
    )

    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.national_code == 5
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "admin.change"
    assert entry.actor_id == system_admin.pk
    assert entry.object_type == "dossiers.nationalstatusmapping"
    assert entry.object_id == str(mapping.pk)
    assert verify_chain().ok


def test_granting_and_revoking_a_role_are_audited(system_admin):
    tree = province_tree()
    officer = OfficerFactory()

    assignment = assign_role(
        actor=system_admin, user=officer, role=Role.SPECIALIST, agency=tree.commune_a
    )
    revoke_role(actor=system_admin, assignment=assignment)

    actions = list(
        AuditEntry.objects.filter(actor_id=system_admin.pk)
        .order_by("seq")
        .values_list("action", "data")
    )
    assert [action for action, _data in actions] == [
        "accounts.assign_role",
        "accounts.revoke_role",
    ]
    assert actions[0][1]["user"] == officer.username
    assert actions[0][1]["agency"] == tree.commune_a.code
    assert verify_chain().ok
