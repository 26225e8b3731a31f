"""Importing the tree from JSON: both models of local government, idempotence, all-or-nothing."""

from datetime import date

import pytest

from motcua.agencies.importer import import_tree
from motcua.agencies.models import Agency, AgencyCode
from motcua.agencies.selectors import (
    agency_by_code,
    current_successor,
    province_of,
    working_periods_for,
)
from tests.factories import load_tree


def _shape() -> dict[str, tuple[str | None, str, str]]:
    """code → (parent code, kind, level) for every stored unit."""
    return {
        agency.code: (agency.parent.code if agency.parent else None, agency.kind, agency.level)
        for agency in Agency.objects.select_related("parent")
    }


def _nodes(document: dict) -> dict[str, dict]:
    found = {}

    def walk(node: dict) -> None:
        found[node["code"]] = node
        for child in node.get("children", []):
            walk(child)

    walk(document["tree"])
    return found


@pytest.mark.django_db
def test_three_level_tree():
    report = import_tree(load_tree("three_level"))
    assert report.ok, report.rejected
    assert len(report.created) == 15
    shape = _shape()
    assert shape["000.00.05.H26"] == ("000.00.00.H26", "district", "district")
    assert shape["000.31.05.H26"] == ("000.00.05.H26", "commune", "commune")
    assert shape["001.31.05.H26"] == ("000.31.05.H26", "one_stop_desk", "commune")
    assert shape["000.02.05.H26"] == ("000.00.05.H26", "one_stop_desk", "district")
    assert shape["000.05.20.H26"] == ("000.00.20.H26", "sector_agency", "district")
    desk = Agency.objects.get(code="001.31.05.H26")
    assert province_of(desk).code == "000.00.00.H26"
    # The commune has no hours of its own: its district's apply.
    assert working_periods_for(desk)[0][0].strftime("%H:%M") == "07:00"
    centre = Agency.objects.get(code="000.00.01.H26")
    assert centre.desk_hours["sat"] == [["07:30", "11:30"]]
    assert centre.has_one_stop_desk


@pytest.mark.django_db
def test_two_level_tree_through_the_same_code():
    report = import_tree(load_tree("two_level"))
    assert report.ok, report.rejected
    shape = _shape()
    assert shape["000.00.31.H33"] == ("000.00.00.H33", "commune", "commune")
    assert shape["000.01.31.H33"] == ("000.00.31.H33", "service_centre", "commune")
    assert shape["001.01.31.H33"] == ("000.01.31.H33", "one_stop_desk", "commune")
    assert not any(kind == "district" for _parent, kind, _level in shape.values())
    commune = Agency.objects.get(code="000.00.31.H33")
    assert commune.effective_from == date(2025, 7, 1)
    assert agency_by_code("000.21.04.H33") == commune
    former = AgencyCode.objects.get(code="000.21.04.H33")
    assert former.valid_until == date(2025, 6, 30)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["two_level", "three_level"])
def test_importing_the_same_file_twice_changes_nothing(name):
    first = import_tree(load_tree(name))
    stored = list(Agency.objects.values())
    former = list(AgencyCode.objects.values())
    again = import_tree(load_tree(name))
    assert again.ok
    assert again.created == []
    assert again.updated == []
    assert sorted(again.unchanged) == sorted(first.created)
    assert list(Agency.objects.values()) == stored
    assert list(AgencyCode.objects.values()) == former


@pytest.mark.django_db
def test_a_second_file_updates_by_code():
    import_tree(load_tree("three_level"))
    document = load_tree("three_level")
    nodes = _nodes(document)
    nodes["000.00.12.H26"]["phone"] = "0221 3555 000"
    del nodes["000.00.01.H26"]["desk_hours"]  # left out: kept as stored
    report = import_tree(document)
    assert report.updated == ["000.00.12.H26"]
    assert Agency.objects.get(code="000.00.12.H26").phone == "0221 3555 000"
    assert Agency.objects.get(code="000.00.01.H26").desk_hours["sat"] == [["07:30", "11:30"]]


@pytest.mark.django_db
def test_from_three_levels_to_two_by_a_file():
    """1/7/2025: the communes move under the province with new codes, the district closes."""
    import_tree(load_tree("three_level"))
    old_commune = Agency.objects.get(code="000.31.05.H26")
    document = load_tree("three_level")
    province = document["tree"]
    district = _nodes(document)["000.00.05.H26"]
    communes = [node for node in district["children"] if node["kind"] == "commune"]
    district["children"] = [node for node in district["children"] if node["kind"] != "commune"]
    district["effective_to"] = "2025-06-30"
    district["successor"] = "000.00.00.H26"
    for node in district["children"]:
        node["effective_to"] = "2025-06-30"
    communes[0]["former_codes"] = [{"code": communes[0]["code"], "valid_until": "2025-06-30"}]
    communes[0]["code"] = "000.00.31.H26"
    province["children"].extend(communes)

    report = import_tree(document)

    assert report.ok, report.rejected
    assert report.created == []
    assert set(report.updated) >= {"000.00.05.H26", "000.00.31.H26", "000.32.05.H26"}
    shape = _shape()
    assert shape["000.00.31.H26"] == ("000.00.00.H26", "commune", "commune")
    assert shape["001.31.05.H26"] == ("000.00.31.H26", "one_stop_desk", "commune")
    assert shape["000.32.05.H26"][0] == "000.00.00.H26"
    assert agency_by_code("000.31.05.H26").pk == old_commune.pk
    desk = Agency.objects.get(code="001.31.05.H26")
    assert desk.path.startswith(Agency.objects.get(code="000.00.00.H26").path)
    assert desk.ancestor_ids() == [Agency.objects.get(code="000.00.00.H26").pk, old_commune.pk]
    closed = Agency.objects.get(code="000.00.05.H26")
    assert current_successor(closed, on=date(2025, 7, 1)).code == "000.00.00.H26"
    assert import_tree(document).updated == []


INVALID_NODES = [
    ({"code": "31.05.H26"}, "code"),
    ({"kind": "village"}, "kind"),
    ({"name": ""}, "name"),
    ({"kind": "department"}, "parent"),
    ({"level": "district"}, "level"),
    ({"working_periods": [["13:00", "11:00"]]}, "working_periods"),
    ({"desk_hours": {"mon": [["7h", "11h"]]}}, "desk_hours"),
    ({"effective_from": "2025-02-30"}, "effective_from"),
    ({"sucessor": "000.00.00.H26"}, "sucessor"),
    ({"successor": "000.99.99.H26"}, "successor"),
    ({"successor": "000.31.05.H26"}, "successor"),
    ({"former_codes": [{"code": "000.00.12.H26", "valid_until": "2025-06-30"}]}, "former_codes"),
    ({"former_codes": [{"code": "000.77.05.H26"}]}, "former_codes.valid_until"),
    ({"code": "000.00.12.H26"}, "code"),
    ({"has_one_stop_desk": "có"}, "has_one_stop_desk"),
    ({"email": "ubnd-at-example"}, "email"),
    ({"children": {"code": "x"}}, "children"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field"), INVALID_NODES)
def test_an_invalid_node_rejects_the_whole_file(change, field):
    document = load_tree("three_level")
    _nodes(document)["000.31.05.H26"].update(change)
    report = import_tree(document)
    assert not report.ok
    assert report.created == []
    assert [rejection.field for rejection in report.rejected] == [field]
    rejection = report.rejected[0]
    assert rejection.node == change.get("code", "000.31.05.H26") or rejection.node.startswith(
        "tree"
    )
    assert rejection.message
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_every_problem_is_reported_in_one_run():
    document = load_tree("three_level")
    nodes = _nodes(document)
    nodes["000.31.05.H26"]["kind"] = "village"
    nodes["001.31.05.H26"]["working_periods"] = "07:30-11:30"
    nodes["000.00.12.H26"]["colour"] = "red"
    report = import_tree(document)
    assert {(rejection.node, rejection.field) for rejection in report.rejected} == {
        ("000.31.05.H26", "kind"),
        ("001.31.05.H26", "working_periods"),
        ("000.00.12.H26", "colour"),
    }
    assert str(report.rejected[0]).startswith("000.")


@pytest.mark.django_db
def test_a_rejection_while_writing_rolls_everything_back():
    import_tree(load_tree("three_level"))
    before = list(Agency.objects.values())
    document = load_tree("three_level")
    nodes = _nodes(document)
    nodes["000.00.12.H26"]["name"] = "Sở Tư pháp (mới)"
    # The district becomes a commune while a commune stays under it: only the database knows the
    # district's other children, so this is caught while writing.
    district = nodes["000.00.05.H26"]
    district["children"] = [node for node in district["children"] if node["kind"] != "commune"]
    district["kind"] = "commune"
    report = import_tree(document)
    assert not report.ok
    assert report.rejected[0].node == "000.00.05.H26"
    assert report.updated == []
    assert list(Agency.objects.values()) == before


@pytest.mark.django_db
def test_a_subtree_under_a_stored_parent():
    import_tree(load_tree("three_level"))
    report = import_tree(
        {
            "parent": "000.00.00.H26",
            "tree": {
                "code": "000.00.14.H26",
                "name": "Sở Y tế",
                "kind": "department",
                "children": [
                    {"code": "000.01.14.H26", "name": "Phòng Nghiệp vụ Dược", "kind": "division"}
                ],
            },
        }
    )
    assert report.ok, report.rejected
    assert Agency.objects.get(code="000.01.14.H26").parent.parent.code == "000.00.00.H26"
    refused = import_tree(
        {
            "parent": "000.99.99.H26",
            "tree": {"code": "000.00.15.H26", "name": "Sở", "kind": "department"},
        }
    )
    assert [rejection.field for rejection in refused.rejected] == ["parent"]


@pytest.mark.django_db
def test_an_old_code_cannot_come_back_as_a_new_unit():
    import_tree(load_tree("two_level"))
    document = {
        "parent": "000.00.00.H33",
        "tree": {"code": "000.21.04.H33", "name": "Phường cũ", "kind": "commune"},
    }
    report = import_tree(document)
    assert [(rejection.node, rejection.field) for rejection in report.rejected] == [
        ("000.21.04.H33", "code")
    ]
    assert "000.00.31.H33" in report.rejected[0].message


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    report = import_tree(load_tree("two_level"), dry_run=True)
    assert report.ok
    assert report.dry_run
    assert len(report.created) == 11
    assert not Agency.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "document",
    [
        [],
        {"nodes": []},
        {"tree": []},
        {"tree": {"code": "000.00.00.H26", "name": "Tỉnh", "kind": "province"}, "extra": 1},
    ],
)
def test_a_document_of_the_wrong_shape(document):
    assert not import_tree(document).ok
    assert not Agency.objects.exists()
