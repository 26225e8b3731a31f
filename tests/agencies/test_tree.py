"""The tree's derived columns (path, level of internal units) and the rules `clean()` applies."""

import pytest
from django.core.exceptions import ValidationError

from motcua.agencies.models import Agency
from motcua.agencies.selectors import ancestors, subtree, tree_listing
from motcua.agencies.services import create_agency, move_agency
from motcua.core.errors import ValidationFailed


def _segment(agency: Agency) -> str:
    return f"{agency.pk:010d}/"


@pytest.mark.django_db
def test_paths_follow_the_parents(tree):
    assert tree.province.path == "/" + _segment(tree.province)
    assert tree.division_1.path == tree.department.path + _segment(tree.division_1)
    assert tree.division_1.depth == 2
    assert tree.division_1.ancestor_ids() == [tree.province.pk, tree.department.pk]
    assert ancestors(tree.division_1) == [tree.province, tree.department]


@pytest.mark.django_db
def test_moving_a_unit_repaths_its_whole_subtree(tree, django_assert_max_num_queries):
    district = create_agency(
        code="000.00.05.H99", name="UBND huyện Mẫu", kind="district", parent=tree.province
    )
    for number in range(5):
        create_agency(
            code=f"000.{number:02d}.41.H99", name="Tổ", kind="division", parent=tree.commune_a
        )
    # The same handful of statements whatever the size of the subtree.
    with django_assert_max_num_queries(15):
        move_agency(agency=tree.commune_a, parent=district)
    for node in subtree(tree.commune_a):
        node_path = Agency.objects.get(pk=node.pk).path
        assert node_path.startswith(district.path + _segment(tree.commune_a))
    desk = Agency.objects.get(pk=tree.commune_a_desk.pk)
    assert desk.ancestor_ids() == [tree.province.pk, district.pk, tree.commune_a.pk]
    assert subtree(district).count() == 1 + 3 + 5


@pytest.mark.django_db
def test_tree_listing_keeps_every_subtree_together(tree, django_assert_num_queries):
    # Ids 1..9 and 10.. side by side: the listing must not depend on how "/" sorts.
    for number in range(12):
        create_agency(
            code=f"000.{number:02d}.40.H99",
            name=f"Phòng {number}",
            kind="division",
            parent=tree.commune_b,
        )
    with django_assert_num_queries(1):
        rows = list(tree_listing())
    for index, node in enumerate(rows):
        subtree_size = Agency.objects.filter(path__startswith=node.path).count()
        assert all(row.path.startswith(node.path) for row in rows[index : index + subtree_size])
    assert rows[0] == tree.province


@pytest.mark.django_db
def test_internal_units_follow_their_agency_level(tree):
    centre = create_agency(
        code="000.00.01.H99", name="Trung tâm PVHCC", kind="service_centre", parent=tree.province
    )
    desk = create_agency(
        code="000.01.01.H99", name="Bộ phận Một cửa", kind="one_stop_desk", parent=centre
    )
    assert desk.level == "province"
    move_agency(agency=centre, parent=tree.commune_a)
    centre.refresh_from_db()
    desk.refresh_from_db()
    assert centre.level == "commune"
    assert desk.level == "commune"


@pytest.mark.django_db
def test_a_unit_cannot_move_into_its_own_subtree(tree):
    with pytest.raises(ValidationFailed) as refused:
        move_agency(agency=tree.commune_a, parent=tree.commune_a_division)
    assert "parent" in refused.value.fields
    with pytest.raises(ValidationFailed):
        move_agency(agency=tree.commune_a, parent=tree.commune_a)
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.parent == tree.province


@pytest.mark.django_db
def test_clean_refuses_a_successor_loop(tree):
    tree.commune_a.successor = tree.commune_b
    tree.commune_a.save()
    tree.commune_b.successor = tree.commune_a
    with pytest.raises(ValidationError) as refused:
        tree.commune_b.full_clean()
    assert "successor" in refused.value.message_dict


@pytest.mark.django_db
def test_clean_refuses_a_kind_its_children_cannot_live_under(tree):
    tree.province.kind = "department"
    with pytest.raises(ValidationError) as refused:
        tree.province.full_clean()
    assert "parent" in refused.value.message_dict  # a department needs a province above it
    tree.commune_a.kind = "division"
    with pytest.raises(ValidationError) as refused:
        tree.commune_a.full_clean()
    assert "kind" in refused.value.message_dict
