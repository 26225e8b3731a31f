"""The online filing wizard with the test client, on the demo province: Trần Thị Bình files a
birth registration at Phường An Hòa, and the ways it can go wrong."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.filing.models import Draft
from tests.filing.wizard import (
    AN_HOA,
    BINH,
    HUNG,
    applicant_data,
    components,
    fill_up_to_review,
    form_data,
    pdf,
    png,
    start,
)

pytestmark = pytest.mark.django_db

STEPS = ["noi-nop", "nguoi-nop", "to-khai", "giay-to", "nhan-ket-qua", "xem-lai"]


@pytest.fixture
def binh(demo_province, private_root, client):
    client.force_login(User.objects.get(username=BINH))
    return client


def _draft(base: str) -> Draft:
    return Draft.objects.get(pk=base.rstrip("/").rsplit("/", 1)[1])


def _text(response) -> str:
    return response.content.decode()


def test_binh_files_a_birth_registration_with_a_pdf_and_a_png(binh):
    before = set(Dossier.objects.values_list("pk", flat=True))
    base = start(binh)
    for number, step in enumerate(STEPS, start=1):
        page = binh.get(base + step + "/")
        assert page.status_code == 200, step
        assert f"Bước {number}/6" in _text(page)
    applicant = _text(binh.get(base + "nguoi-nop/"))
    assert 'value="Trần Thị Bình"' in applicant
    assert f'value="{BINH}"' in applicant
    assert 'value="0912345678"' in applicant

    fill_up_to_review(binh, base)
    review = _text(binh.get(base + "xem-lai/"))
    for shown in ["Phường An Hòa", "Nguyễn Trần An Nhiên", "to-khai.pdf", "giay-chung-sinh.png"]:
        assert shown in review
    assert review.count(">Sửa<") == 5
    born = clock.today() - timedelta(days=10)
    assert born.strftime("%d/%m/%Y") in review  # dates read day first
    assert born.isoformat() not in review

    response = binh.post(base + "xem-lai/", {"action": "submit"})
    assert response.status_code == 302
    assert re.fullmatch(r"/nop-ho-so/da-nop/TMP-[\w-]+/", response["Location"])
    confirmation = _text(binh.get(response["Location"]))

    (dossier,) = Dossier.objects.exclude(pk__in=before)
    assert dossier.reference in confirmation
    assert "Bộ phận Một cửa của" in confirmation
    assert dossier.status == "submitted"
    assert dossier.owner.username == BINH
    assert dossier.receiving_agency.code == AN_HOA
    assert dossier.channel == "online"
    assert dossier.applicant_name == "Trần Thị Bình"
    assert dossier.form_data["ho_ten_tre"] == "Nguyễn Trần An Nhiên"
    assert not dossier.on_behalf
    assert not dossier.vneid_authenticated
    declaration, birth_certificate = components()[:2]
    files = {
        line.component_id: [f.original_name for f in line.files.all()]
        for line in dossier.components.all()
    }
    assert files == {declaration.pk: ["to-khai.pdf"], birth_certificate.pk: ["giay-chung-sinh.png"]}
    # The draft keeps nothing but the dossier it became, and is no longer listed.
    draft = _draft(base)
    assert (draft.dossier_id, draft.data, draft.files) == (dossier.pk, {}, {})
    assert "Đăng ký khai sinh" not in _text(binh.get("/nop-ho-so/ban-nhap/"))
    # Its pages now lead to the confirmation.
    assert binh.get(base + "to-khai/")["Location"] == response["Location"]


def test_a_session_signed_in_with_vneid_marks_the_dossier(binh):
    session = binh.session
    session["identity_vneid"] = True
    session.save()
    base = start(binh)
    fill_up_to_review(binh, base)
    binh.post(base + "xem-lai/", {"action": "submit"})
    assert _draft(base).dossier.vneid_authenticated


def test_errors_on_the_form_keep_what_was_typed_and_point_at_each_field(binh):
    base = start(binh)
    data = form_data(ngay_sinh="31/02/2026", gioi_tinh="", ho_ten_tre="Nguyễn Trần An Nhiên")
    response = binh.post(base + "to-khai/", data)

    assert response.status_code == 400
    page = _text(response)
    assert 'value="Nguyễn Trần An Nhiên"' in page
    assert 'value="31/02/2026"' in page
    assert '<a href="#id_ngay_sinh">' in page
    assert '<a href="#id_gioi_tinh">' in page
    assert "theo dạng năm-tháng-ngày, ví dụ 2024-05-31" in page
    assert "Vui lòng chọn Giới tính." in page
    assert 'aria-describedby=" id_ngay_sinh-error" aria-invalid="true"' in page
    assert _draft(base).data["to-khai"]["ho_ten_tre"] == "Nguyễn Trần An Nhiên"
    # Coming back later shows the same values and errors.
    again = _text(binh.get(base + "to-khai/"))
    assert 'value="31/02/2026"' in again
    assert "theo dạng năm-tháng-ngày" in again


def test_errors_on_the_applicant_keep_what_was_typed(binh):
    base = start(binh)
    response = binh.post(base + "nguoi-nop/", applicant_data(id_number="12345", name="Trần Bình"))
    assert response.status_code == 400
    page = _text(response)
    assert "Nhập số định danh cá nhân gồm 12 chữ số." in page
    assert 'value="Trần Bình"' in page
    assert '<a href="#id_id_number">' in page


def test_a_text_file_named_pdf_is_refused_and_earlier_files_stay(binh):
    base = start(binh)
    declaration = components()[0]
    slot = f"file-{declaration.pk}"
    assert binh.post(base + "giay-to/", {slot: pdf(), "action": "upload"}).status_code == 302

    text = "Đây chỉ là văn bản, không phải PDF".encode()
    fake = SimpleUploadedFile("don.pdf", text, content_type="application/pdf")
    response = binh.post(base + "giay-to/", {slot: fake, "action": "upload"})

    assert response.status_code == 400
    page = _text(response)
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in page
    assert f'<a href="#{slot}">' in page
    assert "to-khai.pdf" in page
    assert len(_draft(base).files[str(declaration.pk)]) == 1


def test_required_components_need_a_file_and_a_file_can_be_removed(binh):
    base = start(binh)
    declaration = components()[0]
    binh.post(base + "giay-to/", {f"file-{declaration.pk}": pdf(), "action": "upload"})
    response = binh.post(base + "giay-to/", {"action": "next"})
    assert response.status_code == 400
    assert "Đính kèm ít nhất một tệp cho giấy tờ: Giấy chứng sinh" in _text(response)

    (file_id,) = _draft(base).files[str(declaration.pk)]
    response = binh.post(base + "giay-to/", {"remove": f"{declaration.pk}:{file_id}"})
    assert response.status_code == 302
    assert _draft(base).files[str(declaration.pk)] == []


def test_back_saves_without_checking_and_shows_what_was_typed(binh):
    base = start(binh)
    binh.post(base + "noi-nop/", {"agency": AN_HOA, "action": "next"})
    binh.post(base + "nguoi-nop/", applicant_data())
    response = binh.post(
        base + "to-khai/", {"ho_ten_tre": "Nguyễn Trần An", "ngay_sinh": "sai", "action": "back"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/nguoi-nop/")
    assert 'value="Nguyễn Trần An"' in _text(binh.get(base + "to-khai/"))
    assert "checked" in _text(binh.get(base + "noi-nop/"))
    # The first step's Back leads to the procedure page.
    assert 'href="/thu-tuc/1.001193/"' in _text(binh.get(base + "noi-nop/"))


def test_a_draft_is_resumed_listed_and_deleted(binh):
    base = start(binh)
    binh.post(base + "noi-nop/", {"agency": AN_HOA, "action": "next"})

    response = binh.get("/nop-ho-so/1.001193/")
    assert response["Location"] == base + "nguoi-nop/"
    listing = _text(binh.get("/nop-ho-so/ban-nhap/"))
    assert "Đăng ký khai sinh" in listing
    assert f'href="{base}nguoi-nop/"' in listing

    assert binh.get(base + "xoa/").status_code == 200
    assert binh.post(base + "xoa/")["Location"] == "/nop-ho-so/ban-nhap/"
    assert not Draft.objects.filter(pk=_draft_id(base)).exists()


def _draft_id(base: str) -> str:
    return base.rstrip("/").rsplit("/", 1)[1]


def test_another_person_cannot_open_a_draft(binh, client):
    base = start(binh)
    client.force_login(User.objects.get(username=HUNG))
    assert client.get(base + "noi-nop/").status_code == 404
    assert client.post(base + "noi-nop/", {"agency": AN_HOA}).status_code == 404
    assert client.post(base + "xoa/").status_code == 404
    assert Draft.objects.filter(pk=_draft_id(base)).exists()


def test_submitting_twice_files_one_dossier(binh):
    base = start(binh)
    fill_up_to_review(binh, base)
    count = Dossier.objects.count()
    first = binh.post(base + "xem-lai/", {"action": "submit"})
    second = binh.post(base + "xem-lai/", {"action": "submit"})
    assert first["Location"] == second["Location"]
    assert Dossier.objects.count() == count + 1


def test_filing_for_someone_else_needs_the_authorisation(binh):
    base = start(binh)
    binh.post(base + "noi-nop/", {"agency": AN_HOA, "action": "next"})
    own = binh.post(base + "nguoi-nop/", applicant_data(for_whom="other"))
    assert own.status_code == 400
    assert "nhập số định danh của người được nộp thay" in _text(own)
    other = applicant_data(for_whom="other", name="Nguyễn Văn Nam", id_number="099080001111")
    assert binh.post(base + "nguoi-nop/", other).status_code == 302
    binh.post(base + "to-khai/", form_data(quan_he_voi_tre="Người được ủy quyền"))
    declaration, birth_certificate = components()[:2]
    files = {f"file-{declaration.pk}": pdf(), f"file-{birth_certificate.pk}": png()}
    response = binh.post(base + "giay-to/", {**files, "action": "next"})
    assert response.status_code == 400
    assert "Văn bản ủy quyền" in _text(response)

    binh.post(base + "giay-to/", {"file-authorisation": pdf("uy-quyen.pdf"), "action": "next"})
    binh.post(base + "nhan-ket-qua/", {"method": "online", "action": "next"})
    assert binh.post(base + "xem-lai/", {"action": "submit"}).status_code == 302

    dossier = _draft(base).dossier
    assert dossier.on_behalf
    assert dossier.applicant_name == "Nguyễn Văn Nam"
    assert dossier.owner.username == BINH
    authorisation = dossier.components.get(component=None)
    assert [f.original_name for f in authorisation.files.all()] == ["uy-quyen.pdf"]


def test_post_delivery_needs_an_address(binh):
    base = start(binh)
    response = binh.post(base + "nhan-ket-qua/", {"method": "post", "action": "next"})
    assert response.status_code == 400
    assert "Nhập địa chỉ nhận kết quả qua bưu chính." in _text(response)
    assert 'value="post" checked' in _text(response)


def test_the_review_lists_what_is_missing_and_refuses_to_submit(binh):
    base = start(binh)
    page = _text(binh.get(base + "xem-lai/"))
    assert "Chọn nơi nộp hồ sơ." in page
    assert f'href="{base}giay-to/"' in page
    count = Dossier.objects.count()
    assert binh.post(base + "xem-lai/", {"action": "submit"}).status_code == 400
    assert Dossier.objects.count() == count


def test_a_procedure_not_online_is_refused_clearly(binh):
    response = binh.get("/nop-ho-so/2.000815/")
    assert response.status_code == 409
    assert "chưa được cung cấp trực tuyến" in _text(response)
    assert not Draft.objects.exists()


def test_an_unknown_procedure_is_404(binh):
    assert binh.get("/nop-ho-so/9.999999/").status_code == 404


@pytest.mark.parametrize("username", ["motcua.anhoa", "admin"])
def test_officers_are_refused(demo_province, client, username):
    client.force_login(User.objects.get(username=username))
    response = client.get("/nop-ho-so/1.001193/")
    assert response.status_code == 403
    assert "Không nộp trực tuyến bằng tài khoản cán bộ" in _text(response)
    assert client.get("/nop-ho-so/ban-nhap/").status_code == 403
    assert not Draft.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(demo_province, client):
    response = client.get("/nop-ho-so/1.001193/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/nop-ho-so/1.001193/"


def test_the_review_page_runs_a_fixed_number_of_queries(binh, django_assert_max_num_queries):
    base = start(binh)
    fill_up_to_review(binh, base)
    binh.post(base + "giay-to/", {f"file-{components()[0].pk}": pdf("trang-2.pdf")})
    with django_assert_max_num_queries(16):
        assert binh.get(base + "xem-lai/").status_code == 200
