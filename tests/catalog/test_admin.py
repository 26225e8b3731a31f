"""The admin: procedures and versions, published ones read-only, drafts edited and published."""

import pytest
from django.urls import reverse

from motcua.catalog.models import Fee, ProcedureVersion, VersionStatus
from motcua.catalog.selectors import procedure_by_code
from tests.catalog.builders import birth_registration, imported, procedure, version_of

pytestmark = pytest.mark.django_db

PROCEDURES = reverse("admin:catalog_procedure_changelist")
VERSIONS = reverse("admin:catalog_procedureversion_changelist")


@pytest.fixture
def catalogue(today):
    imported(birth_registration(), procedure("1.000894", "Đăng ký kết hôn"))


def _version_url(version: ProcedureVersion) -> str:
    return reverse("admin:catalog_procedureversion_change", args=[version.pk])


def _form_data(page) -> dict:
    """What the change page would post back unchanged: the form and every inline formset."""
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        data[name] = form[name].value()
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            for name in form.fields:
                data[form.add_prefix(name)] = form[name].value()
    # Unchecked boxes and empty values are absent from a real post.
    return {key: value for key, value in data.items() if value is not None and value is not False}


def test_procedures_are_found_by_code_or_by_name_as_citizens_type_it(admin_client, catalogue):
    birth = procedure_by_code("1.001193")
    for term in ("1.001193", "dang ki khai sinh", "Đăng ký khai sinh"):
        page = admin_client.get(PROCEDURES, {"q": term})
        assert list(page.context["cl"].result_list) == [birth], term
    page = admin_client.get(reverse("admin:catalog_procedure_change", args=[birth.pk]))
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()


def test_a_published_version_is_shown_read_only(admin_client, catalogue):
    version = version_of("1.001193")
    page = admin_client.get(_version_url(version))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "Lệ phí đăng ký khai sinh" in page.content.decode()
    assert admin_client.post(_version_url(version), {"name": "Khác"}).status_code == 403
    delete = reverse("admin:catalog_procedureversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert (
        "delete_selected"
        not in admin_client.get(VERSIONS).context["action_form"].fields["action"].choices.__str__()
    )


def test_a_draft_is_created_edited_with_its_parts_and_published(admin_client, catalogue, today):
    birth = procedure_by_code("1.001193")
    admin_client.post(
        PROCEDURES, {"action": "create_draft", "_selected_action": [birth.pk]}, follow=True
    )
    draft = birth.versions.get(status=VersionStatus.DRAFT)
    page = admin_client.get(_version_url(draft))
    assert page.context["has_change_permission"] is True
    data = _form_data(page)
    data["name"] = "Đăng ký khai sinh (sửa)"
    data["fees-2-amount"] = "9000"
    response = admin_client.post(_version_url(draft), data)
    assert response.status_code == 302
    assert Fee.objects.filter(version=draft).order_by("position").last().amount == 9000

    page = admin_client.post(
        VERSIONS, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Đã công bố 1 phiên bản." in page.content.decode()
    assert version_of("1.001193").name == "Đăng ký khai sinh (sửa)"


def test_publishing_an_incomplete_draft_says_why(admin_client, catalogue):
    birth = procedure_by_code("1.001193")
    admin_client.post(PROCEDURES, {"action": "create_draft", "_selected_action": [birth.pk]})
    draft = birth.versions.get(status=VersionStatus.DRAFT)
    ProcedureVersion.objects.filter(pk=draft.pk).update(source="")
    page = admin_client.post(
        VERSIONS, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Nguồn thông tin" in page.content.decode()
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    page = admin_client.post(
        PROCEDURES, {"action": "create_draft", "_selected_action": [birth.pk]}, follow=True
    )
    assert "đang có một bản nháp" in page.content.decode()
    delete = reverse("admin:catalog_procedureversion_delete", args=[draft.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not ProcedureVersion.objects.filter(pk=draft.pk).exists()


def test_fields_and_assignments_have_their_pages(admin_client, catalogue):
    page = admin_client.get(reverse("admin:catalog_field_changelist"), {"q": "ho tich"})
    assert [field.name for field in page.context["cl"].result_list] == ["Hộ tịch"]
    assert (
        admin_client.get(reverse("admin:catalog_procedureassignment_changelist")).status_code == 200
    )


def test_procedure_list_shows_what_the_published_version_says(admin_client, catalogue):
    page = admin_client.get(PROCEDURES)
    html = page.content.decode()
    assert "Đăng ký khai sinh" in html
    assert "Đăng ký kết hôn" in html
