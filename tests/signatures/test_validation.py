"""Validation entry points: not a PDF, no signatures, the trust store from settings."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.signatures import trust, validation
from tests.signatures.pdfs import decision_pdf, demo_pki
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
