"""Validation entry points: not a PDF, no signatures, the trust store from settings."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from weasyprint import HTML

from motcua.core.errors import ValidationFailed
from motcua.signatures import pades, trust, validation
from tests.signatures.pdfs import SIGNED_AT, decision_pdf, demo_pki, key_of
from tests.signatures.test_pades import sign_personal


@pytest.fixture
def trust_store(settings, tmp_path):
    settings.MOTCUA_TRUST_STORE = tmp_path / "trust"
    trust.reset()
    yield settings.MOTCUA_TRUST_STORE
    trust.reset()


@pytest.fixture(scope="module")
def signed() -> bytes:
    return sign_personal()


def test_bytes_that_are_not_a_pdf_are_refused():
    for junk in (b"", b"hello", b"PK\x03\x04 zip file", b"%PDF-1.7\n garbage without xref"):
        with pytest.raises(ValidationFailed) as refused:
            validation.check_pdf(junk, trust_roots=[])
        assert refused.value.code == "not_a_pdf"


def test_a_pdf_without_signatures_has_no_checks():
    assert validation.check_pdf(decision_pdf(), trust_roots=[]) == []


def test_the_trust_store_decides_what_is_trusted(trust_store, signed):
    assert trust.roots() == []
    [check] = validation.check_pdf(signed)
    assert check.valid
    assert not check.trusted

    path = trust.add_root(certificate=demo_pki().root.certificate_der(), name="Ban Cơ yếu (thử)")
    assert path.parent == trust_store
    assert path.suffix == ".pem"
    (trust_store / "README.txt").write_text("not a certificate")
    (trust_store / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nxx\n")
    assert trust.roots() == [demo_pki().root.certificate_der()]
    [check] = validation.check_pdf(signed)
    assert check.valid
    assert check.trusted


def test_der_cer_files_count_and_the_cache_resets(trust_store, signed):
    trust_store.mkdir()
    (trust_store / "neac.cer").write_bytes(demo_pki().other_root.certificate_der())
    assert trust.roots() == [demo_pki().other_root.certificate_der()]
    (trust_store / "gov.cer").write_bytes(demo_pki().root.certificate_der())
    assert len(trust.roots()) == 1, "read once per process"
    trust.reset()
    assert len(trust.roots()) == 2
    [check] = validation.check_pdf(signed)
    assert check.trusted


def test_a_changed_form_field_after_a_signature_is_not_another_signature():
    """pyHanko calls a changed field value "form filling", as it calls a new signature: a signed
    amount changed afterwards must not read as covered."""
    pki = demo_pki()
    with_field = HTML(
        string='<p>Số tiền phải nộp:</p><input type="text" name="so_tien" value="100000">'
    ).write_pdf(pdf_forms=True)
    signed = pades.sign_with(
        pdf=with_field,
        key=key_of(pki.leader),
        field_name="ChuKy",
        appearance=None,
        reason="Xác nhận số tiền",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
    )
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    for reference in writer.root["/AcroForm"]["/Fields"]:
        field = reference.get_object()
        if field.get("/FT") == "/Tx":
            field["/V"] = generic.pdf_string("999999999")
            writer.update_container(field)
    changed = BytesIO()
    writer.write(changed)

    [check] = validation.check_pdf(changed.getvalue(), trust_roots=[pki.root.certificate_der()])
    assert check.coverage == "partial"
    assert not check.ok
    assert "văn bản đã bị sửa sau khi ký" in check.summary()
