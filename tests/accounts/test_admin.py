"""The Django admin for users and role assignments."""

import pytest
from django.urls import reverse

from motcua.accounts.models import Role, RoleAssignment, User
from tests.factories import OfficerFactory, UserFactory, grant


@pytest.mark.django_db
def test_user_search_by_name_id_number_and_phone(admin_client):
    citizen = UserFactory(
        full_name="Lê Thị Hoa", id_type="cccd", id_number="001190000123", phone="0912345678"
    )
    UserFactory(full_name="Phạm Văn Nam")
    url = reverse("admin:accounts_user_changelist")
    for term in ("Thị Hoa", "001190000123", "0912345678", citizen.username):
        page = admin_client.get(url, {"q": term})
        assert list(page.context["cl"].result_list) == [citizen], term


@pytest.mark.django_db
def test_user_page_shows_the_role_assignments(admin_client, tree):
    officer = OfficerFactory(full_name="Đỗ Minh Tâm")
    grant(officer, Role.COUNTER_OFFICER, tree.commune_a_desk)
    page = admin_client.get(reverse("admin:accounts_user_change", args=[officer.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "role_assignments-0-role" in html
    assert "Số định danh cá nhân (12 chữ số)" in html


@pytest.mark.django_db
def test_admin_form_checks_the_identity_number(admin_client):
    citizen = UserFactory()
    url = reverse("admin:accounts_user_change", args=[citizen.pk])
    form = {
        "username": citizen.username,
        "kind": "citizen",
        "full_name": citizen.full_name,
        "id_type": "cccd",
        "id_number": "12345",
        "tax_code": "",
        "phone": "",
        "email": "",
        "address": "",
        "title": "",
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    page = admin_client.post(url, form)
    assert page.status_code == 200
    assert page.context["adminform"].form.errors["id_number"] == [
        "Nhập số định danh cá nhân gồm 12 chữ số."
    ]
    page = admin_client.post(url, form | {"id_number": "001 190 000 123", "phone": "+84912345678"})
    assert page.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.id_number, citizen.phone) == ("001190000123", "0912345678")


@pytest.mark.django_db
def test_role_assignment_admin_checks_the_scope(admin_client, tree):
    officer = OfficerFactory()
    url = reverse("admin:accounts_roleassignment_add")
    page = admin_client.post(url, {"user": officer.pk, "role": Role.LEADER, "agency": ""})
    assert page.status_code == 200
    assert "agency" in page.context["adminform"].form.errors
    page = admin_client.post(
        url, {"user": officer.pk, "role": Role.LEADER, "agency": tree.commune_a.pk}
    )
    assert page.status_code == 302
    assert RoleAssignment.objects.get(user=officer).agency == tree.commune_a
    assert User.objects.get(pk=officer.pk).kind == "officer"


@pytest.mark.django_db
def test_add_an_officer_in_the_admin(admin_client):
    url = reverse("admin:accounts_user_add")
    assert admin_client.get(url).status_code == 200
    page = admin_client.post(
        url,
        {
            "username": "nv.lan",
            "kind": "officer",
            "full_name": "Vũ Thị Lan",
            "email": "lan@example.vn",
            "usable_password": "false",
            "password1": "",
            "password2": "",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    assert page.status_code == 302, page.context["adminform"].form.errors
    officer = User.objects.get(username="nv.lan")
    assert (officer.kind, officer.full_name, officer.has_usable_password()) == (
        "officer",
        "Vũ Thị Lan",
        False,
    )
