"""The official papers' templates: every bundled form prints its sample in Vietnamese, in the
bundled font, with its signature area where the signer's stamp will go; an administrator's
template prints instead of the bundled one once saved, and one that does not render is refused
and leaves the stored one as it was."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.documents import papers
from motcua.documents.models import PaperTemplate
from tests.documents.pdftools import font_names, poppler, qr_texts, words

# Each kind's title as the decree's forms print it (our own copy, not read from src/).
TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "07": "SỔ THEO DÕI HỒ SƠ",
    "ket-qua": "TRÍCH LỤC KHAI SINH",
}
SIGNED = ["01", "02", "03", "04", "05", "ket-qua"]
MM = 72 / 25.4


@pytest.mark.parametrize("kind", list(TITLES))
def test_each_bundled_form_prints_its_sample_in_vietnamese_with_the_bundled_font(
    kind, tmp_path, db
):
    pdf = papers.render_paper(kind=kind, context=papers.sample_context(kind))
    text = words(pdf, tmp_path)
    assert TITLES[kind] in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    # Every face embedded is of the bundled family (regular, bold, italic, bold italic).
    fonts = font_names(pdf, tmp_path)
    assert "Noto-Serif" in fonts
    assert all(name.startswith("Noto-Serif") for name in fonts), fonts
    info = poppler("pdfinfo", pdf, tmp_path)
    assert "Pages:           1" in info
    # The tracking book is a landscape table; the other papers stand upright.
    assert ("841.89 x 595.276" if kind == "07" else "595.276 x 841.89") in info


@pytest.mark.parametrize(
    ("kind", "link", "page"),
    [("01", "tracking_url", "/tra-cuu/?ma="), ("ket-qua", "verify_url", "/verify/")],
)
def test_the_sample_receipt_and_result_carry_a_qr_code_to_their_page(
    kind, link, page, tmp_path, db
):
    context = papers.sample_context(kind)
    pdf = papers.render_paper(kind=kind, context=context)
    assert qr_texts(pdf, tmp_path) == [context[link]]
    assert page in context[link]


@pytest.mark.parametrize("kind", SIGNED)
def test_the_signature_area_is_found_in_pdf_points_on_its_page(kind, db):
    pdf, anchors = papers.render_paper_with_anchors(kind=kind, context=papers.sample_context(kind))
    page, (x1, y1, x2, y2) = anchors["chu-ky"]
    assert page == 0
    assert pdf.startswith(b"%PDF")
    assert x2 - x1 == pytest.approx(70 * MM, abs=0.5)
    height = {"01": 25, "ket-qua": 48}.get(kind, 35)  # the result's holds the whole stamp
    assert y2 - y1 == pytest.approx(height * MM, abs=0.5)
    # Inside the A4 page's margins, in its right half (under the signer's title).
    assert 595.276 / 2 < x2 <= 595.276 - 15 * MM + 0.5
    assert 20 * MM - 0.5 <= y1 < y2 <= 841.89 - 20 * MM


def test_an_administrators_template_prints_instead_of_the_bundled_one(db, admin_user, tmp_path):
    body = "<h1>GIẤY TỪ CHỐI</h1><p>Ông/Bà {{ applicant.name }}: {{ refusal.reason }}</p>"
    papers.save_paper_template(user=admin_user, kind="03", body=body)
    assert papers.template_text("03") == body
    assert papers.template_text("02") == papers.bundled_template("02")
    text = words(papers.render_paper(kind="03", context=papers.sample_context("03")), tmp_path)
    assert text.startswith("GIẤY TỪ CHỐI Ông/Bà Trần Thị Bình: Việc khai sinh")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{% if %}", "Mẫu văn bản có lỗi"),
        ("{% for x in %}{% endfor %}", "Mẫu văn bản có lỗi"),
        ("{{ applicant.name|khong_co_bo_loc }}", "khong_co_bo_loc"),
    ],
)
def test_a_template_that_does_not_render_is_refused_and_nothing_is_saved(
    db, admin_user, body, reason
):
    papers.save_paper_template(user=admin_user, kind="05", body="<p>{{ stop.reason }}</p>")
    with pytest.raises(ValidationFailed) as refused:
        papers.save_paper_template(user=admin_user, kind="05", body=body)
    assert refused.value.code == "template_error"
    assert reason in refused.value.message
    assert refused.value.fields["body"] == [refused.value.message]
    assert PaperTemplate.objects.get(kind="05").body == "<p>{{ stop.reason }}</p>"
