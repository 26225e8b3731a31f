"""Importing the catalogue: the report, all-or-nothing, idempotence, new versions, rejections."""

import pytest

from motcua.catalog import services
from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureAssignment,
    ProcedureVersion,
    SearchText,
)
from motcua.catalog.selectors import procedure_by_code
from tests.catalog.builders import birth_registration, document, imported, procedure, version_of
from tests.factories import province_tree

pytestmark = pytest.mark.django_db

MARRIAGE = procedure(
    "1.000894", "Đăng ký kết hôn", KetQua={"Ten": "Giấy chứng nhận kết hôn", "DienTu": False}
)


def _snapshot():
    return (
        list(ProcedureVersion.objects.values().order_by("pk")),
        list(Fee.objects.values().order_by("pk")),
        list(SearchText.objects.values().order_by("pk")),
        list(ProcedureAssignment.objects.values().order_by("pk")),
    )


@pytest.mark.sqlite_smoke
def test_report_of_created_updated_and_unchanged(today):
    report = import_catalogue(document(birth_registration(), MARRIAGE))
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (["1.001193", "1.000894"], [], [])

    changed = birth_registration()
    changed["PhiLePhi"][2]["MucThu"] = 10000
    report = import_catalogue(document(changed, MARRIAGE))
    assert (report.created, report.updated, report.unchanged) == ([], ["1.001193"], ["1.000894"])
    version = version_of("1.001193")
    assert (version.number, version.valid_from) == (2, today)
    assert [fee.amount for fee in version.fees.all()] == [0, 10000, 10000]


def test_importing_the_same_file_twice_changes_nothing(today):
    tree = province_tree()
    entry = birth_registration(DonViThucHien=[tree.commune_a.code], ApDungTu="2026-05-01")
    imported(entry, MARRIAGE)
    before = _snapshot()
    report = import_catalogue(document(entry, MARRIAGE))
    assert report.unchanged == ["1.001193", "1.000894"]
    assert _snapshot() == before


def test_equivalent_spellings_of_a_value_are_not_a_change(today):
    imported(birth_registration(CapThucHien=["commune", "province"]))
    again = birth_registration(CapThucHien=["province", "commune"])
    again["PhiLePhi"][0]["TinhTheo"] = "ho_so"  # "" means per dossier
    again["TenTTHC"] = "  Đăng ký khai sinh "
    assert import_catalogue(document(again)).unchanged == ["1.001193"]
    assert version_of("1.001193").levels == ["province", "commune"]


def test_one_invalid_procedure_writes_nothing(today):
    bad = procedure("1.000656", "Đăng ký khai tử", ThoiHanGiaiQuyet={"SoLuong": 1, "DonVi": "week"})
    report = import_catalogue(document(birth_registration(), bad, MARRIAGE))
    assert not report.ok
    assert report.created == report.updated == report.unchanged == []
    assert [(r.procedure, r.key) for r in report.rejected] == [
        ("1.000656", "ThoiHanGiaiQuyet.DonVi")
    ]
    assert "day, hour, calendar_day" in report.rejected[0].message
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("keys", "key", "message"),
    [
        ({"MaTTHC": "1.1193"}, "MaTTHC", "1.000948.H38"),
        ({"ViecKhac": 1}, "ViecKhac", "không được hỗ trợ"),
        ({"TenTTHC": ""}, "TenTTHC", "bắt buộc"),
        ({"NguonTin": None}, "NguonTin", "bắt buộc"),
        ({"DaXacMinh": "có"}, "DaXacMinh", "true hoặc false"),
        ({"CapThucHien": ["ward"]}, "CapThucHien", "province, district, commune"),
        ({"CapThucHien": []}, "CapThucHien", "province, district, commune"),
        ({"HinhThucDVC": "online"}, "HinhThucDVC", "full, partial, none"),
        (
            {"ThoiHanGiaiQuyet": {"SoLuong": 1.25, "DonVi": "day"}},
            "ThoiHanGiaiQuyet.SoLuong",
            "nửa ngày",
        ),
        (
            {"ThoiHanGiaiQuyet": {"SoLuong": 2, "DonVi": "day", "GioChot": "3pm"}},
            "ThoiHanGiaiQuyet.GioChot",
            "HH:MM",
        ),
        ({"LinhVuc": {"Ma": "G15"}}, "LinhVuc.Ten", "bắt buộc"),
        ({"NgayCoHieuLuc": "01/07/2025"}, "NgayCoHieuLuc", "YYYY-MM-DD"),
        ({"PhiLePhi": [{"Loai": "thue", "Ten": "Thuế"}]}, "PhiLePhi[0].Loai", "le_phi, phi"),
        (
            {"PhiLePhi": [{"Loai": "phi", "Ten": "Phí", "MucThu": "8.000"}]},
            "PhiLePhi[0].MucThu",
            "số nguyên",
        ),
        ({"PhiLePhi": [{"Loai": "phi", "Ten": "Phí", "MucThu": -1}]}, "PhiLePhi[0].MucThu", "0"),
        (
            {"ThanhPhanHoSo": [{"Ten": "Tờ khai", "SoBan": 1}]},
            "ThanhPhanHoSo[0].SoBan",
            "không được hỗ trợ",
        ),
        (
            {"TruongDuLieu": [{"Ma": "HoTen", "Nhan": "Họ tên", "Kieu": "text"}]},
            "TruongDuLieu[0].Ma",
            "chữ thường",
        ),
        (
            {"TruongDuLieu": [{"Ma": "gioi_tinh", "Nhan": "Giới tính", "Kieu": "choice"}]},
            "TruongDuLieu[0].LuaChon",
            "danh sách các lựa chọn",
        ),
        (
            {
                "TruongDuLieu": [
                    {"Ma": "so", "Nhan": "Số", "Kieu": "text", "KiemTra": {"pattern": "[0-9"}}
                ]
            },
            "TruongDuLieu[0].KiemTra",
            "biểu thức chính quy",
        ),
        (
            {
                "TruongDuLieu": [
                    {"Ma": "a", "Nhan": "A", "Kieu": "text"},
                    {"Ma": "a", "Nhan": "B", "Kieu": "date"},
                ]
            },
            "TruongDuLieu",
            "trùng: a",
        ),
        ({"DonViThucHien": ["000.00.99.H99"]}, "DonViThucHien", "000.00.99.H99"),
    ],
)
def test_rejections_name_the_procedure_the_key_and_the_reason(today, keys, key, message):
    entry = procedure("1.000656", "Đăng ký khai tử", **keys)
    report = import_catalogue(document(entry))
    assert [(r.key, message in r.message) for r in report.rejected] == [(key, True)], [
        str(r) for r in report.rejected
    ]
    assert report.rejected[0].procedure == entry["MaTTHC"]
    assert not Procedure.objects.exists()


def test_a_document_without_procedures_and_a_repeated_code_are_rejected(today):
    assert str(import_catalogue([]).rejected[0]).startswith("Tệp phải là một đối tượng JSON")
    report = import_catalogue({"procedures": [MARRIAGE, MARRIAGE], "extra": 1})
    assert [(r.procedure, r.key) for r in report.rejected] == [
        ("", "extra"),
        ("1.000894", "MaTTHC"),
    ]
    assert str(import_catalogue({"procedures": ["x"]}).rejected[0]) == (
        "procedures[0]: Ghi dạng đối tượng {…}."
    )


def test_a_change_may_not_apply_before_the_latest_version(today):
    imported(birth_registration(ApDungTu="2026-05-01"))
    changed = birth_registration(TenTTHC="Đăng ký khai sinh (mới)", ApDungTu="2026-04-01")
    report = import_catalogue(document(changed))
    assert [(r.procedure, r.key) for r in report.rejected] == [("1.001193", "ApDungTu")]
    assert ProcedureVersion.objects.count() == 1


def test_a_procedure_with_an_open_draft_is_not_changed_by_an_import(today):
    imported(birth_registration())
    services.create_draft(procedure=procedure_by_code("1.001193"))
    report = import_catalogue(document(birth_registration(TenTTHC="Khai sinh")))
    assert "bản nháp (phiên bản 2)" in report.rejected[0].message
    # The same content again changes nothing, so the draft is no obstacle.
    assert import_catalogue(document(birth_registration())).unchanged == ["1.001193"]


def test_agencies_are_set_by_code_left_alone_when_absent_and_cleared_by_an_empty_list(today):
    tree = province_tree()
    codes = [tree.commune_a.code, tree.commune_b.code]
    imported(birth_registration(DonViThucHien=codes))
    birth = procedure_by_code("1.001193")
    assigned = lambda: sorted(birth.assignments.values_list("agency__code", flat=True))  # noqa: E731
    assert assigned() == sorted(codes)
    assert import_catalogue(document(birth_registration())).unchanged == ["1.001193"]
    report = import_catalogue(document(birth_registration(DonViThucHien=[codes[1]])))
    assert report.updated == ["1.001193"]
    assert assigned() == [codes[1]]
    assert ProcedureVersion.objects.count() == 1  # assignments are not versioned
    imported(birth_registration(DonViThucHien=[]))
    assert assigned() == []


def test_dry_run_reports_and_writes_nothing(today):
    report = import_catalogue(document(birth_registration(), MARRIAGE), dry_run=True)
    assert report.ok
    assert report.dry_run
    assert report.created == ["1.001193", "1.000894"]
    assert not Procedure.objects.exists()
