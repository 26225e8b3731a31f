import pytest

from motcua.core.phones import normalise_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "+84912345678",
        "84912345678",
        "+84 912 345 678",
        "0912.345.678",
        "(091) 234-5678",
    ],
)
def test_phone_forms_normalise_to_the_national_form(raw):
    assert normalise_phone(raw) == "0912345678"


@pytest.mark.parametrize("raw", ["+84 24 3825 1234", "024 3825 1234", "842438251234"])
def test_landlines_keep_their_eleven_digits(raw):
    assert normalise_phone(raw) == "02438251234"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12345",
        "0012345678",
        "03123456789",
        "091234567",
        "09123456789",
        "abc",
        "+1 202 555 0100",
    ],
)
def test_not_a_vietnamese_phone(raw):
    assert normalise_phone(raw) is None
