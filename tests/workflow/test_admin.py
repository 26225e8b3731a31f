"""The admin: processes with versions; drafts edited with their steps, checked, drawn, published."""

import pytest
from django.urls import reverse

from motcua.catalog.models import VersionStatus
from motcua.workflow import services
from motcua.workflow.models import ProcessStep, ProcessVersion
from tests.workflow.builders import birth_content

pytestmark = pytest.mark.django_db

PROCESSES = reverse("admin:workflow_process_changelist")
VERSIONS = reverse("admin:workflow_processversion_changelist")


def _url(version: ProcessVersion) -> str:
    return reverse("admin:workflow_processversion_change", args=[version.pk])


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
    return {key: value for key, value in data.items() if value is not None and value is not False}


@pytest.fixture
def default(birth):
    return services.create_process(procedure=birth)


def test_a_draft_is_edited_checked_drawn_and_published(admin_client, default):
    admin_client.post(PROCESSES, {"action": "create_draft", "_selected_action": [default.pk]})
    draft = default.versions.get(status=VersionStatus.DRAFT)
    services.update_draft(version=draft, content=birth_content())
    page = admin_client.get(_url(draft))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is True
    html = page.content.decode()
    assert "<svg" in html
    assert "Phê duyệt kết quả" in html
    assert "Không có lỗi." in html

    data = _form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-1-role"] = ""
    data[f"{prefix}-1-actions"] = ["attach_result", "forward"]
    response = admin_client.post(_url(draft), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    step = ProcessStep.objects.get(version=draft, key="xu_ly")
    assert (step.role, step.actions) == ("", ["forward", "attach_result"])
    assert "chưa có vai trò xử lý" in admin_client.get(_url(draft)).content.decode()

    page = admin_client.post(
        VERSIONS, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Bước «Xử lý hồ sơ» (xu_ly): chưa có vai trò xử lý." in page.content.decode()
    assert ProcessVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT

    ProcessStep.objects.filter(pk=step.pk).update(role="specialist")
    page = admin_client.post(
        VERSIONS, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Đã công bố 1 phiên bản." in page.content.decode()


def test_a_published_version_and_its_steps_are_read_only(admin_client, default):
    version = services.publish_version(
        version=services.create_draft(process=default, content=birth_content())
    )
    page = admin_client.get(_url(version))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert admin_client.post(_url(version), {"valid_from": "2030-01-01"}).status_code == 403
    delete = reverse("admin:workflow_processversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    step = version.steps.get(key="xu_ly")
    step_url = reverse("admin:workflow_processstep_change", args=[step.pk])
    page = admin_client.get(step_url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert admin_client.post(step_url, {"name": "Khác"}).status_code == 403


def test_a_step_page_edits_its_consultations_while_a_draft(admin_client, default, tree):
    draft = services.create_draft(process=default, content=birth_content())
    step = draft.steps.get(key="xu_ly")
    url = reverse("admin:workflow_processstep_change", args=[step.pk])
    page = admin_client.get(url)
    assert page.context["has_change_permission"] is True
    data = _form_data(page)
    data["actions"] = ["consult", "forward"]
    data["next_steps"] = "phe_duyet"
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data |= {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-position": "1",
        f"{prefix}-0-name": "Xin ý kiến Sở Tư pháp",
        f"{prefix}-0-unit": str(tree.department.pk),
        f"{prefix}-0-allowance_hours": "2",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    step.refresh_from_db()
    assert (step.actions, step.next_steps) == (["forward", "consult"], ["phe_duyet"])
    consultation = step.consultations.get()
    assert (consultation.name, consultation.unit) == ("Xin ý kiến Sở Tư pháp", tree.department)
    assert admin_client.get(_url(draft)).context["adminform"].form.instance == draft
    assert "Không có lỗi." in admin_client.get(_url(draft)).content.decode()


def test_an_agency_process_is_created_and_copies_the_default(admin_client, default, tree):
    services.publish_version(
        version=services.create_draft(process=default, content=birth_content())
    )
    response = admin_client.post(
        reverse("admin:workflow_process_add"),
        {
            "procedure": default.procedure.pk,
            "agency": tree.commune_a.pk,
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    own = tree.commune_a.processes.get()
    page = admin_client.post(
        PROCESSES, {"action": "copy_default", "_selected_action": [own.pk, default.pk]}, follow=True
    )
    html = page.content.decode()
    assert "đây là quy trình mặc định." in html
    draft = own.versions.get()
    assert draft.steps.get(key="tiep_nhan").unit == tree.commune_a_desk
    page = admin_client.get(PROCESSES)
    assert "Mặc định toàn tỉnh" in page.content.decode()
