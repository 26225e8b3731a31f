"""Reusing the personal data store in the filing wizard: Trần Thị Bình's digitised identity card
is offered for the birth registration's identity component, chosen instead of uploaded again and
filed as it is (the component line says it came from the store); another citizen's document is
never hers to file; what she files and the result she gets back go into her store."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import procedure_by_code
from motcua.core.errors import ValidationFailed
from motcua.documents.models import DocumentKind, PersonalDocument, StoredFile
from motcua.documents.services import add_upload, store_upload
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import DeliveryMethod, Dossier
from motcua.filing import services
from motcua.filing.models import Draft
from tests.documents.files import pdf_bytes
from tests.filing.wizard import AN_HOA, BINH, HUNG, components, fill_up_to_review, start

pytestmark = pytest.mark.django_db

IDENTITY = "Giấy tờ tùy thân"


@pytest.fixture
def binh(private_root, demo_province, client):
    client.force_login(User.objects.get(username=BINH))
    return client


def _draft(base: str) -> Draft:
    return Draft.objects.get(pk=base.rstrip("/").rsplit("/", 1)[1])


def _identity_component():
    return next(c for c in components() if c.name.startswith(IDENTITY))


def _card() -> PersonalDocument:
    return PersonalDocument.objects.get(owner__username=BINH, title="Căn cước công dân")


def _slot(page: str, key) -> str:
    """The HTML of one slot's fieldset on the components step."""
    found = re.search(rf'<fieldset[^>]*id="slot-{key}".*?</fieldset>', page, re.S)
    assert found, key
    return found.group(0)


def test_her_store_is_offered_with_the_fitting_document_first(binh):
    base = start(binh)
    page = binh.get(base + "giay-to/").content.decode()
    identity, declaration = _identity_component(), components()[0]

    slot = _slot(page, identity.pk)
    card = slot.index("Dùng giấy tờ này từ kho dữ liệu: <strong>Căn cước công dân</strong>")
    assert "Số: 099190001234" in slot
    assert "Cục Cảnh sát quản lý hành chính về trật tự xã hội" in slot
    others = slot.index("Giấy tờ khác trong kho dữ liệu (2)")  # her marriage certificate, a result
    assert card < others < slot.index("Giấy chứng nhận kết hôn")
    # Where nothing fits, all of her store is offered on request.
    other_slot = _slot(page, declaration.pk)
    assert "Hoặc chọn giấy tờ trong kho dữ liệu (3)" in other_slot
    assert "Căn cước công dân" in other_slot


def test_choosing_from_the_store_files_that_very_file_marked_as_from_the_store(binh):
    base = start(binh)
    identity, card = _identity_component(), _card()
    files_before = StoredFile.objects.count()
    response = binh.post(
        base + "giay-to/", {f"store-{identity.pk}": str(card.pk), "action": "upload"}
    )
    assert response.status_code == 302
    assert StoredFile.objects.count() == files_before  # no new upload, no copy
    assert _draft(base).files[str(identity.pk)] == [str(card.file_id)]
    page = binh.get(base + "giay-to/").content.decode()
    slot = _slot(page, identity.pk)
    assert "can-cuoc-cong-dan.pdf" in slot
    assert "từ kho dữ liệu" in slot
    assert "Dùng giấy tờ này từ kho dữ liệu: <strong>Căn cước công dân" not in slot

    fill_up_to_review(binh, base)
    assert "can-cuoc-cong-dan.pdf" in binh.get(base + "xem-lai/").content.decode()
    submitted = binh.post(base + "xem-lai/", {"action": "submit"})
    assert submitted.status_code == 302
    dossier = Dossier.objects.get(reference=submitted["Location"].rstrip("/").rsplit("/", 1)[1])
    line = dossier.components.get(component=identity)
    assert list(line.files.all()) == [card.file]
    assert line.from_data_store
    uploaded = dossier.components.exclude(component=identity)
    assert uploaded.count() == 2
    assert not uploaded.filter(from_data_store=True).exists()


def test_another_citizens_document_is_refused(binh):
    hung = User.objects.get(username=HUNG)
    his = add_upload(
        owner=hung,
        uploaded_file=SimpleUploadedFile("cccd-hung.pdf", pdf_bytes()),
        title="Căn cước công dân",
    )
    base = start(binh)
    identity = _identity_component()
    response = binh.post(
        base + "giay-to/", {f"store-{identity.pk}": str(his.pk), "action": "upload"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Không tìm thấy giấy tờ đã chọn trong kho dữ liệu của Ông/Bà" in page
    assert f'href="#file-{identity.pk}"' in page
    assert not _draft(base).files.get(str(identity.pk))

    # A forged file id put straight into the draft is neither shown nor filed.
    draft = _draft(base)
    fill_up_to_review(binh, base)
    draft.refresh_from_db()
    draft.files = {**draft.files, str(identity.pk): [str(his.file_id)]}
    draft.save()
    assert "cccd-hung.pdf" not in binh.get(base + "xem-lai/").content.decode()
    with pytest.raises(ValidationFailed):
        services.submit(user=draft.owner, draft_id=draft.pk, vneid_authenticated=False)
    assert not Dossier.objects.filter(components__files=his.file).exists()


def test_the_same_document_cannot_go_with_two_papers(binh):
    base = start(binh)
    identity, declaration = _identity_component(), components()[0]
    card = _card()
    assert binh.post(base + "giay-to/", {f"store-{identity.pk}": str(card.pk)}).status_code == 302
    response = binh.post(base + "giay-to/", {f"store-{declaration.pk}": str(card.pk)})
    assert response.status_code == 400
    assert "mỗi tệp chỉ đính kèm một giấy tờ" in response.content.decode()
    assert not _draft(base).files.get(str(declaration.pk))


def test_the_files_she_files_go_into_her_store(binh):
    base = start(binh)
    fill_up_to_review(binh, base)
    submitted = binh.post(base + "xem-lai/", {"action": "submit"})
    dossier = Dossier.objects.get(reference=submitted["Location"].rstrip("/").rsplit("/", 1)[1])
    declaration, birth_certificate = components()[:2]

    kept = PersonalDocument.objects.filter(owner__username=BINH, source=dossier.reference)
    assert {(d.file.original_name, d.component_id, d.kind) for d in kept} == {
        ("to-khai.pdf", declaration.pk, DocumentKind.UPLOADED),
        ("giay-chung-sinh.png", birth_certificate.pk, DocumentKind.UPLOADED),
    }
    store = binh.get("/kho-du-lieu/").content.decode()
    assert "giay-chung-sinh.png" in store
    assert f'href="/ho-so-cua-toi/{dossier.key}/"' in store

    # Filing again, the birth certificate is offered first for its own component.
    again = start(binh)
    page = binh.get(again + "giay-to/").content.decode()
    slot = _slot(page, birth_certificate.pk)
    assert slot.index("giay-chung-sinh.png") < slot.index("Giấy tờ khác trong kho dữ liệu")


def test_the_result_goes_into_her_store_when_returned(binh, private_root):
    owner = User.objects.get(username=BINH)
    dossier = dossiers.submit(
        user=owner,
        procedure=procedure_by_code("1.001193"),
        receiving_agency=agency_by_code(AN_HOA),
        applicant=dossiers.Applicant(
            name="Trần Thị Bình", id_type="cccd", id_number=BINH, phone="0912345678"
        ),
        delivery_method=DeliveryMethod.ONLINE,
        form_data={
            "quan_he_voi_tre": "Mẹ",
            "ho_ten_tre": "Trần Gia Hân",
            "ngay_sinh": "2026-11-01",
            "gioi_tinh": "Nữ",
            "noi_sinh": "Trung tâm Y tế khu vực An Hòa",
            "so_dinh_danh_nguoi_yeu_cau": BINH,
            "so_dien_thoai": "0912345678",
            "so_ban_sao": 1,
        },
    )
    specialist = User.objects.get(username="cv.anhoa")
    result = store_upload(
        uploaded_file=SimpleUploadedFile("giay-khai-sinh.pdf", pdf_bytes()), user=specialist
    )
    steps = [
        ("receive", "motcua.anhoa", {}),
        ("forward", "motcua.anhoa", {"note": "Chuyển xử lý."}),
        ("attach_result", "cv.anhoa", {"note": "Giấy khai sinh", "upload": result.pk}),
        ("forward", "cv.anhoa", {"note": "Trình ký."}),
        ("approve", "ld.anhoa", {}),
        ("finish", "ld.anhoa", {}),
    ]
    for action, username, fields in steps:
        dossier.refresh_from_db()
        getattr(dossiers, action)(
            user=User.objects.get(username=username),
            dossier=dossier,
            expected_version=dossier.version,
            **fields,
        )
    assert not PersonalDocument.objects.filter(owner=owner, file=result).exists()

    dossier.refresh_from_db()
    dossiers.return_result(
        user=User.objects.get(username="motcua.anhoa"),
        dossier=dossier,
        expected_version=dossier.version,
    )
    kept = PersonalDocument.objects.get(owner=owner, file=result)
    assert kept.kind == DocumentKind.RESULT
    assert kept.title == "Kết quả: " + dossier.procedure_version.name
    assert kept.issuer == dossier.competent_agency.name
    assert kept.issued_on is not None
    assert kept.number  # the birth register's number

    # Offered in her next filing although an officer uploaded it.
    base = start(binh)
    page = binh.get(base + "giay-to/").content.decode()
    assert f'value="{kept.pk}"' in page
    identity = _identity_component()
    response = binh.post(base + "giay-to/", {f"store-{identity.pk}": str(kept.pk)})
    assert response.status_code == 302
    assert _draft(base).files[str(identity.pk)] == [str(result.pk)]
