"""Official papers as PDF: A4, Vietnamese text intact and in the bundled font (checked with
poppler's `pdftotext`, `pdffonts`, `pdfinfo`, as a reader's PDF viewer would see them); templates
that cannot reach files, the web or anything but the data they are given."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.documents.pdf import render_html, render_pdf
from tests.documents.pdftools import poppler, words

TEMPLATE = """
<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
<p>Bộ phận Một cửa {{ desk }} đã tiếp nhận hồ sơ của Ông/Bà <strong>{{ name }}</strong>.</p>
<p><em>Ngày hẹn trả kết quả: {{ due }}</em></p>
"""


def test_a_vietnamese_page_keeps_its_diacritics_in_the_bundled_font_on_a4(tmp_path):
    html = render_html(
        TEMPLATE, {"desk": "phường An Hòa", "name": "Trần Thị Bình", "due": "14:00 03/12/2026"}
    )
    pdf = render_pdf(html)
    text = words(pdf, tmp_path)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Ông/Bà Trần Thị Bình" in text
    assert "phường An Hòa" in text
    fonts = [line.split()[0] for line in poppler("pdffonts", pdf, tmp_path).splitlines()[2:]]
    # Regular, bold and italic, all of the bundled family, embedded as subsets ("ABCDEF+").
    assert {name.split("+", 1)[1] for name in fonts} == {
        "Noto-Serif",
        "Noto-Serif-Bold",
        "Noto-Serif-Italic",
    }
    assert "pts (A4)" in poppler("pdfinfo", pdf, tmp_path)  # 595 x 842 pt


def test_the_data_is_escaped_not_obeyed(tmp_path):
    html = render_html("<p>{{ name }}</p>", {"name": "<b>Bình</b> & <script>x()</script>"})
    assert "&lt;b&gt;Bình&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<b>Bình</b> & <script>x()</script>" in words(render_pdf(html), tmp_path)


def test_a_page_reaches_no_file_and_no_web_address(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "LỘ-BÍ-MẬT"; }', encoding="utf-8")
    html = (
        f'<link rel="stylesheet" href="file://{secret}">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        f'<img src="file://{secret}"><p>Nội dung</p>'
    )
    text = words(render_pdf(html), tmp_path)
    assert "Nội dung" in text
    assert "LỘ-BÍ-MẬT" not in text


@pytest.mark.parametrize(
    "template",
    [
        "{% if %}",  # a syntax error
        '{% include "/etc/passwd" %}',  # no loader: no file is reachable
        "{% load static %}",  # no tag library beyond the built-in ones
        '{% extends "base.html" %}',
    ],
)
def test_a_template_that_cannot_render_is_refused_with_the_reason(template):
    with pytest.raises(ValidationFailed) as refused:
        render_html(template, {})
    assert refused.value.code == "template_error"
    assert refused.value.message.startswith("Mẫu văn bản có lỗi")
