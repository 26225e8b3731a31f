"""The personal data store (kho dữ liệu): keeping a file once, a citizen's own upload with its
description, removal that never deletes a file, privacy between citizens, and which documents
fit a catalogue component."""

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents.models import DocumentKind, PersonalDocument, StoredFile
from motcua.documents.selectors import (
    document_of,
    documents_of,
    fits,
    kept_file_ids,
    open_document,
    usable_files,
)
from motcua.documents.services import add_upload, keep, remove, store_generated, store_upload
from tests.catalog.builders import imported, procedure, version_of
from tests.documents.files import pdf_bytes, png_bytes
from tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=clock.VN_TZ)


def _pdf(name: str = "cccd.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


@pytest.fixture
def citizen():
    return UserFactory()


def test_a_citizen_adds_a_described_document_to_their_store(private_root, citizen):
    with clock.frozen(MOMENT):
        document = add_upload(
            owner=citizen,
            uploaded_file=_pdf(),
            title="  Căn cước công dân ",
            number="099190001234",
            issued_on=date(2021, 4, 15),
            issuer="Cục Cảnh sát QLHC về TTXH",
            valid_until=date(2030, 5, 14),
        )
    assert document.title == "Căn cước công dân"
    assert document.kind == DocumentKind.UPLOADED
    assert (document.number, document.issued_on) == ("099190001234", date(2021, 4, 15))
    assert document.file.uploaded_by == citizen
    assert document.file.content_type == "application/pdf"
    assert document.created_at == MOMENT
    assert list(documents_of(citizen)) == [document]
    assert AuditEntry.objects.filter(action="personal_document.add", actor_id=citizen.pk).exists()
    _document, handle = open_document(owner=citizen, document_id=document.pk)
    with handle:
        assert handle.read() == pdf_bytes()


@pytest.mark.parametrize(
    ("description", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "CCCD", "issued_on": date(2026, 3, 3)}, "issued_on"),
        (
            {"title": "CCCD", "issued_on": date(2021, 4, 15), "valid_until": date(2020, 1, 1)},
            "valid_until",
        ),
    ],
)
def test_a_wrong_description_stores_no_file(private_root, citizen, description, field):
    with clock.frozen(MOMENT), pytest.raises(ValidationFailed) as refused:
        add_upload(owner=citizen, uploaded_file=_pdf(), **description)
    assert field in refused.value.fields
    assert not StoredFile.objects.exists()
    assert not PersonalDocument.objects.exists()


def test_a_refused_file_is_reported_on_the_file(private_root, citizen):
    word = SimpleUploadedFile("don.pdf", b"PK\x03\x04 not a pdf")
    with pytest.raises(ValidationFailed) as refused:
        add_upload(owner=citizen, uploaded_file=word, title="Đơn")
    assert "file" in refused.value.fields
    assert not PersonalDocument.objects.exists()


def test_a_file_is_kept_once_however_often_it_is_filed(private_root, citizen):
    stored = store_upload(uploaded_file=_pdf(), user=citizen)
    first = keep(owner=citizen, file=stored, title="Giấy chứng sinh", kind=DocumentKind.UPLOADED)
    again = keep(owner=citizen, file=stored, title="Khác", kind=DocumentKind.UPLOADED)
    assert again.pk == first.pk
    assert PersonalDocument.objects.filter(owner=citizen).count() == 1


def test_removing_keeps_the_file_and_only_the_owner_may(private_root, citizen):
    document = add_upload(owner=citizen, uploaded_file=_pdf(), title="Căn cước công dân")
    stranger = UserFactory()
    with pytest.raises(NotFound):
        remove(owner=stranger, document_id=document.pk)
    assert PersonalDocument.objects.filter(pk=document.pk).exists()

    remove(owner=citizen, document_id=document.pk)
    assert not PersonalDocument.objects.filter(pk=document.pk).exists()
    stored = StoredFile.objects.get(pk=document.file_id)
    assert stored.file.storage.exists(stored.file.name)
    assert AuditEntry.objects.filter(action="personal_document.remove").exists()


def test_another_citizens_document_answers_like_a_missing_one(private_root, citizen):
    document = add_upload(owner=citizen, uploaded_file=_pdf(), title="Căn cước công dân")
    stranger = UserFactory()
    for asked in (document.pk, "not-a-uuid"):
        with pytest.raises(NotFound):
            document_of(owner=stranger, document_id=asked)
        with pytest.raises(NotFound):
            open_document(owner=stranger, document_id=asked)
    assert list(documents_of(stranger)) == []


def test_usable_files_are_own_uploads_and_the_store_never_anothers(private_root, citizen):
    officer = OfficerFactory()
    own = store_upload(uploaded_file=_pdf(), user=citizen)
    result = store_upload(uploaded_file=_pdf("ket-qua.pdf"), user=officer)
    someone_elses = store_upload(uploaded_file=_pdf(), user=UserFactory())
    keep(owner=citizen, file=result, title="Kết quả", kind=DocumentKind.RESULT)

    assert set(usable_files(citizen)) == {own, result}
    assert kept_file_ids(owner=citizen, ids=[own.pk, result.pk, someone_elses.pk]) == {result.pk}
    assert kept_file_ids(owner=citizen, ids=[]) == set()


def test_generated_files_reuse_their_storage_name(private_root):
    first = store_generated(content=pdf_bytes(), name="a.pdf", user=None, path="demo/a.pdf")
    again = store_generated(content=pdf_bytes(), name="a.pdf", user=None, path="demo/a.pdf")
    assert first.pk != again.pk
    assert first.file.name == again.file.name == "demo/a.pdf"
    assert [p.name for p in (private_root / "demo").iterdir()] == ["a.pdf"]
    with pytest.raises(ValueError, match="not a PDF, JPEG or PNG"):
        store_generated(content=png_bytes(), name="b.pdf", user=None, path="demo/b.pdf")


def test_documents_fit_their_component_across_versions_and_procedures(private_root, citizen):
    identity = {"Ma": "KQ004946", "Ten": "Giấy tờ tùy thân", "BanChinh": 0}
    imported(
        procedure(
            "1.001193",
            "Đăng ký khai sinh",
            ThanhPhanHoSo=[identity, {"Ten": "Giấy chứng sinh", "BanChinh": 1}],
        ),
        procedure("1.000894", "Đăng ký kết hôn", ThanhPhanHoSo=[{**identity, "Ten": "Giấy tờ"}]),
    )
    birth, marriage = version_of("1.001193"), version_of("1.000894")
    card_component, certificate = birth.components.order_by("pk")
    (marriage_identity,) = marriage.components.all()
    stored = store_upload(uploaded_file=_pdf(), user=citizen)
    card = keep(
        owner=citizen,
        file=stored,
        title="CCCD",
        kind=DocumentKind.DIGITISED,
        component=card_component,
    )
    named = keep(
        owner=citizen,
        file=store_upload(uploaded_file=_pdf(), user=citizen),
        title="giấy chứng sinh",
        kind=DocumentKind.UPLOADED,
    )
    assert fits(card, card_component)
    assert fits(card, marriage_identity)  # same code in another procedure
    assert not fits(card, certificate)
    assert fits(named, certificate)  # named like it
    assert not fits(named, card_component)
