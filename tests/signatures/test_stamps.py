"""Signature appearances: the decree's lines, and the demo pictures."""

from io import BytesIO

from PIL import Image

from motcua.signatures import stamps
from tests.signatures.pdfs import SIGNED_AT

BOX = (330.0, 420.0, 540.0, 560.0)


def lines(capacity: str, title: str) -> tuple[str, ...]:
    appearance = stamps.personal(
        page=0,
        box=BOX,
        capacity=capacity,
        title=title,
        name="Lê Văn Cường",
        signed_at=SIGNED_AT,
        image=None,
    )
    return appearance.lines


def test_capacity_stands_before_the_title_in_capitals():
    tail = ("", "Lê Văn Cường", "Ký số: 09:41 03/12/2026")
    assert lines("KT.", "Chủ tịch\nPhó Chủ tịch") == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", *tail)
    assert lines("KT.", "Phó Giám đốc") == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", *tail)
    assert lines("TM.", "Ủy ban nhân dân\nChủ tịch") == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", *tail)
    assert lines("TL.", "Chủ tịch\nChánh Văn phòng") == ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", *tail)
    assert lines("Q.", "Giám đốc") == ("Q. GIÁM ĐỐC", *tail)
    assert lines("", "Chủ tịch") == ("CHỦ TỊCH", *tail)


def test_the_attachment_stamp_is_top_right_in_ten_points():
    appearance = stamps.attachment(
        number="12/QĐ-UBND", signed_at=SIGNED_AT, page_width=595.28, page_height=841.89
    )
    x1, y1, x2, y2 = appearance.box
    assert 595.28 / 2 < x1 < x2 < 595.28 - 30
    assert 841.89 - 80 < y1 < y2 < 841.89
    assert appearance.lines == ("12/QĐ-UBND", "2026-12-03T09:41:00+07:00")
    assert appearance.sizes == (10.0, 10.0)


def test_demo_pictures_are_transparent_blue_and_red():
    signature = Image.open(BytesIO(stamps.demo_signature_png("Lê Văn Cường"))).convert("RGBA")
    seal = Image.open(BytesIO(stamps.demo_seal_png("UBND xã An Phú"))).convert("RGBA")
    for picture, colour in ((signature, "blue"), (seal, "red")):
        pixels = [
            picture.getpixel((x, y)) for y in range(picture.height) for x in range(picture.width)
        ]
        ink = [(r, g, b) for r, g, b, a in pixels if a > 128]
        assert pixels[0][3] == 0, "transparent ground"
        assert len(ink) > 1000
        if colour == "blue":
            assert all(b > r for r, g, b in ink)
        else:
            assert all(r > b and r > g for r, g, b in ink)
    assert seal.width == seal.height
