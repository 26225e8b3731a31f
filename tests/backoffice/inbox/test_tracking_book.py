"""The tracking book (Mẫu 07) page: a unit's dossiers for a period on the page, as the A4 PDF
and as an Excel file; only units the officer works in can be chosen."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.documents.pdftools import words
from tests.dossiers.helpers import applicant, walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("morning")]

BOOK = "/can-bo/so-theo-doi/"


def _query(world, **extra) -> dict:
    return {
        "don_vi": world.tree.commune_a.code,
        "tu_ngay": "2026-01-01",
        "den_ngay": "2026-01-31",
        **extra,
    }


def test_the_book_lists_the_units_dossiers_on_the_page_in_pdf_and_in_excel(
    world, officer, tmp_path
):
    first = walk_in(world, applicant=applicant(name="Lê Văn Một"))
    second = walk_in(world, applicant=applicant(name="Phạm Thị Hai"))
    client = officer(world.counter_a)

    page = client.get(BOOK, _query(world))
    assert page.status_code == 200
    html = page.content.decode()
    assert first.code in html
    assert "Phạm Thị Hai" in html
    assert "2 hồ sơ" in html

    pdf = client.get(BOOK, _query(world, dinh_dang="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = words(pdf.content, tmp_path)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert first.code in text
    assert second.code in text

    sheet = client.get(BOOK, _query(world, dinh_dang="xlsx"))
    assert sheet["Content-Disposition"].endswith('.xlsx"')
    cells = [
        str(cell)
        for row in load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert first.code in cells
    assert second.code in cells


def test_only_the_officers_units_and_a_sensible_period_are_accepted(world, officer):
    walk_in(world)
    other = officer(world.counter_b)
    refused = other.get(BOOK, _query(world))
    assert refused.status_code == 200
    assert world.tree.commune_a.code not in refused.context["form"].fields[
        "don_vi"
    ].queryset.values_list("code", flat=True)
    assert refused.context["rows"] is None
    assert "don_vi" in refused.context["form"].errors

    backwards = officer(world.counter_a).get(
        BOOK, _query(world, tu_ngay="2026-02-01", den_ngay="2026-01-01")
    )
    assert backwards.context["form"].errors["den_ngay"] == [
        "Ngày kết thúc phải từ ngày bắt đầu trở đi."
    ]
