"""Processes and versions: drafts, publishing after the rules, immutability, the version in force."""

from datetime import timedelta
from decimal import Decimal

import pytest

from motcua.catalog.models import VersionStatus
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.workflow import services
from motcua.workflow.content import ConsultationContent, content_of
from motcua.workflow.models import ConsultationSpec, Process, ProcessStep, ProcessVersion
from motcua.workflow.rules import ProcessInvalid
from motcua.workflow.selectors import (
    first_step,
    latest_published,
    next_steps,
    previous_steps,
    process_version_for,
    validate_version,
)
from tests.workflow.builders import birth_content, procedure, step

pytestmark = pytest.mark.django_db


def _published(process: Process, content=None, **kwargs) -> ProcessVersion:
    draft = services.create_draft(process=process, content=content or birth_content())
    return services.publish_version(version=draft, **kwargs)


@pytest.fixture
def default(birth) -> Process:
    return services.create_process(procedure=birth)


def test_one_process_per_procedure_and_agency_and_one_default(birth, tree):
    services.create_process(procedure=birth)
    services.create_process(procedure=birth, agency=tree.commune_a)
    with pytest.raises(ValidationFailed, match="đã có quy trình mặc định"):
        services.create_process(procedure=birth)
    with pytest.raises(ValidationFailed, match="đã có quy trình"):
        services.create_process(procedure=birth, agency=tree.commune_a)
    with pytest.raises(ValidationFailed, match="không thuộc phòng hay bộ phận"):
        services.create_process(procedure=birth, agency=tree.commune_a_desk)


def test_publishing_refuses_with_every_error_naming_its_step(default):
    content = birth_content()
    content.steps[1].role = ""
    content.steps[2].allowance_hours = Decimal(0)
    draft = services.create_draft(process=default, content=content)
    with pytest.raises(ProcessInvalid) as refused:
        services.publish_version(version=draft)
    assert [str(error) for error in refused.value.errors] == [
        "Bước «Xử lý hồ sơ» (xu_ly): chưa có vai trò xử lý.",
        "Bước «Phê duyệt kết quả» (phe_duyet): thời gian xử lý phải lớn hơn 0 giờ.",
    ]
    assert refused.value.code == "process_invalid"
    assert set(refused.value.fields) == {"xu_ly", "phe_duyet"}
    assert "chưa có vai trò xử lý" in refused.value.message
    assert ProcessVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_publishing_checks_the_legal_time_of_the_procedure(today):
    two_hours = procedure("1.000894", "Đăng ký kết hôn", amount=2, unit="hour")
    draft = services.create_draft(
        process=services.create_process(procedure=two_hours), content=birth_content()
    )
    with pytest.raises(ProcessInvalid, match="vượt thời hạn giải quyết 2 giờ làm việc"):
        services.publish_version(version=draft)


def test_a_procedure_without_legal_time_publishes_with_a_warning(today):
    unknown = procedure("1.000894", "Đăng ký kết hôn", amount=None)
    version = _published(services.create_process(procedure=unknown))
    assert version.status == VersionStatus.PUBLISHED
    check = validate_version(version)
    assert check.ok
    assert "chưa có thời hạn giải quyết" in str(check.warnings[0])


def test_steps_with_the_same_position_are_refused(default):
    draft = services.create_draft(process=default, content=birth_content())
    ProcessStep.objects.filter(version=draft, key="phe_duyet").update(position=2)
    errors = [str(error) for error in validate_version(draft).errors]
    assert errors == [
        "Bước «Phê duyệt kết quả» (phe_duyet): cùng thứ tự với bước «Xử lý hồ sơ»: mỗi bước một "
        "thứ tự."
    ]


def test_a_published_version_its_steps_and_consultations_refuse_every_change(default):
    content = birth_content()
    content.steps[1].actions.append("consult")
    content.steps[1].consultations = [
        ConsultationContent(name="Xin ý kiến Công an xã", allowance_hours=Decimal(2))
    ]
    version = _published(default, content)
    step_row = version.steps.get(key="xu_ly")
    consultation = step_row.consultations.get()
    refusals = [
        version.save,
        version.delete,
        lambda: ProcessVersion.objects.filter(pk=version.pk).update(valid_from=None),
        lambda: ProcessVersion.objects.filter(pk=version.pk).delete(),
        step_row.save,
        step_row.delete,
        lambda: ProcessStep.objects.filter(version=version).update(allowance_hours=9),
        lambda: version.steps.all().delete(),
        lambda: ProcessStep(version=version, key="them", name="Thêm").save(),
        consultation.save,
        consultation.delete,
        lambda: ConsultationSpec.objects.filter(step=step_row).update(allowance_hours=9),
        lambda: ConsultationSpec(step=step_row, name="Thêm").save(),
        lambda: services.update_draft(version=version, content=birth_content()),
        lambda: services.delete_draft(version=version),
        lambda: services.publish_version(version=version),
    ]
    for refusal in refusals:
        with pytest.raises(Conflict, match="đã công bố") as refused:
            refusal()
        assert refused.value.code == "version_published"
    assert content_of(ProcessVersion.objects.get(pk=version.pk)) == content


def test_a_draft_copies_the_latest_version_and_stays_editable(default):
    first = _published(default)
    draft = services.create_draft(process=default)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert content_of(draft) == content_of(first)
    content = birth_content()
    content.steps[1].allowance_hours = Decimal(3)
    services.update_draft(version=draft, content=content)
    assert draft.steps.get(key="xu_ly").allowance_hours == 3
    with pytest.raises(Conflict, match="bản nháp") as twice:
        services.create_draft(process=default)
    assert twice.value.code == "draft_exists"
    services.delete_draft(version=draft)
    assert list(default.versions.all()) == [first]


def test_an_empty_process_starts_with_an_empty_draft_that_cannot_be_published(default):
    draft = services.create_draft(process=default)
    assert draft.steps.count() == 0
    with pytest.raises(ProcessInvalid, match="Quy trình chưa có bước nào"):
        services.publish_version(version=draft)


def test_a_draft_refuses_what_its_columns_cannot_hold_naming_the_step(default):
    content = birth_content()
    content.steps[1].name = "x" * 300
    with pytest.raises(ValidationFailed, match=r"^Bước «x+» \(xu_ly\): Tên bước:"):
        services.create_draft(process=default, content=content)
    assert not default.versions.exists()


def test_versions_apply_from_their_date(default, tree, today):
    first = _published(default)
    assert first.valid_from == today
    later = today + timedelta(days=10)
    content = birth_content()
    content.steps[1].allowance_hours = Decimal(3)
    second = _published(default, content, valid_from=later)
    birth = default.procedure
    assert process_version_for(procedure=birth, agency=None) == first
    assert process_version_for(procedure=birth, agency=tree.commune_a, on=later) == second
    assert process_version_for(procedure=birth, agency=None, on=today - timedelta(days=1)) is None
    assert latest_published(default) == second
    with pytest.raises(ValidationFailed, match="không được trước ngày") as early:
        _published(default, valid_from=later - timedelta(days=1))
    assert early.value.fields == {"valid_from": [early.value.message]}


def test_an_agency_uses_its_own_version_in_force_else_the_default(default, tree, today):
    default_version = _published(default)
    own_process = services.create_process(procedure=default.procedure, agency=tree.commune_a)
    units = {"tiep_nhan": tree.commune_a_desk, "tra_ket_qua": tree.commune_a_desk}
    units |= {"xu_ly": tree.commune_a, "phe_duyet": tree.commune_a}
    own = _published(own_process, birth_content(**units), valid_from=today + timedelta(days=5))
    birth = default.procedure
    assert process_version_for(procedure=birth, agency=tree.commune_a) == default_version
    on = today + timedelta(days=5)
    assert process_version_for(procedure=birth, agency=tree.commune_a, on=on) == own
    assert process_version_for(procedure=birth, agency=tree.commune_b, on=on) == default_version
    other = procedure("1.000894", "Đăng ký kết hôn")
    assert process_version_for(procedure=other, agency=tree.commune_a) is None


def test_first_next_and_previous_steps(default):
    content = birth_content()
    content.steps[0].next_steps = ["xu_ly", "xu_ly_rut_gon"]
    content.steps[1].next_steps = ["phe_duyet"]
    content.steps.insert(2, step("xu_ly_rut_gon", "Xử lý rút gọn"))
    version = _published(default, content)
    steps = {row.key: row for row in version.steps.all()}
    assert first_step(version) == steps["tiep_nhan"]
    assert next_steps(steps["tiep_nhan"]) == [steps["xu_ly"], steps["xu_ly_rut_gon"]]
    assert next_steps(steps["xu_ly_rut_gon"]) == [steps["phe_duyet"]]
    assert next_steps(steps["tra_ket_qua"]) == []
    assert previous_steps(steps["phe_duyet"]) == [steps["xu_ly"], steps["xu_ly_rut_gon"]]
    assert previous_steps(steps["tiep_nhan"]) == []


def test_copying_the_default_to_an_agency_maps_units_for_the_administrator(default, tree):
    content = birth_content(phe_duyet=tree.division_1)  # a unit of another agency
    content.steps[1].actions.append("consult")
    content.steps[1].consultations = [
        ConsultationContent(
            name="Xin ý kiến Sở Tư pháp", unit=tree.department, allowance_hours=Decimal(2)
        )
    ]
    _published(default, content)
    draft = services.copy_default_to_agency(procedure=default.procedure, agency=tree.commune_a)
    assert draft.process.agency == tree.commune_a
    assert draft.status == VersionStatus.DRAFT
    copied = content_of(draft)
    assert {s.key: s.unit for s in copied.steps} == {
        "tiep_nhan": tree.commune_a_desk,  # the agency's one-stop desk
        "xu_ly": None,
        "phe_duyet": None,  # not the agency's: dropped
        "tra_ket_qua": tree.commune_a_desk,
    }
    assert copied.steps[1].consultations[0].unit == tree.department
    errors = [str(error) for error in validate_version(draft).errors]
    assert errors == [
        "Bước «Xử lý hồ sơ» (xu_ly): chưa chọn đơn vị xử lý.",
        "Bước «Phê duyệt kết quả» (phe_duyet): chưa chọn đơn vị xử lý.",
    ]
    copied.steps[1].unit = tree.commune_a_division
    copied.steps[2].unit = tree.commune_a
    services.update_draft(version=draft, content=copied)
    services.publish_version(version=draft)
    assert process_version_for(procedure=default.procedure, agency=tree.commune_a) == draft
    with pytest.raises(NotFound, match="chưa có quy trình mặc định"):
        services.copy_default_to_agency(
            procedure=procedure("1.000894", "Đăng ký kết hôn"), agency=tree.commune_a
        )


def test_a_unit_of_another_agency_is_refused_at_publishing(default, tree):
    process = services.create_process(procedure=default.procedure, agency=tree.commune_a)
    units = dict.fromkeys(("tiep_nhan", "xu_ly", "phe_duyet", "tra_ket_qua"), tree.commune_a)
    units["xu_ly"] = tree.commune_b_desk
    draft = services.create_draft(process=process, content=birth_content(**units))
    with pytest.raises(ProcessInvalid) as refused:
        services.publish_version(version=draft)
    assert [str(error) for error in refused.value.errors] == [
        "Bước «Xử lý hồ sơ» (xu_ly): đơn vị «Bộ phận Một cửa» không thuộc UBND xã An Phú."
    ]
