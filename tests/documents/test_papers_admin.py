"""The system administrator edits the papers' templates in the admin: a new one starts from the
bundled template, a bad one is refused with the reason and changes nothing, and the live preview
answers the PDF of what was typed (or the error), framed by the admin's own pages only."""

import re

from motcua.documents import papers
from motcua.documents.models import PaperTemplate
from tests.documents.pdftools import words

ADMIN = "/admin/documents/papertemplate/"


def test_a_bad_template_is_refused_with_the_error_and_the_stored_one_is_unchanged(
    admin_client, admin_user
):
    stored = papers.save_paper_template(
        user=admin_user, kind="03", body="<h1>Phiếu từ chối</h1><p>{{ refusal.reason }}</p>"
    )
    answer = admin_client.post(
        f"{ADMIN}{stored.pk}/change/", {"body": "<p>{% for x in %}</p>", "_save": "Lưu"}
    )
    assert answer.status_code == 200
    assert "Mẫu văn bản có lỗi" in answer.content.decode()
    stored.refresh_from_db()
    assert stored.body == "<h1>Phiếu từ chối</h1><p>{{ refusal.reason }}</p>"


def test_a_new_template_starts_from_the_bundled_one_and_is_saved_when_it_renders(
    admin_client, admin_user
):
    page = admin_client.get(f"{ADMIN}add/?kind=04").content.decode()
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in page
    assert 'hx-post="/admin/documents/papertemplate/xem-truoc/"' in page
    listing = admin_client.get(ADMIN).content.decode()
    assert f"{ADMIN}add/?kind=04" in listing
    body = "<h1>Xin lỗi</h1><p>Kính gửi: Ông/Bà {{ applicant.name }}</p>"
    answer = admin_client.post(f"{ADMIN}add/", {"kind": "04", "body": body, "_save": "Lưu"})
    assert answer.status_code == 302
    saved = PaperTemplate.objects.get(kind="04")
    assert (saved.body, saved.updated_by) == (body, admin_user)
    assert papers.template_text("04") == body


def test_the_preview_serves_the_pdf_of_the_typed_body_framed_by_the_admin_only(
    admin_client, tmp_path
):
    body = "<h1>BẢN THỬ</h1><p>Người nộp: {{ applicant.name }}</p>"
    fragment = admin_client.post(f"{ADMIN}xem-truoc/", {"kind": "02", "body": body})
    src = re.search(r'<iframe id="xem-truoc-pdf" src="([^"]+)"', fragment.content.decode())
    assert src is not None
    preview = admin_client.get(src.group(1).replace("&amp;", "&"))
    assert preview["Content-Type"] == "application/pdf"
    assert words(preview.content, tmp_path) == "BẢN THỬ Người nộp: Trần Thị Bình"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    # Nothing was saved: the preview is of the typed text only.
    assert not PaperTemplate.objects.exists()


def test_a_preview_of_a_bad_template_shows_the_error_instead(admin_client):
    fragment = admin_client.post(f"{ADMIN}xem-truoc/", {"kind": "02", "body": "{% if %}"})
    text = fragment.content.decode()
    assert fragment.status_code == 200
    assert '<p class="errornote">Mẫu văn bản có lỗi' in text
    assert "<iframe" not in text


def test_the_change_page_previews_its_own_kind_and_deleting_brings_back_the_bundled_one(
    admin_client, admin_user
):
    stored = papers.save_paper_template(user=admin_user, kind="05", body="<p>{{ stop.reason }}</p>")
    page = admin_client.get(f"{ADMIN}{stored.pk}/change/").content.decode()
    assert 'hx-vals="{&quot;kind&quot;: &quot;05&quot;}"' in page
    answer = admin_client.post(f"{ADMIN}{stored.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert papers.template_text("05") == papers.bundled_template("05")
