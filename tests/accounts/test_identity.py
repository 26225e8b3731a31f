"""Identity numbers, tax codes and phones as people type them."""

import pytest

from motcua.accounts.identity import clean_id_number, clean_phone, clean_tax_code
from motcua.core.errors import ValidationFailed


@pytest.mark.parametrize(
    ("id_type", "typed", "stored"),
    [
        ("cccd", "001090123456", "001090123456"),
        ("cccd", "001 090 123 456", "001090123456"),
        ("cmnd", "012345678", "012345678"),
        ("passport", "C1234567", "C1234567"),
        ("passport", "b1234567", "B1234567"),
        ("passport", "AB1234567", "AB1234567"),
    ],
)
def test_good_numbers(id_type, typed, stored):
    assert clean_id_number(id_type=id_type, value=typed) == stored


@pytest.mark.parametrize(
    ("id_type", "typed", "message"),
    [
        ("cccd", "00109012345", "Nhập số định danh cá nhân gồm 12 chữ số."),
        ("cccd", "0010901234567", "Nhập số định danh cá nhân gồm 12 chữ số."),
        ("cccd", "00109012345a", "Nhập số định danh cá nhân gồm 12 chữ số."),
        ("cccd", "", "Nhập số định danh cá nhân gồm 12 chữ số."),
        ("cmnd", "01234567", "Nhập số chứng minh nhân dân gồm 9 chữ số."),
        ("cmnd", "001090123456", "Nhập số chứng minh nhân dân gồm 9 chữ số."),
        ("passport", "1234567", "Nhập số hộ chiếu"),
        ("passport", "C123456", "Nhập số hộ chiếu"),
        ("passport", "ABC1234567", "Nhập số hộ chiếu"),
        ("passport", "C12345678", "Nhập số hộ chiếu"),
    ],
)
def test_bad_numbers_say_what_to_type(id_type, typed, message):
    with pytest.raises(ValidationFailed) as refused:
        clean_id_number(id_type=id_type, value=typed)
    assert refused.value.message.startswith(message)
    assert refused.value.fields == {"id_number": [refused.value.message]}


def test_an_unknown_document_type():
    with pytest.raises(ValidationFailed) as refused:
        clean_id_number(id_type="driving_licence", value="123")
    assert list(refused.value.fields) == ["id_type"]


@pytest.mark.parametrize(
    ("typed", "stored"), [("0101234567", "0101234567"), ("0101234567-001", "0101234567-001")]
)
def test_good_tax_codes(typed, stored):
    assert clean_tax_code(typed) == stored


@pytest.mark.parametrize(
    "typed", ["010123456", "01012345678", "0101234567-01", "0101234567001", "MST0101234"]
)
def test_bad_tax_codes(typed):
    with pytest.raises(ValidationFailed) as refused:
        clean_tax_code(typed)
    assert refused.value.message.startswith("Nhập mã số thuế gồm 10 chữ số")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("", ""),
    ],
)
def test_phones_are_normalised(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "091234567", "+1 202 555 0100"])
def test_bad_phones(typed):
    with pytest.raises(ValidationFailed) as refused:
        clean_phone(typed)
    assert refused.value.fields["phone"][0].startswith("Nhập số điện thoại gồm 10 chữ số")
