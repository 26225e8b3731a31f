"""What a dossier pays: channel, case, quantity and exemption rules."""

import pytest

from motcua.catalog.fees import Channel, fees_for, total
from tests.catalog.builders import birth_registration, imported, version_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(today):
    imported(birth_registration())
    return version_of("1.001193")


def _lines(version, **kwargs):
    return [(line.fee.name, line.quantity, line.amount) for line in fees_for(version, **kwargs)]


@pytest.mark.sqlite_smoke
def test_general_fees_at_the_counter_multiply_per_copy(version):
    lines = fees_for(version, channel=Channel.COUNTER, quantities={"ban": 3})
    assert [(line.fee.name, line.quantity, line.amount) for line in lines] == [
        ("Lệ phí đăng ký khai sinh", 1, 0),
        ("Phí cấp bản sao", 3, 24000),
    ]
    assert total(lines) == 24000


def test_a_case_adds_its_own_fee_cheaper_online(version):
    late = "Đăng ký khai sinh quá hạn"  # compared folded, whatever the case of the letters
    assert _lines(version, channel="counter", case=late)[1] == (
        "Lệ phí đăng ký khai sinh quá hạn",
        1,
        10000,
    )
    assert _lines(version, channel=Channel.ONLINE, case=late)[1][2] == 5000


def test_an_exempt_applicant_pays_nothing_for_that_fee(version):
    lines = fees_for(
        version,
        channel=Channel.COUNTER,
        case="đăng ký khai sinh quá hạn",
        exemptions=["người thuộc hộ nghèo"],
    )
    assert [(line.amount, line.exempt_as) for line in lines] == [
        (0, ""),
        (0, "Người thuộc hộ nghèo"),
        (8000, ""),
    ]


def test_an_amount_the_province_sets_stays_unknown(today):
    entry = birth_registration()
    entry["PhiLePhi"][0]["MucThu"] = None
    imported(entry)
    lines = fees_for(version_of("1.001193"), channel=Channel.COUNTER)
    assert lines[0].amount is None
    assert total(lines) is None
    with pytest.raises(ValueError, match="negative"):
        fees_for(version_of("1.001193"), channel=Channel.COUNTER, quantities={"trang": -1})
