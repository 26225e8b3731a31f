"""Walking the filing wizard with the test client: the demo's birth registration (1.001193) by
Trần Thị Bình at Phường An Hòa."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import current_version
from motcua.core import clock
from tests.documents.files import pdf_bytes, png_bytes

BIRTH = "1.001193"
AN_HOA = "000.00.31.H99"
BINH = "099190001234"
HUNG = "099085004321"


def start(client, code: str = BIRTH) -> str:
    """Start (or resume) a draft; its URL prefix /nop-ho-so/ban-nhap/<id>/."""
    response = client.get(f"/nop-ho-so/{code}/")
    assert response.status_code == 302, response
    return response["Location"].rsplit("/", 2)[0] + "/"


def components(code: str = BIRTH) -> list:
    return list(current_version(Procedure.objects.get(code=code)).components.all())


def form_data(**changes) -> dict:
    data = {
        "quan_he_voi_tre": "Mẹ",
        "ho_ten_tre": "Nguyễn Trần An Nhiên",
        "ngay_sinh": (clock.today() - timedelta(days=10)).isoformat(),
        "gioi_tinh": "Nữ",
        "noi_sinh": "Bệnh viện Đa khoa tỉnh An Hòa",
        "so_dinh_danh_nguoi_yeu_cau": BINH,
        "so_dien_thoai": "0912345678",
        "so_ban_sao": "2",
    }
    return {**data, **changes, "action": "next"}


def applicant_data(**changes) -> dict:
    data = {
        "for_whom": "self",
        "name": "Trần Thị Bình",
        "id_number": BINH,
        "phone": "0912345678",
        "email": "binh.tran@example.com",
        "address": "Số 12 đường Lê Lợi, phường An Hòa, tỉnh An Hòa",
    }
    return {**data, **changes, "action": "next"}


def pdf(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def png(name: str = "giay-chung-sinh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def fill_up_to_review(client, base: str) -> None:
    """Every step filled correctly, ending on the review page."""
    declaration, birth_certificate = components()[:2]
    steps = [
        ("noi-nop", {"agency": AN_HOA, "action": "next"}),
        ("nguoi-nop", applicant_data()),
        ("to-khai", form_data()),
        (
            "giay-to",
            {
                f"file-{declaration.pk}": pdf(),
                f"file-{birth_certificate.pk}": png(),
                "action": "next",
            },
        ),
        ("nhan-ket-qua", {"method": "desk", "action": "next"}),
    ]
    for step, data in steps:
        response = client.post(base + step + "/", data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
