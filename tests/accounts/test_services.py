"""Registering citizens and organisations, creating officers, granting and revoking roles."""

from datetime import date

import pytest

from motcua.accounts.models import Role, RoleAssignment, User
from motcua.accounts.services import (
    assign_role,
    create_officer,
    register_citizen,
    register_organisation,
    revoke_role,
)
from motcua.agencies.services import create_agency, dissolve_agency
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from tests.factories import OfficerFactory, UserFactory, grant


@pytest.fixture
def system_admin(db):
    admin = OfficerFactory()
    grant(admin, Role.SYSTEM_ADMIN)
    return admin


@pytest.fixture
def admin_a(tree):
    admin = OfficerFactory()
    grant(admin, Role.AGENCY_ADMIN, tree.commune_a)
    return admin


@pytest.mark.django_db
def test_register_citizen():
    citizen = register_citizen(
        full_name=" Trần Thị Bình ",
        id_type="cccd",
        id_number="001 190 000 123",
        phone="+84 912 345 678",
        email="Binh@Example.VN",
        date_of_birth=date(1990, 5, 1),
    )
    assert citizen.username == "001190000123"
    assert citizen.id_number == "001190000123"
    assert citizen.full_name == "Trần Thị Bình"
    assert citizen.phone == "0912345678"
    assert citizen.email == "Binh@example.vn"
    assert citizen.kind == "citizen"
    assert not citizen.has_usable_password()


@pytest.mark.django_db
def test_register_citizen_refusals():
    register_citizen(full_name="An", id_type="cccd", id_number="001190000123")
    with pytest.raises(Conflict) as duplicate:
        register_citizen(full_name="An", id_type="cccd", id_number="001190000123")
    assert duplicate.value.code == "account_exists"
    with pytest.raises(ValidationFailed) as bad_number:
        register_citizen(full_name="Bình", id_type="cccd", id_number="12345")
    assert bad_number.value.fields == {"id_number": ["Nhập số định danh cá nhân gồm 12 chữ số."]}
    with pytest.raises(ValidationFailed) as bad_phone:
        register_citizen(full_name="Bình", id_type="cmnd", id_number="012345678", phone="12")
    assert list(bad_phone.value.fields) == ["phone"]
    with pytest.raises(ValidationFailed) as unborn:
        register_citizen(
            full_name="Bình", id_type="cmnd", id_number="012345678", date_of_birth=date(2999, 1, 1)
        )
    assert list(unborn.value.fields) == ["date_of_birth"]
    with pytest.raises(ValidationFailed) as weak:
        register_citizen(full_name="Bình", id_type="cmnd", id_number="012345678", password="123")
    assert list(weak.value.fields) == ["password"]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_register_with_a_passport_and_a_password():
    foreigner = register_citizen(
        full_name="John Smith", id_type="passport", id_number="c1234567", password="song-hong-2025!"
    )
    assert foreigner.username == "C1234567"
    assert foreigner.check_password("song-hong-2025!")


@pytest.mark.django_db
def test_register_organisation():
    company = register_organisation(full_name="Công ty TNHH Sông Hồng", tax_code="0101234567-001")
    assert (company.username, company.kind, company.tax_code) == (
        "0101234567-001",
        "organisation",
        "0101234567-001",
    )
    with pytest.raises(Conflict):
        register_organisation(full_name="Trùng", tax_code="0101234567-001")
    with pytest.raises(ValidationFailed) as bad:
        register_organisation(full_name="Sai", tax_code="01012345")
    assert list(bad.value.fields) == ["tax_code"]


@pytest.mark.django_db
def test_create_officer_with_a_first_role(tree, admin_a):
    officer = create_officer(
        actor=admin_a,
        username="nv.binh",
        full_name="Nguyễn Văn Bình",
        title="Công chức Tư pháp – Hộ tịch",
        role=Role.COUNTER_OFFICER,
        agency=tree.commune_a_desk,
    )
    assert officer.kind == "officer"
    assert [(a.role, a.agency) for a in officer.role_assignments.all()] == [
        ("counter_officer", tree.commune_a_desk)
    ]


@pytest.mark.django_db
def test_a_refused_grant_leaves_no_account(tree, admin_a):
    with pytest.raises(Forbidden):
        create_officer(
            actor=admin_a,
            username="nv.ngoai",
            full_name="Ngoài phạm vi",
            role=Role.SPECIALIST,
            agency=tree.commune_b,
        )
    assert not User.objects.filter(username="nv.ngoai").exists()


@pytest.mark.django_db
def test_an_agency_admin_grants_only_within_scope(tree, admin_a):
    officer = OfficerFactory()
    assignment = assign_role(
        actor=admin_a, user=officer, role=Role.SPECIALIST, agency=tree.commune_a_division
    )
    assert assignment.pk
    for agency in (tree.commune_b, tree.commune_b_desk, tree.province, tree.division_1):
        with pytest.raises(Forbidden):
            assign_role(actor=admin_a, user=officer, role=Role.SPECIALIST, agency=agency)
    with pytest.raises(Forbidden):
        assign_role(actor=admin_a, user=officer, role=Role.SYSTEM_ADMIN, agency=None)
    assert list(RoleAssignment.objects.filter(user=officer)) == [assignment]


@pytest.mark.django_db
def test_everything_below_needs_the_granter_to_administer_everything_below(tree, admin_a):
    officer = OfficerFactory()
    assign_role(
        actor=admin_a,
        user=officer,
        role=Role.LEADER,
        agency=tree.commune_a,
        include_descendants=True,
    )
    # Once a subordinate agency sits below the commune, the commune's admin no longer covers
    # everything below it.
    create_agency(
        code="000.00.51.H99", name="Công an xã", kind="sector_agency", parent=tree.commune_a
    )
    with pytest.raises(Forbidden):
        assign_role(
            actor=admin_a,
            user=officer,
            role=Role.SPECIALIST,
            agency=tree.commune_a,
            include_descendants=True,
        )


@pytest.mark.django_db
def test_the_system_administrator_grants_anything(tree, system_admin):
    officer = OfficerFactory()
    assign_role(actor=system_admin, user=officer, role=Role.SYSTEM_ADMIN, agency=None)
    again = assign_role(
        actor=system_admin,
        user=officer,
        role=Role.LEADER,
        agency=tree.province,
        include_descendants=True,
    )
    assert again.include_descendants
    narrower = assign_role(actor=system_admin, user=officer, role=Role.LEADER, agency=tree.province)
    assert narrower.pk == again.pk
    assert not narrower.include_descendants
    assert officer.role_assignments.count() == 2


@pytest.mark.django_db
def test_assignment_shape_is_checked(tree, system_admin):
    with pytest.raises(ValidationFailed) as citizen:
        assign_role(actor=system_admin, user=UserFactory(), role=Role.LEADER, agency=tree.province)
    assert list(citizen.value.fields) == ["user"]
    officer = OfficerFactory()
    with pytest.raises(ValidationFailed) as missing:
        assign_role(actor=system_admin, user=officer, role=Role.LEADER, agency=None)
    assert list(missing.value.fields) == ["agency"]
    with pytest.raises(ValidationFailed):
        assign_role(actor=system_admin, user=officer, role=Role.SYSTEM_ADMIN, agency=tree.province)
    with pytest.raises(ValidationFailed):
        assign_role(actor=system_admin, user=officer, role="mayor", agency=tree.province)
    dissolve_agency(agency=tree.commune_b, effective=date(2025, 7, 1))
    with pytest.raises(ValidationFailed) as closed:
        assign_role(actor=system_admin, user=officer, role=Role.LEADER, agency=tree.commune_b)
    assert list(closed.value.fields) == ["agency"]


@pytest.mark.django_db
def test_revoke_role(tree, admin_a, system_admin):
    officer = OfficerFactory()
    own = grant(officer, Role.SPECIALIST, tree.commune_a_desk)
    foreign = grant(officer, Role.SPECIALIST, tree.commune_b)
    with pytest.raises(Forbidden):
        revoke_role(actor=admin_a, assignment=foreign)
    revoke_role(actor=admin_a, assignment=own)
    assert list(officer.role_assignments.all()) == [foreign]
    only_admin = RoleAssignment.objects.get(user=system_admin)
    with pytest.raises(Forbidden):
        revoke_role(actor=admin_a, assignment=only_admin)
    with pytest.raises(Conflict) as last:
        revoke_role(actor=system_admin, assignment=only_admin)
    assert last.value.code == "last_system_admin"
    grant(officer, Role.SYSTEM_ADMIN)
    revoke_role(actor=officer, assignment=only_admin)
    assert not RoleAssignment.objects.filter(pk=only_admin.pk).exists()
