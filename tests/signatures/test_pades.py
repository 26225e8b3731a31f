"""PAdES signing: a real WeasyPrint PDF signed, read back with poppler and validated by pyHanko."""

import hashlib
import json
import re
import subprocess

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from motcua.core.errors import ValidationFailed
from motcua.signatures import pades, stamps, tsa, validation
from tests.signatures.pdfs import (
    SIGNED_AT,
    decision_pdf,
    demo_pki,
    key_of,
    pdftotext,
    render_page,
    word_boxes,
)

A4_WIDTH, A4_HEIGHT = 595.28, 841.89
BOX = (330.0, 420.0, 540.0, 560.0)


def personal_appearance() -> stamps.Appearance:
    return stamps.personal(
        page=-1,
        box=BOX,
        capacity="KT.",
        title="Chủ tịch\nPhó Chủ tịch",
        name="Trần Thị Bình",
        signed_at=SIGNED_AT,
        image=stamps.demo_signature_png("Trần Thị Bình"),
    )


def sign_personal(pdf: bytes | None = None, **kwargs) -> bytes:
    return pades.sign_with(
        pdf=pdf or decision_pdf(),
        key=key_of(demo_pki().leader),
        field_name="ky_ca_nhan",
        appearance=personal_appearance(),
        reason="Phê duyệt kết quả",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
        **kwargs,
    )


def sign_seal(pdf: bytes) -> bytes:
    appearance = stamps.seal_over(
        personal=personal_appearance(), seal_image=stamps.demo_seal_png("UBND xã Tân Phú")
    )
    return pades.sign_with(
        pdf=pdf,
        key=key_of(demo_pki().seal),
        field_name="ky_to_chuc",
        appearance=appearance,
        reason="Phát hành",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
    )


@pytest.fixture(scope="module")
def signed_once() -> bytes:
    return sign_personal()


@pytest.fixture(scope="module")
def signed_twice(signed_once) -> bytes:
    return sign_seal(signed_once)


def test_a_signed_pdf_validates_intact_and_trusted_only_under_its_root(signed_once):
    root = demo_pki().root.certificate_der()
    [check] = validation.check_pdf(signed_once, trust_roots=[root])
    assert (check.field, check.signer, check.organisation) == (
        "ky_ca_nhan",
        "Trần Thị Bình",
        "UBND xã Tân Phú",
    )
    assert check.serial == format(demo_pki().leader.certificate.serial_number, "x")
    assert check.intact
    assert check.valid
    assert check.trusted
    assert check.coverage == "whole_file"
    assert check.signed_at == SIGNED_AT
    assert check.timestamp_at is None
    assert check.summary() == (
        "Chữ ký của Trần Thị Bình (UBND xã Tân Phú) còn nguyên vẹn, tin cậy, "
        "áp dụng cho toàn bộ văn bản."
    )

    [stranger] = validation.check_pdf(
        signed_once, trust_roots=[demo_pki().other_root.certificate_der()]
    )
    assert stranger.intact
    assert stranger.valid
    assert not stranger.trusted
    assert "không do tổ chức tin cậy cấp" in stranger.summary()


def test_the_stamp_reads_back_in_vietnamese_on_the_last_page(signed_once, tmp_path):
    last = pdftotext(signed_once, tmp_path, page=3)
    for text in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình", "Ký số: 09:41 03/12/2026"):
        assert text in last
    assert "CHỦ TỊCH" not in pdftotext(signed_once, tmp_path, page=1)
    # Title and name in bold (NĐ 30/2020): the stamp embeds a bold cut of Noto Serif.
    (tmp_path / "fonts.pdf").write_bytes(signed_once)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "fonts.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"\+Noto-?Serif-Bold\s", fonts), fonts
    # Inside the box (crop from the top-left, in points): the title lines and the name.
    x1, y1, x2, y2 = BOX
    inside = pdftotext(signed_once, tmp_path, page=3, crop=(x1, A4_HEIGHT - y2, x2 - x1, y2 - y1))
    assert "KT. CHỦ TỊCH" in inside
    assert "Trần Thị Bình" in inside


def test_a_long_name_is_set_smaller_inside_the_box(tmp_path):
    name = "Tôn Nữ Hoàng Phương Thảo Nguyên Khánh Linh Đan"
    appearance = stamps.personal(
        page=0, box=(400, 300, 540, 400), capacity="", title="Chủ tịch", name=name,
        signed_at=SIGNED_AT, image=None,
    )  # fmt: skip
    signed = pades.sign_with(
        pdf=decision_pdf(),
        key=key_of(demo_pki().leader),
        field_name="ky_ca_nhan",
        appearance=appearance,
        reason="",
        location="",
        signed_at=SIGNED_AT,
    )
    words = word_boxes(signed, tmp_path, page=1)
    placed = [(x1, x2) for word, x1, x2 in words if word in name.split() or word == name]
    assert placed, words
    assert all(x1 >= 400 and x2 <= 540 for x1, x2 in placed), placed


def test_organisation_seal_over_the_left_third_and_both_signatures_validate(signed_twice, tmp_path):
    personal = personal_appearance()
    seal = stamps.seal_over(personal=personal, seal_image=b"")
    px1, py1, px2, py2 = personal.box
    sx1, sy1, sx2, sy2 = seal.box
    third = px1 + (px2 - px1) / 3
    assert sx1 < third, "the seal covers the left third of the personal block"
    assert sx2 > px1 + (px2 - px1) / 4, "overlapping it, not beside it"
    assert sx2 < px1 + (px2 - px1) / 2, "and not more than about a third"
    assert abs((sy1 + sy2) / 2 - (py1 + py2) / 2) < 1, "vertically centred on it"
    assert sx2 - sx1 == pytest.approx(36 * 72 / 25.4), "at real size (36 mm)"

    # The seal is drawn red at that place on the page (1 px = 1 pt at 72 dpi).
    image = render_page(signed_twice, tmp_path, page=3)
    cx, cy = (sx1 + sx2) / 2, A4_HEIGHT - (sy1 + sy2) / 2
    red = [
        image.getpixel((int(cx + dx), int(cy + dy)))
        for dx in range(-50, 51, 2)
        for dy in range(-50, 51, 2)
    ]
    assert sum(1 for r, g, b in red if r > 150 and g < 110 and b < 110) > 50

    root = demo_pki().root.certificate_der()
    first, second = validation.check_pdf(signed_twice, trust_roots=[root])
    assert (first.field, second.field) == ("ky_ca_nhan", "ky_to_chuc")
    assert first.valid
    assert first.trusted
    assert first.coverage == "earlier_revision"
    assert second.valid
    assert second.trusted
    assert second.coverage == "whole_file"
    assert second.signer == "UBND xã Tân Phú"
    assert second.summary() == (
        "Chữ ký của UBND xã Tân Phú còn nguyên vẹn, tin cậy, áp dụng cho toàn bộ văn bản."
    )
    assert "như lúc ký" in first.summary()


def test_a_one_byte_change_in_the_signed_range_breaks_the_signature(signed_twice):
    # Change one byte inside the first page's content (signed by both signatures).
    position = signed_twice.index(b"stream", signed_twice.index(b"/Contents")) + 40
    altered = bytearray(signed_twice)
    altered[position] ^= 0x01
    root = demo_pki().root.certificate_der()
    checks = validation.check_pdf(bytes(altered), trust_roots=[root])
    assert len(checks) == 2
    assert all(not check.intact and not check.valid for check in checks)
    assert "không còn nguyên vẹn" in checks[0].summary()


def test_prepare_and_complete_with_an_external_signer(tmp_path):
    leader = demo_pki().leader
    pending = pades.prepare(
        pdf=decision_pdf(),
        certificate=leader.certificate_der(),
        chain=leader.chain_der(),
        field_name="ky_ca_nhan",
        appearance=personal_appearance(),
        reason="Phê duyệt kết quả",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
    )
    assert pending.digest == hashlib.sha256(pending.to_be_signed).digest()
    state = json.loads(json.dumps(pending.state))  # stored as JSON between the halves
    # The external signer (plug-in, remote provider) signs the attributes with its own key.
    signature = leader.key.sign(pending.to_be_signed, padding.PKCS1v15(), hashes.SHA256())
    signed = pades.complete(state=state, signature=signature)

    [check] = validation.check_pdf(signed, trust_roots=[demo_pki().root.certificate_der()])
    assert check.valid
    assert check.trusted
    assert check.coverage == "whole_file"
    assert "KT. CHỦ TỊCH" in pdftotext(signed, tmp_path, page=3)


def test_a_signature_that_does_not_match_the_certificate_is_refused():
    leader, stranger = demo_pki().leader, demo_pki().seal
    pending = pades.prepare(
        pdf=decision_pdf(),
        certificate=leader.certificate_der(),
        chain=leader.chain_der(),
        field_name="ky_ca_nhan",
        appearance=None,
        reason="",
        location="",
        signed_at=SIGNED_AT,
    )
    wrong_key = stranger.key.sign(pending.to_be_signed, padding.PKCS1v15(), hashes.SHA256())
    for bad in (wrong_key, b"\x00" * 256, b""):
        with pytest.raises(ValidationFailed) as refused:
            pades.complete(state=pending.state, signature=bad)
        assert refused.value.code == "bad_signature"
        assert "không khớp" in refused.value.message


def test_attachment_signature_top_right_with_number_and_vietnam_time(tmp_path):
    appearance = stamps.attachment(
        number="125/QĐ-UBND", signed_at=SIGNED_AT, page_width=A4_WIDTH, page_height=A4_HEIGHT
    )
    assert appearance.image is None
    assert appearance.page == 0
    signed = pades.sign_with(
        pdf=decision_pdf(),
        key=key_of(demo_pki().seal),
        field_name="ky_phu_luc",
        appearance=appearance,
        reason="Phát hành phụ lục",
        location="",
        signed_at=SIGNED_AT,
    )
    top_right = pdftotext(signed, tmp_path, page=1, crop=(A4_WIDTH / 2, 0, A4_WIDTH / 2, 60))
    assert "125/QĐ-UBND" in top_right
    assert "2026-12-03T09:41:00+07:00" in top_right
    [check] = validation.check_pdf(signed, trust_roots=[demo_pki().root.certificate_der()])
    assert check.valid
    assert check.trusted


def test_time_stamped_signature_b_t_through_a_loopback_tsa():
    server, url = tsa.serve(demo_pki().tsa)
    try:
        signed = sign_personal(timestamp_url=url)
    finally:
        server.shutdown()
        server.server_close()
    [check] = validation.check_pdf(signed, trust_roots=[demo_pki().root.certificate_der()])
    assert check.valid
    assert check.trusted
    assert check.timestamp_at is not None
    unstamped = validation.check_pdf(
        sign_personal(), trust_roots=[demo_pki().root.certificate_der()]
    )
    assert unstamped[0].timestamp_at is None


def test_an_unreachable_tsa_refuses_with_a_vietnamese_message():
    with pytest.raises(ValidationFailed) as refused:
        sign_personal(timestamp_url="http://127.0.0.1:9/")
    assert refused.value.code == "timestamp_failed"


def test_signing_refusals_say_why(signed_once):
    def prepare(pdf: bytes, appearance: stamps.Appearance | None = None, field="ky_ca_nhan"):
        leader = demo_pki().leader
        return pades.prepare(
            pdf=pdf,
            certificate=leader.certificate_der(),
            chain=leader.chain_der(),
            field_name=field,
            appearance=appearance,
            reason="",
            location="",
            signed_at=SIGNED_AT,
        )

    cases = [
        ("not_a_pdf", lambda: prepare(b"not a pdf at all")),
        ("cannot_sign", lambda: prepare(signed_once)),  # that field is signed already
        ("bad_page", lambda: prepare(decision_pdf(), stamps.Appearance(page=7, box=BOX))),
        (
            "bad_image",
            lambda: prepare(decision_pdf(), stamps.Appearance(page=0, box=BOX, image=b"\x89PNG")),
        ),
    ]
    for code, attempt in cases:
        with pytest.raises(ValidationFailed) as refused:
            attempt()
        assert refused.value.code == code


def test_a_damaged_signature_container_is_reported_broken_not_raised(signed_twice):
    # Garble the second signature's CMS (outside the signed ranges, so only it is hit).
    start = signed_twice.rindex(b"/Contents <") + len(b"/Contents <")
    altered = signed_twice[:start] + b"00000000" + signed_twice[start + 8 :]
    root = demo_pki().root.certificate_der()
    first, second = validation.check_pdf(altered, trust_roots=[root])
    assert second.field == "ky_to_chuc"
    assert not second.intact
    assert not second.valid
    assert not second.trusted
    assert second.summary() == "Chữ ký ở ô “ky_to_chuc” bị hỏng, không đọc được."
    assert first.valid
