"""Small catalogues for tests, written in the import format (docs/formats/catalogue.md)."""

import copy
import json
from pathlib import Path
from typing import Any

from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import current_version, procedure_by_code

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "motcua" / "catalog" / "sample"


def procedure(code: str, name: str, **keys: Any) -> dict[str, Any]:
    """A valid procedure entry; `keys` replace or add keys of the format."""
    entry = {
        "MaTTHC": code,
        "TenTTHC": name,
        "LinhVuc": {"Ma": "G15-TP07", "Ten": "Hộ tịch"},
        "CapThucHien": ["commune"],
        "CoQuanThucHien": "Ủy ban nhân dân cấp xã",
        "HinhThucDVC": "partial",
        "ThoiHanGiaiQuyet": {"SoLuong": 1, "DonVi": "day"},
        "KetQua": {"Ten": "Giấy khai sinh", "DienTu": True},
        "DaXacMinh": False,
        "NguonTin": "Kiểm thử",
    }
    entry.update(keys)
    return entry


def birth_registration(**keys: Any) -> dict[str, Any]:
    """ "Đăng ký khai sinh" with fees, components and form fields of every kind."""
    return procedure(
        "1.001193",
        "Đăng ký khai sinh",
        TenGoiKhac=["làm giấy khai sinh"],
        ThoiHanGiaiQuyet={"SoLuong": 1, "DonVi": "day", "GioChot": "15:00", "MoTa": "01 ngày"},
        PhiLePhi=[
            {"Loai": "le_phi", "Ten": "Lệ phí đăng ký khai sinh", "MucThu": 0},
            {
                "Loai": "le_phi",
                "Ten": "Lệ phí đăng ký khai sinh quá hạn",
                "MucThu": 10000,
                "MucThuTrucTuyen": 5000,
                "TruongHop": "đăng ký khai sinh quá hạn",
                "DoiTuongMienGiam": ["Người thuộc hộ nghèo"],
            },
            {"Loai": "phi", "Ten": "Phí cấp bản sao", "MucThu": 8000, "TinhTheo": "ban"},
        ],
        ThanhPhanHoSo=[
            {"Ten": "Tờ khai đăng ký khai sinh", "BanChinh": 1, "MauDon": "Tờ khai"},
            {"Ten": "Giấy chứng sinh", "BanChinh": 1, "BatBuoc": False},
        ],
        TruongDuLieu=[
            {
                "Ma": "ho_ten_tre",
                "Nhan": "Họ, chữ đệm, tên của trẻ",
                "Kieu": "text",
                "BatBuoc": True,
                "KiemTra": {"max_length": 100},
            },
            {
                "Ma": "ngay_sinh",
                "Nhan": "Ngày sinh",
                "Kieu": "date",
                "BatBuoc": True,
                "KiemTra": {"not_after_today": True},
            },
            {
                "Ma": "gioi_tinh",
                "Nhan": "Giới tính",
                "Kieu": "choice",
                "BatBuoc": True,
                "LuaChon": ["Nam", "Nữ"],
            },
        ],
        CanCuPhapLy=["Luật Hộ tịch 2014"],
        QuyetDinhCongBo="Quyết định 1/2025/QĐ-BTP",
        NgayCoHieuLuc="2016-01-01",
        **keys,
    )


def document(*procedures: dict[str, Any]) -> dict[str, Any]:
    return {"_comment": "kiểm thử", "procedures": [copy.deepcopy(p) for p in procedures]}


def imported(*procedures: dict[str, Any]) -> None:
    report = import_catalogue(document(*procedures))
    assert report.ok, [str(rejection) for rejection in report.rejected]


def version_of(code: str) -> ProcedureVersion:
    version = current_version(procedure_by_code(code))
    assert version is not None
    return version


def sample_catalogue() -> dict[str, Any]:
    return json.loads((SAMPLE / "catalogue.json").read_text(encoding="utf-8"))
