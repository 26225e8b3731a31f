"""Kho dữ liệu: Trần Thị Bình's store page (her identity, her digitised papers with what they are,
her dossiers), adding a document with its description, downloading, removing after a
confirmation — signed-in only, and nobody else's documents."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.documents.models import DocumentKind, PersonalDocument, StoredFile
from motcua.documents.services import add_upload
from motcua.dossiers.models import Dossier
from tests.documents.files import pdf_bytes, png_bytes, private_root
from tests.portal.browser import Auditor, signed_in_page

pytestmark = pytest.mark.django_db

__all__ = ["private_root"]  # the fixture: stored files go to this test's directory

BINH, HUNG = "099190001234", "099085004321"
NOBODY = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def binh(private_root, demo_province, client):
    client.force_login(User.objects.get(username=BINH))
    return client


def _card() -> PersonalDocument:
    return PersonalDocument.objects.get(owner__username=BINH, title="Căn cước công dân")


def _his() -> PersonalDocument:
    return add_upload(
        owner=User.objects.get(username=HUNG),
        uploaded_file=SimpleUploadedFile("cccd-hung.pdf", pdf_bytes()),
        title="Căn cước công dân của ông Hùng",
    )


def test_signing_in_is_needed(client, db):
    for path in ["/kho-du-lieu/", "/kho-du-lieu/them/", f"/kho-du-lieu/{NOBODY}/tai-ve/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/dang-nhap/"), path


def test_the_store_page_shows_her_identity_papers_and_dossiers(binh, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        page = binh.get("/kho-du-lieu/").content.decode()
    assert "Thông tin định danh" in page
    assert "Trần Thị Bình" in page
    assert "099190001234" in page
    assert "Chưa xác thực" in page
    assert page.index("Giấy tờ đã số hóa (1)") < page.index("Căn cước công dân")
    for shown in ["15/04/2021", "14/05/2030", "Cục Cảnh sát quản lý hành chính về trật tự xã hội"]:
        assert shown in page
    assert "Bản sao điện tử có chứng thực (1)" in page
    assert "Kết quả giải quyết thủ tục (1)" in page  # her returned birth registration's
    assert f'href="/kho-du-lieu/{_card().pk}/tai-ve/"' in page
    assert f'href="/kho-du-lieu/{_card().pk}/xoa/"' in page
    assert 'href="/kho-du-lieu/" aria-current="page"' in page
    for dossier in Dossier.objects.filter(owner__username=BINH)[:20]:
        assert f'href="/ho-so-cua-toi/{dossier.key}/"' in page
    for dossier in Dossier.objects.filter(owner__username=HUNG):
        assert dossier.key not in page


def test_a_session_signed_in_with_vneid_says_so(binh):
    session = binh.session
    session["identity_vneid"] = True
    session.save()
    assert "Đã xác thực" in binh.get("/kho-du-lieu/").content.decode()


def test_she_adds_a_document_with_its_description(binh):
    assert binh.get("/kho-du-lieu/them/").status_code == 200
    response = binh.post(
        "/kho-du-lieu/them/",
        {
            "title": "Giấy chứng nhận quyền sử dụng đất",
            "file": SimpleUploadedFile("so-do.png", png_bytes()),
            "number": "CS 01234",
            "issued_on": "20/03/2019",
            "issuer": "Sở Tài nguyên và Môi trường tỉnh An Hòa",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/kho-du-lieu/"
    document = PersonalDocument.objects.get(title="Giấy chứng nhận quyền sử dụng đất")
    assert document.owner.username == BINH
    assert document.kind == DocumentKind.UPLOADED
    assert (document.number, document.issued_on.isoformat()) == ("CS 01234", "2019-03-20")
    assert document.file.content_type == "image/png"
    page = binh.get("/kho-du-lieu/").content.decode()
    assert "Đã lưu «Giấy chứng nhận quyền sử dụng đất» vào kho dữ liệu" in page
    assert "Sở Tài nguyên và Môi trường tỉnh An Hòa" in page


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        (
            {"file": SimpleUploadedFile("don.pdf", b"PK\x03\x04 word")},
            "Chỉ nhận tệp PDF, JPEG hoặc PNG",
            "id_file",
        ),
        ({"title": ""}, "Nhập tên giấy tờ, ví dụ: Căn cước công dân.", "id_title"),
        ({"issued_on": "31/02/2020"}, "Nhập ngày theo dạng ngày/tháng/năm.", "id_issued_on"),
        (
            {"issued_on": "2021-04-15", "valid_until": "2020-01-01"},
            "Ngày hết giá trị phải từ ngày cấp trở về sau.",
            "id_valid_until",
        ),
        ({"file": ""}, "Chọn tệp giấy tờ cần lưu.", "id_file"),
    ],
)
def test_a_mistake_is_shown_beside_its_field_and_nothing_typed_is_lost(
    binh, changes, message, field
):
    data = {
        "title": "Hộ chiếu",
        "file": SimpleUploadedFile("ho-chieu.pdf", pdf_bytes()),
        "number": "C1234567",
        "issuer": "Cục Quản lý xuất nhập cảnh",
        **changes,
    }
    files_before = StoredFile.objects.count()
    response = binh.post("/kho-du-lieu/them/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#{field}"' in page  # the error summary leads to the field
    assert f'id="{field}-error"' in page
    assert 'value="C1234567"' in page
    assert 'value="Cục Quản lý xuất nhập cảnh"' in page
    assert StoredFile.objects.count() == files_before
    assert not PersonalDocument.objects.filter(number="C1234567").exists()


def test_a_file_over_the_limit_is_refused_in_vietnamese(binh, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = {**settings.MOTCUA_UPLOAD_MAX_BYTES, "application/pdf": 100}
    response = binh.post(
        "/kho-du-lieu/them/",
        {"title": "Hộ chiếu", "file": SimpleUploadedFile("ho-chieu.pdf", pdf_bytes())},
    )
    assert response.status_code == 400
    assert "Tệp PDF chỉ được lớn tối đa" in response.content.decode()


def test_she_downloads_her_document_and_nobody_else_can(binh, client):
    card = _card()
    response = binh.get(f"/kho-du-lieu/{card.pk}/tai-ve/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "can-cuoc-cong-dan.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"

    his = _his()
    assert binh.get(f"/kho-du-lieu/{his.pk}/tai-ve/").status_code == 404
    assert binh.get(f"/kho-du-lieu/{NOBODY}/tai-ve/").status_code == 404


def test_removing_asks_first_then_keeps_the_file_for_her_dossiers(binh):
    card = _card()
    url = f"/kho-du-lieu/{card.pk}/xoa/"
    confirm = binh.get(url)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Xóa giấy tờ khỏi kho dữ liệu?" in page
    assert "Căn cước công dân" in page
    assert "Không xóa, quay lại" in page
    assert PersonalDocument.objects.filter(pk=card.pk).exists()

    done = binh.post(url)
    assert done.status_code == 302
    assert not PersonalDocument.objects.filter(pk=card.pk).exists()
    stored = StoredFile.objects.get(pk=card.file_id)
    assert stored.file.storage.exists(stored.file.name)
    page = binh.get("/kho-du-lieu/").content.decode()
    assert "Đã xóa «Căn cước công dân» khỏi kho dữ liệu" in page
    assert binh.get(url).status_code == 404


def test_nobody_removes_anothers_document(binh):
    his = _his()
    assert binh.get(f"/kho-du-lieu/{his.pk}/xoa/").status_code == 404
    assert binh.post(f"/kho-du-lieu/{his.pk}/xoa/").status_code == 404
    assert PersonalDocument.objects.filter(pk=his.pk).exists()


def test_the_navigation_leads_to_the_store(binh):
    assert 'href="/kho-du-lieu/">Kho dữ liệu</a>' in binh.get("/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_store_pages_work_and_pass_axe(
    live_server, chromium, private_root, demo_province
):
    page = signed_in_page(chromium, live_server, BINH, javascript=False)
    auditor = Auditor(chromium, live_server)
    violations = auditor.violations

    def check(name: str) -> None:
        auditor.check(name, page)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Kho dữ liệu").click()
    expect(page.get_by_role("heading", name="Thông tin định danh")).to_be_visible()
    check("store")

    page.get_by_role("link", name="Thêm giấy tờ vào kho").click()
    page.get_by_label("Tên giấy tờ").fill("Hộ chiếu")
    page.get_by_label("Tệp giấy tờ").set_input_files(
        {"name": "ho-chieu.pdf", "mimeType": "application/pdf", "buffer": b"chi la chu"}
    )
    page.get_by_role("button", name="Lưu vào kho").click()
    expect(page.get_by_role("alert").get_by_text("Chỉ nhận tệp PDF, JPEG hoặc PNG")).to_be_visible()
    assert page.get_by_label("Tên giấy tờ").input_value() == "Hộ chiếu"
    check("add with errors")
    page.get_by_label("Tệp giấy tờ").set_input_files(
        {"name": "ho-chieu.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Lưu vào kho").click()
    expect(page.get_by_text("Đã lưu «Hộ chiếu» vào kho dữ liệu")).to_be_visible()

    page.get_by_role("link", name="Xóa khỏi kho Hộ chiếu").click()
    check("remove")
    page.get_by_role("button", name="Xóa khỏi kho").click()
    expect(page.get_by_text("Đã xóa «Hộ chiếu» khỏi kho dữ liệu")).to_be_visible()

    page.goto(live_server.url + "/nop-ho-so/1.001193/")
    page.get_by_label("UBND Phường An Hòa", exact=True).check()
    page.get_by_role("button", name="Tiếp tục").click()
    draft = page.url.rstrip("/").rsplit("/", 1)[0]
    page.goto(draft + "/giay-to/")
    check("components with the store")
    identity = page.get_by_role("group", name=re.compile("^Giấy tờ tùy thân"))
    identity.get_by_label("Dùng giấy tờ này từ kho dữ liệu: Căn cước công dân").check()
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("button", name="Gỡ bỏ can-cuoc-cong-dan.pdf")).to_be_visible()
    check("components with one from the store")
    page.context.close()
    auditor.page.context.close()
    assert violations == {}
