"""Blank forms (mẫu đơn, tờ khai): kept by name with their type checked by their bytes, linked
from every procedure page whose components name them, downloaded by anyone."""

import io
import zipfile

import pytest

from motcua.catalog.models import FormTemplate
from motcua.catalog.services import keep_form_template
from motcua.core.errors import ValidationFailed
from motcua.demo.form_templates import BIRTH_DECLARATION
from tests.documents.files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def test_a_renamed_photo_is_refused_with_the_reason(private_root):
    with pytest.raises(ValidationFailed) as refused:
        keep_form_template(name="Tờ khai", filename="to-khai.pdf", content=png_bytes())
    assert refused.value.fields["file"] == ["Nội dung tệp không khớp với đuôi .pdf."]
    with pytest.raises(ValidationFailed) as refused:
        keep_form_template(name="Tờ khai", filename="to-khai.exe", content=b"MZ")
    assert "Loại tệp không được nhận" in refused.value.fields["file"][0]
    assert not FormTemplate.objects.exists()


def test_a_new_file_replaces_the_old_one_under_the_same_name(private_root):
    first = keep_form_template(name="Tờ khai", filename="a.pdf", content=pdf_bytes())
    old_path = first.file.name
    second = keep_form_template(name=" Tờ khai ", filename="b.pdf", content=pdf_bytes("Mau moi"))
    assert second.pk == first.pk
    assert second.original_name == "b.pdf"
    assert not second.file.storage.exists(old_path)
    assert FormTemplate.objects.count() == 1


def test_the_procedure_page_offers_the_demo_declaration_and_it_downloads_as_word(
    client, demo_province, private_root
):
    page = client.get("/thu-tuc/1.001193/").content.decode()
    template = FormTemplate.objects.get(name=BIRTH_DECLARATION)
    assert f'href="/mau-don/{template.pk}/"' in page
    assert f"Tải mẫu: {BIRTH_DECLARATION}" in page
    assert "(DOCX," in page

    response = client.get(f"/mau-don/{template.pk}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "to-khai-dang-ky-khai-sinh.docx" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        document = package.read("word/document.xml").decode()
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in document
    assert "Họ, chữ đệm, tên người yêu cầu" in document


def test_an_unknown_form_is_not_found(client, db):
    assert client.get("/mau-don/999999/").status_code == 404


def test_an_administrator_uploads_a_form_in_the_admin_and_a_wrong_file_is_refused(
    admin_client, private_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = admin_client.post(
        "/admin/catalog/formtemplate/add/",
        {"name": "Tờ khai đăng ký kết hôn", "upload": SimpleUploadedFile("tk.docx", png_bytes())},
    )
    assert refused.status_code == 200
    assert "Nội dung tệp không khớp với đuôi .docx." in refused.content.decode()
    assert not FormTemplate.objects.exists()

    added = admin_client.post(
        "/admin/catalog/formtemplate/add/",
        {"name": "Tờ khai đăng ký kết hôn", "upload": SimpleUploadedFile("tk.pdf", pdf_bytes())},
    )
    assert added.status_code == 302
    template = FormTemplate.objects.get(name="Tờ khai đăng ký kết hôn")
    assert (template.original_name, template.content_type) == ("tk.pdf", "application/pdf")
    assert template.file.read() == pdf_bytes()

    twice = admin_client.post(
        "/admin/catalog/formtemplate/add/",
        {"name": "Tờ khai đăng ký kết hôn", "upload": SimpleUploadedFile("b.pdf", pdf_bytes())},
    )
    assert "Đã có mẫu với tên này" in twice.content.decode()
    replaced = admin_client.post(
        f"/admin/catalog/formtemplate/{template.pk}/change/",
        {"upload": SimpleUploadedFile("moi.pdf", pdf_bytes("Mau moi"))},
    )
    assert replaced.status_code == 302
    template.refresh_from_db()
    assert template.original_name == "moi.pdf"
    assert FormTemplate.objects.count() == 1
