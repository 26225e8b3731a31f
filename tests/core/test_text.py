import pytest

from motcua.core.text import fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ  KẾT HÔN", "dang ky ket hon"),
        ("Cấp lại giấy phép lái xe", "cap lai giay phep lai xe"),
        ("  Chứng thực\tbản sao ", "chung thuc ban sao"),
        ("đất đai", "dat dai"),
        ("Phường Thủ Dầu Một", "phuong thu dau mot"),
    ],
)
def test_fold_drops_case_marks_and_d_bar(raw, folded):
    assert fold(raw) == folded


def test_fold_handles_precomposed_and_decomposed_input_alike():
    precomposed = "Hộ tịch"
    decomposed = "Ho\u0323\u0302 ti\u0323ch"
    assert fold(precomposed) == fold(decomposed) == "ho tich"
