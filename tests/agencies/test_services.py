"""Writing the tree: creating and editing units, new codes, mergers, dissolutions."""

from datetime import date

import pytest

from motcua.agencies.models import Agency, AgencyCode
from motcua.agencies.selectors import (
    agency_by_code,
    children_of,
    current_successor,
    installation_root,
    successor_chain,
    working_periods_for,
)
from motcua.agencies.services import (
    change_code,
    create_agency,
    dissolve_agency,
    merge_agencies,
    update_agency,
)
from motcua.core.errors import Conflict, NotFound, ValidationFailed

JULY_1 = date(2025, 7, 1)
JUNE_30 = date(2025, 6, 30)


@pytest.mark.django_db
def test_create_derives_the_level_from_kind_and_parent(tree):
    assert tree.province.level == "province"
    assert tree.division_1.level == "province"
    assert tree.commune_a.level == "commune"
    assert tree.commune_a_desk.level == "commune"


@pytest.mark.django_db
def test_create_refuses_a_misplaced_unit_naming_the_field(tree):
    with pytest.raises(ValidationFailed) as refused:
        create_agency(
            code="000.00.50.H99", name="UBND xã Lạc", kind="commune", parent=tree.department
        )
    assert list(refused.value.fields) == ["parent"]
    assert refused.value.message.startswith("Trực thuộc: ")
    assert not Agency.objects.filter(code="000.00.50.H99").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "12.34"}, "code"),
        ({"working_periods": [["13:00", "11:00"]]}, "working_periods"),
        ({"desk_hours": {"holiday": [["07:30", "11:30"]]}}, "desk_hours"),
        ({"effective_from": JULY_1, "effective_to": JUNE_30}, "effective_to"),
        ({"level": "district"}, "level"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_create_checks_every_field(tree, changes, field):
    values = {"code": "000.00.50.H99", "name": "UBND xã Lạc", "kind": "commune"}
    with pytest.raises(ValidationFailed) as refused:
        create_agency(**(values | changes), parent=tree.province)
    assert field in refused.value.fields


@pytest.mark.django_db
def test_update_changes_fields_but_not_the_code_or_the_parent(tree):
    update_agency(
        agency=tree.commune_a,
        data={"name": "UBND xã An Phú Mới", "working_periods": [["07:00", "11:00"]]},
    )
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.name == "UBND xã An Phú Mới"
    assert tree.commune_a.search_text == "ubnd xa an phu moi"
    with pytest.raises(TypeError):
        update_agency(agency=tree.commune_a, data={"code": "000.00.77.H99"})
    with pytest.raises(TypeError):
        update_agency(agency=tree.commune_a, data={"parent": tree.department})


@pytest.mark.django_db
def test_a_refused_update_leaves_the_instance_as_stored(tree):
    with pytest.raises(ValidationFailed):
        update_agency(agency=tree.commune_a, data={"kind": "department"})
    assert tree.commune_a.kind == "commune"


@pytest.mark.django_db
def test_change_code_keeps_the_old_one_findable(tree):
    change_code(agency=tree.commune_a, new_code="000.00.41.H99", effective=JULY_1, note="NQ 1")
    former = AgencyCode.objects.get(agency=tree.commune_a)
    assert (former.code, former.valid_until, former.note) == ("000.00.31.H99", JUNE_30, "NQ 1")
    assert agency_by_code("000.00.31.H99") == tree.commune_a
    assert agency_by_code("000.00.41.H99") == tree.commune_a
    with pytest.raises(ValidationFailed):
        change_code(agency=tree.commune_b, new_code="000.00.31.H99", effective=JULY_1)
    with pytest.raises(ValidationFailed):
        change_code(agency=tree.commune_b, new_code="000.00.32.H99", effective=JULY_1)
    with pytest.raises(NotFound):
        agency_by_code("000.00.99.H99")


@pytest.mark.django_db
def test_merge_closes_the_sources_and_their_internal_units(tree):
    merged = create_agency(
        code="000.00.40.H99",
        name="UBND xã An Bình",
        kind="commune",
        parent=tree.province,
        effective_from=JULY_1,
    )
    merge_agencies(sources=[tree.commune_a, tree.commune_b], into=merged, effective=JULY_1)
    for source in (tree.commune_a, tree.commune_b, tree.commune_a_desk, tree.commune_b_desk):
        source.refresh_from_db()
        assert source.effective_to == JUNE_30
        assert source.successor == merged
    assert current_successor(tree.commune_a, on=JULY_1) == merged
    assert current_successor(tree.commune_a, on=JUNE_30) == tree.commune_a
    assert current_successor(tree.commune_a_desk, on=date(2026, 1, 5)) == merged
    assert list(children_of(tree.province, on=JULY_1)) == [tree.department, merged]


@pytest.mark.django_db
def test_successor_chain_through_two_reorganisations(tree):
    first = create_agency(
        code="000.00.40.H99", name="Xã 2025", kind="commune", parent=tree.province
    )
    second = create_agency(
        code="000.00.45.H99",
        name="Xã 2027",
        kind="commune",
        parent=tree.province,
        effective_from=date(2027, 1, 1),
    )
    merge_agencies(sources=[tree.commune_a], into=first, effective=JULY_1)
    merge_agencies(sources=[first], into=second, effective=date(2027, 1, 1))
    assert successor_chain(tree.commune_a) == [tree.commune_a, first, second]
    assert current_successor(tree.commune_a, on=date(2026, 3, 1)) == first
    assert current_successor(tree.commune_a, on=date(2027, 3, 1)) == second


@pytest.mark.django_db
def test_merge_refusals(tree):
    district = create_agency(
        code="000.00.05.H99", name="UBND huyện", kind="district", parent=tree.province
    )
    create_agency(code="000.00.33.H99", name="Xã dưới huyện", kind="commune", parent=district)
    with pytest.raises(Conflict) as refused:
        merge_agencies(sources=[district], into=tree.province, effective=JULY_1)
    assert refused.value.code == "agency_has_units"
    assert "000.00.33.H99" in refused.value.message
    with pytest.raises(ValidationFailed):
        merge_agencies(sources=[tree.commune_a], into=tree.commune_a, effective=JULY_1)
    with pytest.raises(ValidationFailed):
        merge_agencies(sources=[], into=tree.commune_a, effective=JULY_1)
    future = create_agency(
        code="000.00.46.H99",
        name="Xã tương lai",
        kind="commune",
        parent=tree.province,
        effective_from=date(2030, 1, 1),
    )
    with pytest.raises(Conflict):
        merge_agencies(sources=[tree.commune_a], into=future, effective=JULY_1)
    merge_agencies(sources=[tree.commune_a], into=tree.commune_b, effective=JULY_1)
    with pytest.raises(Conflict):  # already closed on that day
        merge_agencies(sources=[tree.commune_a], into=tree.commune_b, effective=date(2026, 1, 1))


@pytest.mark.django_db
def test_dissolve_without_successor(tree):
    dissolve_agency(agency=tree.department, effective=JULY_1)
    tree.department.refresh_from_db()
    tree.division_1.refresh_from_db()
    assert tree.department.effective_to == JUNE_30
    assert tree.division_1.effective_to == JUNE_30
    assert current_successor(tree.department, on=JULY_1) == tree.department


def _hours(periods) -> list[tuple[str, str]]:
    return [(start.strftime("%H:%M"), end.strftime("%H:%M")) for start, end in periods]


@pytest.mark.django_db
def test_working_periods_are_inherited(tree, django_assert_max_num_queries):
    assert _hours(working_periods_for(tree.commune_a_desk)) == [
        ("07:30", "11:30"),
        ("13:00", "17:00"),
    ]
    update_agency(agency=tree.province, data={"working_periods": [["08:00", "12:00"]]})
    update_agency(agency=tree.commune_a, data={"working_periods": [["07:00", "11:00"]]})
    tree.commune_a_desk.refresh_from_db()
    tree.division_1.refresh_from_db()
    with django_assert_max_num_queries(1):
        assert _hours(working_periods_for(tree.commune_a_desk)) == [("07:00", "11:00")]
    assert _hours(working_periods_for(tree.division_1)) == [("08:00", "12:00")]


@pytest.mark.django_db
def test_installation_root_is_the_province_in_force(tree):
    assert installation_root() == tree.province
    update_agency(agency=tree.province, data={"effective_to": date(2020, 12, 31)})
    assert installation_root() is None
