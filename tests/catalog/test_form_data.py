"""Form fields: the declarations a version may carry, and checking what a citizen submits."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.declarations import field_errors
from motcua.catalog.form_data import validate_form_data
from motcua.catalog.models import FormField
from motcua.core.errors import ValidationFailed
from tests.catalog.builders import imported, procedure, version_of

FIELDS = [
    {
        "Ma": "ho_ten",
        "Nhan": "Họ và tên",
        "Kieu": "text",
        "BatBuoc": True,
        "KiemTra": {"max_length": 10},
    },
    {"Ma": "so_nha", "Nhan": "Số nhà", "Kieu": "text", "KiemTra": {"pattern": r"\d+[A-Z]?"}},
    {"Ma": "ghi_chu", "Nhan": "Ghi chú", "Kieu": "textarea"},
    {"Ma": "so_ban", "Nhan": "Số bản sao", "Kieu": "number", "KiemTra": {"min": 1, "max": 10}},
    {
        "Ma": "ngay_sinh",
        "Nhan": "Ngày sinh",
        "Kieu": "date",
        "BatBuoc": True,
        "KiemTra": {"not_after_today": True},
    },
    {"Ma": "gioi_tinh", "Nhan": "Giới tính", "Kieu": "choice", "LuaChon": ["Nam", "Nữ"]},
    {"Ma": "so_dinh_danh", "Nhan": "Số định danh cá nhân", "Kieu": "personal_id"},
    {"Ma": "dien_thoai", "Nhan": "Điện thoại", "Kieu": "phone"},
    {"Ma": "email", "Nhan": "Thư điện tử", "Kieu": "email"},
    {"Ma": "dia_chi", "Nhan": "Địa chỉ", "Kieu": "address"},
    {"Ma": "cam_doan", "Nhan": "Tôi cam đoan", "Kieu": "checkbox", "BatBuoc": True},
]
VALID = {
    "ho_ten": " Lê Thị A ",
    "so_nha": "12B",
    "so_ban": "2",
    "ngay_sinh": "2026-03-01",
    "gioi_tinh": "Nữ",
    "so_dinh_danh": "001 090 123 456",
    "dien_thoai": "+84 912 345 678",
    "email": "a@example.vn",
    "cam_doan": True,
}


@pytest.fixture
def version(today):
    imported(procedure("1.001193", "Đăng ký khai sinh", TruongDuLieu=FIELDS))
    return version_of("1.001193")


@pytest.mark.sqlite_smoke
@pytest.mark.django_db
def test_valid_data_comes_back_cleaned(version):
    assert validate_form_data(version, VALID) == {
        "ho_ten": "Lê Thị A",
        "so_nha": "12B",
        "so_ban": Decimal(2),
        "ngay_sinh": date(2026, 3, 1),
        "gioi_tinh": "Nữ",
        "so_dinh_danh": "001090123456",
        "dien_thoai": "0912345678",
        "email": "a@example.vn",
        "cam_doan": True,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        ({"ho_ten": "  "}, "ho_ten", "Vui lòng nhập Họ và tên."),
        ({"ho_ten": "Nguyễn Văn Bình"}, "ho_ten", "Họ và tên dài tối đa 10 ký tự."),
        ({"ho_ten": 12}, "ho_ten", "Nhập Họ và tên dạng chữ."),
        ({"so_nha": "số 12"}, "so_nha", "Số nhà chưa đúng định dạng."),
        ({"so_ban": "hai"}, "so_ban", "Nhập Số bản sao là một số."),
        ({"so_ban": 0}, "so_ban", "Số bản sao phải từ 1 trở lên."),
        ({"so_ban": 11}, "so_ban", "Số bản sao không được lớn hơn 10."),
        ({"ngay_sinh": "2026-03-03"}, "ngay_sinh", "Ngày sinh không được sau ngày hôm nay."),
        ({"ngay_sinh": "01/03/2026"}, "ngay_sinh", "Nhập Ngày sinh theo dạng năm-tháng-ngày"),
        ({"gioi_tinh": "Khác"}, "gioi_tinh", "Chọn Giới tính trong: Nam; Nữ."),
        ({"so_dinh_danh": "12345"}, "so_dinh_danh", "12 chữ số"),
        ({"dien_thoai": "12345"}, "dien_thoai", "Nhập số điện thoại Việt Nam"),
        ({"email": "a@"}, "email", "Nhập địa chỉ thư điện tử"),
        ({"cam_doan": False}, "cam_doan", "Vui lòng đánh dấu: Tôi cam đoan."),
        ({"cam_doan": "có"}, "cam_doan", "chỉ đánh dấu hoặc bỏ trống"),
        ({"la": "x"}, "la", "Tờ khai của thủ tục này không có trường này."),
    ],
)
def test_each_problem_is_told_per_field_in_vietnamese(version, changes, key, message):
    with pytest.raises(ValidationFailed) as refused:
        validate_form_data(version, {**VALID, **changes})
    assert refused.value.code == "invalid_form"
    assert list(refused.value.fields) == [key]
    assert message in refused.value.fields[key][0]


@pytest.mark.django_db
def test_every_field_in_error_is_reported_at_once(version):
    with pytest.raises(ValidationFailed) as refused:
        validate_form_data(version, {})
    assert set(refused.value.fields) == {"ho_ten", "ngay_sinh", "cam_doan"}


@pytest.mark.parametrize(
    ("kind", "choices", "checks", "errors"),
    [
        ("text", [], {"max_length": 5, "pattern": "^a+$"}, set()),
        ("number", [], {"min": 1, "max": 2.5}, set()),
        ("choice", ["A", "B"], {}, set()),
        ("choice", [], {}, {"choices"}),
        ("choice", ["A", "A"], {}, {"choices"}),
        ("text", ["A"], {}, {"choices"}),
        ("text", [], {"min": 1}, {"checks"}),
        ("text", [], {"pattern": "("}, {"checks"}),
        ("text", [], {"max_length": 0}, {"checks"}),
        ("number", [], {"min": 3, "max": 2}, {"checks"}),
        ("number", [], {"min": "1"}, {"checks"}),
        ("date", [], {"not_after_today": "yes"}, {"checks"}),
        ("phone", [], [], {"checks"}),
    ],
)
def test_declarations_are_checked_before_they_are_stored(kind, choices, checks, errors):
    assert set(field_errors(type=kind, choices=choices, checks=checks)) == errors


def test_a_form_field_model_refuses_a_bad_declaration():
    field = FormField(key="Ho ten", label="Họ tên", type="choice", choices=[])
    with pytest.raises(ValidationError) as refused:
        field.full_clean(exclude={"version"})
    assert set(refused.value.message_dict) == {"key", "choices"}
