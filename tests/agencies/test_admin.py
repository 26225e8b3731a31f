"""The Django admin for the tree: listing in tree order, folded search, filters, code changes."""

import pytest
from django.urls import reverse

from motcua.agencies.models import Agency, AgencyCode

CHANGELIST = reverse("admin:agencies_agency_changelist")


@pytest.mark.django_db
def test_the_list_is_indented_by_depth(admin_client, tree, django_assert_max_num_queries):
    # 9: one of them loads the officer's authenticator (the admin asks for the second factor).
    with django_assert_max_num_queries(9):
        page = admin_client.get(CHANGELIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "\u2003\u2003└ Phòng Hành chính tư pháp" in html
    assert html.index("Sở Tư pháp") < html.index("Phòng Hành chính tư pháp")


@pytest.mark.django_db
def test_search_ignores_diacritics_and_case(admin_client, tree):
    page = admin_client.get(CHANGELIST, {"q": "binh minh"})
    assert list(page.context["cl"].result_list) == [tree.commune_b]
    page = admin_client.get(CHANGELIST, {"q": "000.00.31.h99"})
    assert list(page.context["cl"].result_list) == [tree.commune_a]


@pytest.mark.django_db
def test_filter_by_force(admin_client, tree):
    Agency.objects.filter(pk=tree.commune_b_desk.pk).update(effective_to="2020-01-01")
    closed = admin_client.get(CHANGELIST, {"in_force": "no"})
    assert list(closed.context["cl"].result_list) == [tree.commune_b_desk]
    open_ = admin_client.get(CHANGELIST, {"in_force": "yes", "kind__exact": "one_stop_desk"})
    assert list(open_.context["cl"].result_list) == [tree.commune_a_desk]


def _form(agency: Agency, **changes) -> dict:
    data = {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent_id or "",
        "level": agency.level,
        "address": "",
        "phone": "",
        "email": "",
        "desk_hours": "{}",
        "working_periods": "[]",
        "effective_from": "",
        "effective_to": "",
        "successor": "",
        "code_effective": "",
        "code_note": "",
        "former_codes-TOTAL_FORMS": "0",
        "former_codes-INITIAL_FORMS": "0",
    }
    return data | changes


@pytest.mark.django_db
def test_a_new_code_in_the_admin_enters_the_history(admin_client, tree):
    url = reverse("admin:agencies_agency_change", args=[tree.commune_a.pk])
    response = admin_client.post(
        url, _form(tree.commune_a, code="000.00.41.H99", code_effective="2025-07-01")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.code == "000.00.41.H99"
    former = AgencyCode.objects.get(agency=tree.commune_a)
    assert (former.code, str(former.valid_until)) == ("000.00.31.H99", "2025-06-30")


@pytest.mark.django_db
def test_the_admin_shows_the_rules_beside_the_field(admin_client, tree):
    url = reverse("admin:agencies_agency_change", args=[tree.commune_a.pk])
    response = admin_client.post(url, _form(tree.commune_a, parent=tree.department.pk))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "parent" in errors


@pytest.mark.django_db
def test_moving_in_the_admin_keeps_paths(admin_client, tree):
    district = Agency.objects.create(
        code="000.00.05.H99",
        name="UBND huyện",
        kind="district",
        level="district",
        parent=tree.province,
    )
    url = reverse("admin:agencies_agency_change", args=[tree.commune_a.pk])
    response = admin_client.post(url, _form(tree.commune_a, parent=district.pk))
    assert response.status_code == 302
    desk = Agency.objects.get(pk=tree.commune_a_desk.pk)
    assert desk.path.startswith(Agency.objects.get(pk=district.pk).path)


@pytest.mark.django_db
def test_add_page_derives_the_level(admin_client, tree):
    url = reverse("admin:agencies_agency_add")
    response = admin_client.post(
        url,
        _form(
            Agency(code="000.03.12.H99", name="Phòng mới", kind="division", parent=tree.department),
            level="",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Agency.objects.get(code="000.03.12.H99").level == "province"
