"""Reading the citizen ID card's QR text: the sample from vn-rules.md, the 2024 card's extra
fields, malformed text with a message that says what to do, and generated cards round-tripped."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.id_card import IdCard, read_id_card
from motcua.core.errors import ValidationFailed

SAMPLE = "001090123456|012345678|NGUYEN VAN A|01011990|Nam|Số 1 Tràng Tiền, Hà Nội|15042021"


def test_the_sample_card_gives_every_field():
    card = read_id_card(SAMPLE)
    assert card.personal_number == "001090123456"
    assert card.old_id_number == "012345678"
    assert card.full_name == "NGUYEN VAN A"
    assert card.date_of_birth == date(1990, 1, 1)
    assert card.sex == "Nam"
    assert card.address == "Số 1 Tràng Tiền, Hà Nội"
    assert card.issued_on == date(2021, 4, 15)
    assert card.extra == ()


def test_a_scanner_line_ending_and_an_empty_old_number_are_fine():
    card = read_id_card("001090123456||Lê Thị Hoa|29022000|Nữ|Phường An Hòa|01072024\r\n")
    assert card.old_id_number == ""
    assert card.date_of_birth == date(2000, 2, 29)
    assert card.sex == "Nữ"


def test_the_2024_card_keeps_the_fields_after_the_seventh():
    card = read_id_card(SAMPLE + "|Nguyễn Văn B|Trần Thị C|20012031")
    assert card.issued_on == date(2021, 4, 15)
    assert card.extra == ("Nguyễn Văn B", "Trần Thị C", "20012031")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Chưa có nội dung mã QR"),
        ("001090123456|012345678|NGUYEN VAN A", "cần ít nhất 7 trường"),
        ("https://dichvucong.gov.vn/", "cần ít nhất 7 trường"),
        (SAMPLE.replace("001090123456", "00109012345"), "12 chữ số"),
        (SAMPLE.replace("012345678", "01234567X"), "9 chữ số"),
        (SAMPLE.replace("01011990", "31021990"), "Ngày sinh trong mã QR"),
        (SAMPLE.replace("15042021", "2021-04-15"), "Ngày cấp trong mã QR"),
        (SAMPLE.replace("NGUYEN VAN A", " "), "không có họ tên"),
    ],
)
def test_malformed_text_is_refused_on_the_scan_field(text, says):
    with pytest.raises(ValidationFailed) as refused:
        read_id_card(text)
    assert says in refused.value.message
    assert refused.value.fields == {"qr": [refused.value.message]}


names = st.text(
    alphabet="AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạăằắđêềếôồốơờớưừứ ", min_size=1, max_size=40
).filter(lambda name: name.strip())
addresses = st.text(alphabet=st.characters(blacklist_characters="|\r\n"), max_size=80).map(
    lambda text: " ".join(text.split())
)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
cards = st.builds(
    IdCard,
    personal_number=st.from_regex(r"\d{12}", fullmatch=True),
    old_id_number=st.one_of(st.just(""), st.from_regex(r"\d{9}", fullmatch=True)),
    full_name=names.map(lambda name: " ".join(name.split())),
    date_of_birth=days,
    sex=st.sampled_from(["Nam", "Nữ"]),
    address=addresses,
    issued_on=days,
    extra=st.lists(
        st.text(alphabet=st.characters(blacklist_characters="|\r\n"), max_size=20).map(str.strip),
        max_size=4,
    ).map(tuple),
)


@given(cards)
def test_generated_cards_round_trip(card):
    assert read_id_card(card.as_text()) == card
