"""Who holds which role where: `holds_role`, `agencies_where`, `roles_of`."""

import pytest

from motcua.accounts.models import Role
from motcua.accounts.selectors import agencies_where, holds_role, holds_role_throughout, roles_of
from motcua.agencies.models import Agency
from motcua.agencies.services import create_agency
from tests.factories import OfficerFactory, grant


@pytest.mark.django_db
def test_an_assignment_covers_its_unit_and_that_units_internal_units(tree):
    clerk = OfficerFactory()
    grant(clerk, Role.COUNTER_OFFICER, tree.commune_a)
    assert holds_role(clerk, Role.COUNTER_OFFICER, tree.commune_a)
    assert holds_role(clerk, Role.COUNTER_OFFICER, tree.commune_a_desk)
    assert not holds_role(clerk, Role.COUNTER_OFFICER, tree.commune_b_desk)
    assert not holds_role(clerk, Role.LEADER, tree.commune_a)
    assert not holds_role(clerk, Role.COUNTER_OFFICER, tree.province)


@pytest.mark.django_db
def test_include_descendants_reaches_subordinate_agencies(tree):
    provincial = OfficerFactory()
    grant(provincial, Role.LEADER, tree.province)
    assert not holds_role(provincial, Role.LEADER, tree.commune_a)
    assert not holds_role(provincial, Role.LEADER, tree.commune_a_desk)
    everywhere = OfficerFactory()
    grant(everywhere, Role.LEADER, tree.province, below=True)
    assert holds_role(everywhere, Role.LEADER, tree.commune_a_desk)
    assert holds_role(everywhere, Role.LEADER, tree.division_2)


@pytest.mark.django_db
def test_an_assignment_on_an_internal_unit_stays_there(tree):
    desk_officer = OfficerFactory()
    grant(desk_officer, Role.COUNTER_OFFICER, tree.commune_a_desk)
    assert holds_role(desk_officer, Role.COUNTER_OFFICER, tree.commune_a_desk)
    assert not holds_role(desk_officer, Role.COUNTER_OFFICER, tree.commune_a)
    assert not holds_role(desk_officer, Role.COUNTER_OFFICER, tree.commune_a_division)


@pytest.mark.django_db
def test_the_system_administrator_holds_every_role(tree):
    admin = OfficerFactory()
    grant(admin, Role.SYSTEM_ADMIN)
    assert holds_role(admin, Role.SPECIALIST, tree.commune_b_desk)
    assert set(agencies_where(admin, Role.RECORDS_CLERK)) == set(Agency.objects.all())
    admin.is_active = False
    assert not holds_role(admin, Role.SPECIALIST, tree.commune_b_desk)
    assert not agencies_where(admin, Role.SPECIALIST).exists()


@pytest.mark.django_db
def test_agencies_where_in_two_queries(tree, django_assert_max_num_queries):
    district = create_agency(
        code="000.00.05.H99", name="UBND huyện", kind="district", parent=tree.province
    )
    commune = create_agency(
        code="000.00.33.H99", name="UBND xã Dưới", kind="commune", parent=district
    )
    officer = OfficerFactory()
    grant(officer, Role.SPECIALIST, tree.commune_a)
    grant(officer, Role.SPECIALIST, tree.department, below=True)
    grant(officer, Role.SPECIALIST, district, below=True)
    grant(officer, Role.SPECIALIST, tree.commune_b_desk)
    grant(officer, Role.LEADER, tree.province, below=True)
    with django_assert_max_num_queries(2):
        units = set(agencies_where(officer, Role.SPECIALIST))
    assert units == {
        tree.commune_a,
        tree.commune_a_desk,
        tree.commune_a_division,
        tree.department,
        tree.division_1,
        tree.division_2,
        district,
        commune,
        tree.commune_b_desk,
    }


@pytest.mark.django_db
def test_agencies_where_agrees_with_holds_role_everywhere(tree):
    create_agency(code="000.00.05.H99", name="UBND huyện", kind="district", parent=tree.province)
    people = [OfficerFactory() for _ in range(4)]
    grant(people[0], Role.LEADER, tree.commune_a)
    grant(people[1], Role.LEADER, tree.province, below=True)
    grant(people[2], Role.LEADER, tree.department)
    grant(people[2], Role.LEADER, tree.commune_b_desk, below=True)
    for person in people:
        where = set(agencies_where(person, Role.LEADER))
        for unit in Agency.objects.all():
            assert (unit in where) == holds_role(person, Role.LEADER, unit), (person, unit)


@pytest.mark.django_db
def test_holds_role_throughout(tree):
    admin = OfficerFactory()
    grant(admin, Role.AGENCY_ADMIN, tree.commune_a)
    assert holds_role_throughout(admin, Role.AGENCY_ADMIN, tree.commune_a)
    create_agency(
        code="000.00.51.H99", name="Công an xã", kind="sector_agency", parent=tree.commune_a
    )
    assert not holds_role_throughout(admin, Role.AGENCY_ADMIN, tree.commune_a)


@pytest.mark.django_db
def test_roles_of_lists_system_wide_first_then_tree_order(tree, django_assert_num_queries):
    officer = OfficerFactory()
    grant(officer, Role.SPECIALIST, tree.commune_b)
    grant(officer, Role.LEADER, tree.department)
    grant(officer, Role.SYSTEM_ADMIN)
    with django_assert_num_queries(1):
        roles = [(assignment.role, assignment.agency) for assignment in roles_of(officer)]
    assert roles == [
        ("system_admin", None),
        ("leader", tree.department),
        ("specialist", tree.commune_b),
    ]
