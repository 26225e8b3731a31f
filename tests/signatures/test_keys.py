"""Server-held keys: a PKCS#12 file, and a key on a PKCS#11 token (Debian's SoftHSM)."""

import os
import subprocess

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from motcua.core.errors import Conflict
from motcua.signatures import keys, pades, validation
from tests.conftest import SOFTHSM_LIBRARY
from tests.signatures.pdfs import PASSPHRASE, SIGNED_AT, decision_pdf, demo_pki, pdftotext
from tests.signatures.test_pades import personal_appearance

TOKEN, PIN, SO_PIN, LABEL = "motcua-thu", "123456", "12345678", "lanh-dao"


def _verifies(certificate_der: bytes, data: bytes, signature: bytes) -> bool:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    try:
        x509.load_der_x509_certificate(certificate_der).public_key().verify(
            signature, data, padding.PKCS1v15(), hashes.SHA256()
        )
    except InvalidSignature:
        return False
    return True


def test_pkcs12_key_signs_sha256_rsa_pkcs1():
    leader = demo_pki().leader
    key = keys.Pkcs12Key(data=leader.pkcs12(passphrase=PASSPHRASE), passphrase=PASSPHRASE)
    assert key.certificate_der() == leader.certificate_der()
    assert key.chain_der() == [demo_pki().root.certificate_der()]
    signature = key.sign(b"thuoc tinh ky")
    assert _verifies(leader.certificate_der(), b"thuoc tinh ky", signature)
    assert not _verifies(leader.certificate_der(), b"thuoc tinh khac", signature)
    with pytest.raises(ValueError, match=r"(?i)password"):
        keys.Pkcs12Key(data=leader.pkcs12(passphrase=PASSPHRASE), passphrase=b"sai")


@pytest.fixture(scope="module")
def softhsm_token(tmp_path_factory):
    """A fresh SoftHSM token holding the leader's key and certificate and the root."""
    if not (os.path.exists(SOFTHSM_LIBRARY)):
        pytest.skip("needs SoftHSM")  # the marker's check fails it in CI
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    env = {**os.environ}

    def run(*args):
        subprocess.run(args, check=True, capture_output=True, env=env)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        TOKEN,
        "--pin",
        PIN,
        "--so-pin",
        SO_PIN,
    )
    leader, root = demo_pki().leader, demo_pki().root
    (base / "key.pem").write_bytes(leader.key_pem())
    (base / "cert.der").write_bytes(leader.certificate_der())
    (base / "root.der").write_bytes(root.certificate_der())
    run(
        "softhsm2-util", "--import", str(base / "key.pem"), "--token", TOKEN,
        "--label", LABEL, "--id", "01", "--pin", PIN,
    )  # fmt: skip
    for path, label, ident in ((base / "cert.der", LABEL, "01"), (base / "root.der", "goc", "02")):
        run(
            "pkcs11-tool", "--module", SOFTHSM_LIBRARY, "--token-label", TOKEN, "--login",
            "--pin", PIN, "--write-object", str(path), "--type", "cert", "--label", label,
            "--id", ident,
        )  # fmt: skip
    import pkcs11

    # SoftHSM reads SOFTHSM2_CONF when initialised: start it again with this token directory.
    pkcs11.lib(SOFTHSM_LIBRARY).reinitialize()
    yield TOKEN
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous
    pkcs11.lib(SOFTHSM_LIBRARY).reinitialize()


@pytest.mark.softhsm
def test_a_key_on_a_softhsm_token_signs_a_pdf_that_validates(softhsm_token, tmp_path):
    key = keys.Pkcs11Key(
        library=SOFTHSM_LIBRARY, token_label=softhsm_token, pin=PIN, key_label=LABEL
    )
    assert key.certificate_der() == demo_pki().leader.certificate_der()
    assert key.chain_der() == [demo_pki().root.certificate_der()]
    assert _verifies(key.certificate_der(), b"du lieu", key.sign(b"du lieu"))

    signed = pades.sign_with(
        pdf=decision_pdf(),
        key=key,
        field_name="ky_ca_nhan",
        appearance=personal_appearance(),
        reason="Phê duyệt",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
    )
    [check] = validation.check_pdf(signed, trust_roots=[demo_pki().root.certificate_der()])
    assert check.valid
    assert check.trusted
    assert check.signer == "Trần Thị Bình"
    assert "KT. CHỦ TỊCH" in pdftotext(signed, tmp_path, page=3)


@pytest.mark.softhsm
def test_a_wrong_pin_token_or_key_label_is_a_conflict_in_vietnamese(softhsm_token):
    def key(**changes):
        settings = {"token_label": softhsm_token, "pin": PIN, "key_label": LABEL} | changes
        return keys.Pkcs11Key(library=SOFTHSM_LIBRARY, **settings)

    for attempt in (
        lambda: key(pin="000000").sign(b"x"),
        lambda: key(key_label="khong-co").sign(b"x"),
        lambda: key(key_label="khong-co").certificate_der(),
        lambda: key(token_label="khong-co").chain_der(),
    ):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == "key_unavailable"
        assert "Không dùng được khóa" in refused.value.message
