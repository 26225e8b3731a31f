"""Signing sessions with keys the server holds (PKCS#12 file; PKCS#11 token on SoftHSM): signed
at once, completion handlers run in the same transaction, audited; and who may act on what."""

import os
import subprocess
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.signatures import registry, selectors, services, stamps
from motcua.signatures.models import Credential, CredentialKind, SessionStatus, SigningSession
from motcua.signatures.validation import check_pdf
from tests.factories import OfficerFactory
from tests.signatures.pdfs import decision_pdf, demo_pki, key_of
from tests.signatures.signing import (
    NEXT,
    leader,
    personal_credential,
    seal_credential,
    use_stores,
)

pytestmark = pytest.mark.django_db

BOX = (330.0, 420.0, 540.0, 560.0)


@pytest.fixture
def stores(settings, tmp_path):
    yield from use_stores(settings, tmp_path)


def seal_appearance() -> dict:
    personal = stamps.Appearance(page=-1, box=BOX)
    appearance = stamps.seal_over(personal=personal, seal_image=b"\x89PNG")
    return {**services.appearance_data(appearance), "image": True}


def start_seal(credential, clerk, purpose="test.seal:1"):
    return services.start(
        user=clerk,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky_to_chuc",
        appearance=seal_appearance(),
        reason="Phát hành văn bản",
        location="UBND xã An Phú",
        purpose=purpose,
        next_url=NEXT,
    )


@pytest.fixture
def handler_calls():
    calls = []

    def remember(session: SigningSession) -> None:
        # Inside the completing transaction: the row already says signed, with its PDF.
        stored = SigningSession.objects.get(pk=session.pk)
        calls.append((stored.status, bytes(stored.signed_pdf)[:5]))

    registry.on_signed("test.seal:", remember)
    yield calls
    registry.forget("test.seal:", remember)


def test_a_seal_in_the_key_store_signs_at_once_and_the_pdf_validates(stores, handler_calls):
    credential, clerk = seal_credential(stores)
    credential.image = stamps.demo_seal_png("UBND xã An Phú")
    credential.save()

    session = start_seal(credential, clerk)

    assert session.status == SessionStatus.SIGNED
    assert handler_calls == [(SessionStatus.SIGNED, b"%PDF-")]
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.field == "ky_to_chuc"
    assert check.signer == "UBND xã Tân Phú"  # the seal certificate of the test PKI
    assert check.intact
    assert check.valid
    assert check.trusted
    entry = AuditEntry.objects.get(action="signature.sign")
    assert entry.actor_id == clerk.pk
    assert entry.data["purpose"] == "test.seal:1"


def test_a_handlers_refusal_rolls_the_signature_back_and_is_shown(stores):
    credential, clerk = seal_credential(stores)

    def refuse(session):
        raise Conflict("Hồ sơ đã được phát hành.", code="already_issued")

    registry.on_signed("test.refused:", refuse)
    try:
        with pytest.raises(Conflict) as refused:
            start_seal(credential, clerk, purpose="test.refused:1")
    finally:
        registry.forget("test.refused:", refuse)
    assert refused.value.code == "already_issued"
    assert not SigningSession.objects.exists()
    assert not AuditEntry.objects.filter(action="signature.sign").exists()


def test_only_the_agencys_records_clerk_may_use_its_seal(stores):
    credential, _clerk = seal_credential(stores)
    with pytest.raises(Forbidden) as refused:
        start_seal(credential, OfficerFactory())
    assert refused.value.code == "not_your_credential"


def test_a_personal_credential_is_its_owners_only(stores):
    owner = leader()
    credential = personal_credential(owner, CredentialKind.PLUGIN)
    with pytest.raises(Forbidden):
        services.start(
            user=OfficerFactory(),
            credential=credential,
            pdf=decision_pdf(),
            field_name="ky",
            appearance=None,
            reason="",
            location="",
            purpose="test.x:1",
            next_url=NEXT,
        )


def test_a_session_is_seen_and_acted_on_only_by_whoever_started_it(stores):
    owner = leader()
    credential = personal_credential(owner, CredentialKind.PLUGIN)
    session = services.start(
        user=owner,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky",
        appearance=None,
        reason="Phê duyệt",
        location="",
        purpose="test.x:1",
        next_url=NEXT,
    )
    stranger = OfficerFactory()
    assert selectors.session_for(owner, session.pk) == session
    with pytest.raises(NotFound):
        selectors.session_for(stranger, session.pk)
    with pytest.raises(NotFound):
        services.attach_certificate(
            user=stranger,
            session=session,
            certificate=credential.certificate_der(),
            chain=[],
        )
    with pytest.raises(NotFound):
        services.finish_with_signature(user=stranger, session=session, signature=b"x" * 256)
    with pytest.raises(NotFound):
        services.poll(session=session, user=stranger)


def test_an_inactive_credential_is_refused(stores):
    owner = leader()
    credential = personal_credential(owner, CredentialKind.PLUGIN)
    credential.active = False
    credential.save()
    with pytest.raises(Conflict) as refused:
        services.start(
            user=owner,
            credential=credential,
            pdf=decision_pdf(),
            field_name="ky",
            appearance=None,
            reason="",
            location="",
            purpose="test.x:1",
            next_url=NEXT,
        )
    assert refused.value.code == "credential_inactive"


def test_a_credential_is_a_persons_or_an_agencys_never_both(stores):
    credential, _clerk = seal_credential(stores)
    credential.user = leader()
    with pytest.raises(IntegrityError):
        credential.save()


def test_a_missing_key_file_is_a_clear_refusal(stores):
    credential, clerk = seal_credential(stores)
    (stores / "keys" / "seal.p12").unlink()
    with pytest.raises(Conflict) as refused:
        start_seal(credential, clerk)
    assert refused.value.code == "key_unavailable"


@pytest.mark.parametrize(
    "config",
    [
        {"file": "../seal.p12"},  # outside the key store
        {"file": "/etc/ssl/private/other.p12"},
        {"passphrase_env": "HOME", "passphrase": None},  # not an installation's secret
    ],
)
def test_a_credential_names_only_its_own_key_file_and_secrets(stores, config):
    credential, clerk = seal_credential(stores)
    credential.config = {**credential.config, **config}
    credential.save()
    with pytest.raises(Conflict) as refused:
        start_seal(credential, clerk)
    assert refused.value.code == "key_not_configured"


def test_a_pkcs11_library_must_be_one_the_settings_allow(stores, settings):
    settings.MOTCUA_PKCS11_LIBRARIES = ["/usr/lib/softhsm/libsofthsm2.so"]
    owner = leader()
    credential = personal_credential(
        owner,
        CredentialKind.PKCS11,
        {"library": "/tmp/anything.so", "token_label": "x", "key_label": "y"},
    )
    with pytest.raises(Conflict) as refused:
        services.key_for(credential)
    assert refused.value.code == "key_not_configured"


SOFTHSM_PIN = "1234"


@pytest.mark.softhsm
def test_a_key_on_a_pkcs11_token_signs_through_softhsm(stores, monkeypatch):
    library = os.environ.get("SOFTHSM_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so")
    tokens = stores / "softhsm"
    tokens.mkdir()
    conf = stores / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    monkeypatch.setenv("MOTCUA_TEST_TOKEN_PIN", SOFTHSM_PIN)
    issued = demo_pki().leader
    key_file, cert_file = stores / "key.pem", stores / "cert.der"
    key_file.write_bytes(issued.key_pem())
    cert_file.write_bytes(issued.certificate_der())
    run = lambda *args: subprocess.run(args, check=True, capture_output=True)  # noqa: E731
    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "lanh-dao",
        "--pin",
        SOFTHSM_PIN,
        "--so-pin",
        "5678",
    )
    run(
        "softhsm2-util",
        "--import",
        str(key_file),
        "--token",
        "lanh-dao",
        "--label",
        "ky",
        "--id",
        "01",
        "--pin",
        SOFTHSM_PIN,
    )
    run(
        "pkcs11-tool",
        "--module",
        library,
        "--token-label",
        "lanh-dao",
        "--login",
        "--pin",
        SOFTHSM_PIN,
        "--write-object",
        str(cert_file),
        "--type",
        "cert",
        "--label",
        "ky",
        "--id",
        "01",
    )
    owner = leader()
    credential = personal_credential(
        owner,
        CredentialKind.PKCS11,
        {
            "library": library,
            "token_label": "lanh-dao",
            "key_label": "ky",
            "pin_env": "MOTCUA_TEST_TOKEN_PIN",
        },
    )

    session = services.start(
        user=owner,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky_ca_nhan",
        appearance=None,
        reason="Phê duyệt",
        location="",
        purpose="test.hsm:1",
        next_url=NEXT,
    )

    assert session.status == SessionStatus.SIGNED
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.signer == "Trần Thị Bình"
    assert check.valid
    assert check.trusted


def _plugin_prepared(purpose: str):
    """A plug-in session whose certificate the plug-in reported: (owner, session, to sign)."""
    owner = leader()
    credential = personal_credential(owner, CredentialKind.PLUGIN)
    session = services.start(
        user=owner,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky",
        appearance=None,
        reason="",
        location="",
        purpose=purpose,
        next_url=NEXT,
    )
    to_sign = services.attach_certificate(
        user=owner, session=session, certificate=credential.certificate_der(), chain=[]
    )
    return owner, session, to_sign


def test_a_plugin_credentials_bad_signature_is_refused_and_the_session_waits(stores):
    owner, session, _to_sign = _plugin_prepared("test.x:1")
    with pytest.raises(ValidationFailed) as refused:
        services.finish_with_signature(user=owner, session=session, signature=b"\0" * 256)
    assert refused.value.code == "bad_signature"
    session.refresh_from_db()
    assert session.status == SessionStatus.WAITING_CONFIRMATION
    assert Credential.objects.count() == 1


def test_a_second_completion_leaves_the_signed_session_as_it_was(stores):
    """Two tabs, or a double post: the late one is refused and the signed PDF stays."""
    owner, session, to_sign = _plugin_prepared("test.x:2")
    signature = key_of(demo_pki().leader).sign(to_sign)
    stale = SigningSession.objects.get(pk=session.pk)
    services.finish_with_signature(user=owner, session=session, signature=signature)
    with pytest.raises(Conflict):
        services.finish_with_signature(user=owner, session=stale, signature=signature)
    session.refresh_from_db()
    assert session.status == SessionStatus.SIGNED
    assert check_pdf(bytes(session.signed_pdf))[0].valid


def test_a_session_left_waiting_too_long_expires(stores, settings):
    owner = leader()
    credential = personal_credential(owner, CredentialKind.PLUGIN)
    session = services.start(
        user=owner,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky",
        appearance=None,
        reason="",
        location="",
        purpose="test.x:1",
        next_url=NEXT,
    )
    later = clock.now() + timedelta(minutes=settings.MOTCUA_SIGNING_SESSION_MINUTES + 1)
    with clock.frozen(later), pytest.raises(Conflict) as refused:
        services.attach_certificate(
            user=owner, session=session, certificate=credential.certificate_der(), chain=[]
        )
    assert refused.value.code == "expired"
    session.refresh_from_db()
    assert session.status == SessionStatus.EXPIRED


def test_the_administrator_adds_a_credential_by_uploading_its_certificate(admin_client):
    owner = leader()
    pem = demo_pki().leader.certificate.public_bytes(Encoding.PEM)
    response = admin_client.post(
        "/admin/signatures/credential/add/",
        {
            "user": owner.pk,
            "kind": CredentialKind.REMOTE,
            "label": "Trần Thị Bình — ký số từ xa",
            "config": '{"user_id": "binh.tran"}',
            "active": "on",
            "certificate_file": SimpleUploadedFile("binh.crt", pem),
            "image_file": SimpleUploadedFile("chu-ky.png", stamps.demo_signature_png("Bình")),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    credential = Credential.objects.get(user=owner)
    assert credential.certificate_der() == demo_pki().leader.certificate_der()
    assert bytes(credential.image).startswith(b"\x89PNG")

    refused = admin_client.post(
        "/admin/signatures/credential/add/",
        {
            "user": owner.pk,
            "kind": CredentialKind.REMOTE,
            "label": "Không có chứng thư",
            "config": "{}",
            "certificate_file": SimpleUploadedFile("sai.crt", b"khong phai chung thu"),
        },
    )
    assert "Tệp không phải chứng thư số." in refused.content.decode()
