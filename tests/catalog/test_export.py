"""Export in the import format, JSON and Excel: what is exported imports back to the same thing."""

import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from openpyxl import load_workbook

from motcua.catalog.excel import WorkbookError, read_workbook, write_workbook
from motcua.catalog.exporter import export_catalogue
from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import Procedure
from tests.catalog.builders import birth_registration, document, imported, sample_catalogue
from tests.factories import province_tree

pytestmark = pytest.mark.django_db


def _export_of(data: dict) -> dict:
    """What `data` exports as once imported, leaving the database as it was."""
    with transaction.atomic():
        report = import_catalogue(data)
        assert report.ok, [str(r) for r in report.rejected]
        exported = export_catalogue()
        transaction.set_rollback(True)
    return exported


@pytest.fixture
def catalogue(today):
    tree = province_tree()
    birth = birth_registration(DonViThucHien=[tree.commune_b.code, tree.commune_a.code])
    others = [p for p in sample_catalogue()["procedures"] if p["MaTTHC"] != birth["MaTTHC"]]
    return {"procedures": [*others, birth]}


def test_the_export_writes_every_key_in_its_canonical_form(catalogue, today):
    exported = _export_of(document(birth_registration(CapThucHien=["commune", "province"])))
    (birth,) = exported["procedures"]
    assert birth["MaTTHC"] == "1.001193"
    assert birth["CapThucHien"] == ["province", "commune"]
    assert birth["ApDungTu"] == today.isoformat()
    assert birth["ThoiHanGiaiQuyet"] == {
        "SoLuong": 1,
        "DonVi": "day",
        "GioChot": "15:00",
        "MoTa": "01 ngày",
    }
    assert birth["PhiLePhi"][0] == {
        "Loai": "le_phi",
        "Ten": "Lệ phí đăng ký khai sinh",
        "MucThu": 0,
        "MucThuTrucTuyen": None,
        "TinhTheo": "ho_so",
        "TruongHop": "",
        "DoiTuongMienGiam": [],
        "GhiChu": "",
    }
    assert birth["TruongDuLieu"][1]["KiemTra"] == {"not_after_today": True}
    assert birth["DonViThucHien"] == []


@pytest.mark.sqlite_smoke
def test_json_round_trip(catalogue):
    exported = _export_of(catalogue)
    assert len(exported["procedures"]) == 44
    birth = next(p for p in exported["procedures"] if p["MaTTHC"] == "1.001193")
    assert birth["DonViThucHien"] == ["000.00.31.H99", "000.00.32.H99"]
    # Into an empty catalogue, then again into the one it came from.
    assert _export_of(json.loads(json.dumps(exported))) == exported
    imported(*catalogue["procedures"])
    assert len(import_catalogue(exported).unchanged) == 44


def test_excel_round_trip(catalogue):
    exported = _export_of(catalogue)
    stream = io.BytesIO()
    write_workbook(exported, stream)
    stream.seek(0)
    workbook = load_workbook(stream)
    assert workbook.sheetnames == ["ThuTuc", "PhiLePhi", "ThanhPhanHoSo", "TruongDuLieu"]
    headers = [cell.value for cell in workbook["ThuTuc"][1]]
    assert headers[:5] == ["MaTTHC", "TenTTHC", "TenGoiKhac", "LinhVuc.Ma", "LinhVuc.Ten"]
    assert "KiemTra.max_length" in [cell.value for cell in workbook["TruongDuLieu"][1]]
    stream.seek(0)
    assert _export_of(read_workbook(stream)) == exported


def test_a_workbook_of_the_wrong_shape_is_refused():
    stream = io.BytesIO()
    write_workbook({"procedures": []}, stream)
    stream.seek(0)
    workbook = load_workbook(stream)
    workbook["PhiLePhi"].append(["1.001193", "le_phi", "Lệ phí"])
    workbook.create_sheet("Khac")
    for problem, change in [
        ("Trang không được hỗ trợ: Khac", lambda: None),
        (
            "dòng 2: mã thủ tục 1.001193 không có ở trang ThuTuc",
            lambda: workbook.remove(workbook["Khac"]),
        ),
    ]:
        change()
        stream = io.BytesIO()
        workbook.save(stream)
        stream.seek(0)
        with pytest.raises(WorkbookError, match=problem):
            read_workbook(stream)
    with pytest.raises(WorkbookError, match="không phải bảng tính"):
        read_workbook(io.BytesIO(b"not a workbook"))


def test_commands_import_and_export_json_and_excel(catalogue, tmp_path):
    source = tmp_path / "catalogue.json"
    source.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_catalogue", str(source), stdout=out, stderr=StringIO())
    assert out.getvalue().splitlines() == ["Tạo mới: 44", "Cập nhật: 0", "Không đổi: 0"]

    workbook = tmp_path / "catalogue.xlsx"
    out = StringIO()
    call_command("export_catalogue", str(workbook), stdout=out)
    assert out.getvalue().strip() == f"Đã xuất 44 thủ tục vào {workbook}."
    out = StringIO()
    call_command("import_catalogue", str(workbook), "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "Chạy thử: không ghi gì vào cơ sở dữ liệu.",
        "Tạo mới: 0",
        "Cập nhật: 0",
        "Không đổi: 44",
    ]


def test_the_import_command_exits_with_an_error_and_writes_nothing(tmp_path, today):
    bad = tmp_path / "bad.json"
    entry = birth_registration(HinhThucDVC="online")
    bad.write_text(json.dumps(document(entry)), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 lỗi") as failed:
        call_command("import_catalogue", str(bad), stdout=StringIO(), stderr=err)
    assert failed.value.returncode == 1
    assert err.getvalue().startswith("Từ chối 1.001193 · HinhThucDVC: Chọn một trong")
    assert not Procedure.objects.exists()
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="không phải JSON hợp lệ"):
        call_command("import_catalogue", str(bad))
    bad.rename(bad.with_suffix(".xlsx"))
    with pytest.raises(CommandError, match="không phải bảng tính"):
        call_command("import_catalogue", str(bad.with_suffix(".xlsx")))
