"""Versions: drafts, publishing from a date, immutability of what was published."""

from datetime import date, timedelta

import pytest

from motcua.catalog import services
from motcua.catalog.models import Fee, FormField, ProcedureVersion, SearchText, VersionStatus
from motcua.catalog.selectors import current_version, latest_published, procedure_by_code
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from tests.catalog.builders import birth_registration, imported, version_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth(today):
    imported(birth_registration())
    return procedure_by_code("1.001193")


@pytest.mark.sqlite_smoke
def test_a_published_version_refuses_every_change(birth):
    version = version_of("1.001193")
    version.name = "Tên khác"
    with pytest.raises(Conflict, match="đã công bố") as refused:
        version.save()
    assert refused.value.code == "version_published"
    with pytest.raises(Conflict):
        version.delete()
    with pytest.raises(Conflict):
        ProcedureVersion.objects.filter(pk=version.pk).update(name="Tên khác")
    with pytest.raises(Conflict):
        ProcedureVersion.objects.filter(pk=version.pk).delete()
    assert ProcedureVersion.objects.get(pk=version.pk).name == "Đăng ký khai sinh"


def test_the_parts_of_a_published_version_refuse_every_change(birth):
    version = version_of("1.001193")
    fee = version.fees.first()
    fee.amount = 99
    with pytest.raises(Conflict):
        fee.save()
    with pytest.raises(Conflict):
        fee.delete()
    with pytest.raises(Conflict):
        Fee.objects.filter(version=version).update(amount=1)
    with pytest.raises(Conflict):
        version.form_fields.all().delete()
    with pytest.raises(Conflict):
        FormField(version=version, key="them", label="Thêm", type="text").save()
    with pytest.raises(Conflict):
        services.delete_draft(version=version)
    assert version.fees.first().amount == 0


def test_a_draft_copies_the_latest_version_and_stays_editable(birth):
    published = version_of("1.001193")
    draft = services.create_draft(procedure=birth)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert draft.name == published.name
    assert [fee.name for fee in draft.fees.all()] == [fee.name for fee in published.fees.all()]
    assert [f.key for f in draft.form_fields.all()] == ["ho_ten_tre", "ngay_sinh", "gioi_tinh"]
    draft.name = "Đăng ký khai sinh (sửa)"
    draft.save()
    draft.fees.filter(kind="phi").update(amount=10000)
    with pytest.raises(Conflict, match="bản nháp") as twice:
        services.create_draft(procedure=birth)
    assert twice.value.code == "draft_exists"
    # The draft is not in force, and nothing of it is searchable yet.
    assert current_version(birth) == published
    assert not SearchText.objects.filter(version=draft).exists()


def test_publishing_supersedes_from_a_date_and_keeps_the_old_version(birth, today):
    first = version_of("1.001193")
    draft = services.create_draft(procedure=birth)
    draft.name = "Đăng ký khai sinh (mới)"
    draft.save()
    later = today + timedelta(days=10)
    second = services.publish_version(version=draft, valid_from=later)
    assert second.status == VersionStatus.PUBLISHED
    # A dossier filed today points at the first version, which stays as it was.
    assert current_version(birth, on=today) == first
    assert current_version(birth, on=later - timedelta(days=1)) == first
    assert current_version(birth, on=later) == second
    assert latest_published(birth) == second
    assert ProcedureVersion.objects.get(pk=first.pk).name == "Đăng ký khai sinh"
    assert set(SearchText.objects.filter(version=second).values_list("kind", flat=True)) == {
        "name",
        "alias",
    }


def test_a_version_may_not_apply_before_the_latest_or_rewrite_lived_history(birth, today):
    first = version_of("1.001193")
    assert first.valid_from == today
    draft = services.create_draft(procedure=birth)
    with pytest.raises(ValidationFailed, match="không được trước ngày 02/03/2026") as early:
        services.publish_version(version=draft, valid_from=today - timedelta(days=1))
    assert early.value.fields == {"valid_from": [early.value.message]}
    # Today the first version has applied only today: a correction may replace it from today.
    corrected = services.publish_version(version=draft, valid_from=today)
    assert current_version(birth) == corrected


def test_a_version_that_applied_on_earlier_days_is_never_replaced_from_its_date(today):
    imported(birth_registration(ApDungTu="2026-02-01"))
    draft = services.create_draft(procedure=procedure_by_code("1.001193"))
    with pytest.raises(ValidationFailed, match="đã áp dụng từ ngày 01/02/2026"):
        services.publish_version(version=draft, valid_from=date(2026, 2, 1))
    assert services.publish_version(version=draft, valid_from=date(2026, 2, 2)).number == 2


def test_a_future_version_waits_then_applies(today):
    imported(birth_registration(ApDungTu="2026-04-01"))
    birth = procedure_by_code("1.001193")
    assert current_version(birth) is None
    assert current_version(birth, on=date(2026, 4, 1)).number == 1


def test_a_draft_with_invalid_content_is_not_published(birth):
    draft = services.create_draft(procedure=birth)
    draft.processing_amount = "0.3"
    draft.save()
    with pytest.raises(ValidationFailed, match="nửa ngày") as refused:
        services.publish_version(version=draft)
    assert "processing_amount" in refused.value.fields
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_an_empty_draft_for_a_new_procedure_needs_its_content_before_publishing(today):
    procedure = services.create_procedure(code="1.000948.H38")
    draft = services.create_draft(procedure=procedure)
    assert draft.name == ""
    with pytest.raises(ValidationFailed) as refused:
        services.publish_version(version=draft)
    assert {"name", "field", "levels", "source"} <= set(refused.value.fields)
    services.delete_draft(version=draft)
    assert not procedure.versions.exists()


def test_procedure_codes_follow_the_national_pattern(db):
    with pytest.raises(ValidationFailed, match=r"1\.001193"):
        services.create_procedure(code="1001193")
    with pytest.raises(NotFound, match=r"9\.999999") as missing:
        procedure_by_code("9.999999")
    assert missing.value.code == "unknown_procedure"
