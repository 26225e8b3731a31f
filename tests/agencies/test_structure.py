"""Which unit may sit where: the placement table, checked without a database."""

import pytest

from motcua.agencies.structure import default_level, hours_errors, placement_errors

# (kind, level, parent kind, parent level) that must be accepted — this test's own copy of the rules.
ACCEPTED = [
    ("province", "province", None, None),
    ("department", "province", "province", "province"),
    ("district", "district", "province", "province"),
    ("commune", "commune", "province", "province"),
    ("commune", "commune", "district", "district"),
    ("service_centre", "province", "province", "province"),
    ("service_centre", "commune", "commune", "commune"),
    ("sector_agency", "province", "province", "province"),
    ("sector_agency", "district", "sector_agency", "province"),
    ("sector_agency", "commune", "commune", "commune"),
    ("division", "province", "department", "province"),
    ("division", "commune", "commune", "commune"),
    ("one_stop_desk", "province", "service_centre", "province"),
    ("one_stop_desk", "district", "district", "district"),
]

# (kind, level, parent kind, parent level, field that is wrong)
REFUSED = [
    ("province", "province", "province", "province", "parent"),
    ("department", "province", None, None, "parent"),
    ("division", "province", None, None, "parent"),
    ("commune", "commune", "department", "province", "parent"),
    ("commune", "commune", "commune", "commune", "parent"),
    ("district", "district", "district", "district", "parent"),
    ("department", "province", "district", "district", "parent"),
    ("division", "province", "division", "province", "parent"),
    ("one_stop_desk", "commune", "one_stop_desk", "commune", "parent"),
    ("commune", "district", "district", "district", "level"),
    ("department", "commune", "province", "province", "level"),
    ("division", "province", "commune", "commune", "level"),
    ("service_centre", "province", "commune", "commune", "level"),
    ("sector_agency", "province", "sector_agency", "district", "level"),
]


@pytest.mark.parametrize(("kind", "level", "parent_kind", "parent_level"), ACCEPTED)
def test_accepted_places(kind, level, parent_kind, parent_level):
    assert (
        placement_errors(kind=kind, level=level, parent_kind=parent_kind, parent_level=parent_level)
        == {}
    )


@pytest.mark.parametrize(("kind", "level", "parent_kind", "parent_level", "field"), REFUSED)
def test_refused_places_name_the_field(kind, level, parent_kind, parent_level, field):
    errors = placement_errors(
        kind=kind, level=level, parent_kind=parent_kind, parent_level=parent_level
    )
    assert list(errors) == [field]
    assert errors[field][0]


def test_a_misplaced_commune_is_told_where_it_may_go():
    errors = placement_errors(
        kind="commune", level="commune", parent_kind="department", parent_level="province"
    )
    message = errors["parent"][0]
    assert "UBND xã, phường, đặc khu" in message
    assert "UBND tỉnh" in message
    assert "UBND quận, huyện" in message


@pytest.mark.parametrize(
    ("kind", "parent_level", "level"),
    [
        ("province", None, "province"),
        ("department", "province", "province"),
        ("commune", "district", "commune"),
        ("division", "commune", "commune"),
        ("sector_agency", "district", "district"),
    ],
)
def test_default_level(kind, parent_level, level):
    assert default_level(kind, parent_level) == level


@pytest.mark.parametrize(
    ("working_periods", "desk_hours", "fields"),
    [
        ([["07:30", "11:30"], ["13:00", "17:00"]], {"sat": [["07:30", "11:30"]]}, []),
        ([], {}, []),
        ([["11:30", "07:30"]], {}, ["working_periods"]),
        ([["07:30", "11:30"], ["11:00", "17:00"]], {}, ["working_periods"]),
        ([["7h30", "11h30"]], {}, ["working_periods"]),
        ("07:30-11:30", {}, ["working_periods"]),
        ([], {"monday": [["07:30", "11:30"]]}, ["desk_hours"]),
        ([], {"mon": "07:30-11:30"}, ["desk_hours"]),
        ([], [["07:30", "11:30"]], ["desk_hours"]),
    ],
)
def test_hours(working_periods, desk_hours, fields):
    errors = hours_errors(working_periods=working_periods, desk_hours=desk_hours)
    assert sorted(errors) == fields
