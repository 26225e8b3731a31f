"""`motcua demo_pki` on the demo province: roots in the trust store, every leader's personal
certificate loaded into an adapter, every issuing agency's seal in the key store — and the
same credentials when it runs again."""

from io import StringIO

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.signatures import services, trust
from motcua.signatures.models import Credential, CredentialKind, SessionStatus
from motcua.signatures.simulators.models import SimulatedRemoteKey
from motcua.signatures.validation import check_pdf
from tests.signatures.pdfs import decision_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_stores(settings, demo_province):
    settings.MOTCUA_KEY_STORE = demo_province / "keys"
    settings.MOTCUA_TRUST_STORE = demo_province / "trust"
    settings.MOTCUA_SIGNING_PLUGIN_TOKENS = demo_province / "plugin-tokens"
    settings.MOTCUA_TIMESTAMP_URL = None
    trust.reset()
    yield demo_province
    trust.reset()


def common_name(der: bytes) -> str:
    certificate = x509.load_der_x509_certificate(der)
    return certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value


def run() -> str:
    out = StringIO()
    call_command("demo_pki", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        credential.pk: (
            credential.user_id,
            credential.agency_id,
            credential.kind,
            bytes(credential.certificate),
        )
        for credential in Credential.objects.all()
    }


def test_demo_pki_loads_every_leader_and_seal_and_is_idempotent(demo_stores):
    summary = run()

    assert {common_name(der) for der in trust.roots()} >= {
        "Ban Cơ yếu Chính phủ (thử nghiệm)",
        "NEAC (thử nghiệm)",
    }
    by_username = {
        c.user.username: c
        for c in Credential.objects.filter(user__isnull=False).select_related("user")
    }
    assert set(by_username) == {"ld.tuphap", "ld.anhoa", "ld.tanphu"}
    assert by_username["ld.tuphap"].kind == CredentialKind.PLUGIN
    assert (demo_stores / "plugin-tokens" / "ld.tuphap.p12").exists()
    assert by_username["ld.anhoa"].kind == CredentialKind.REMOTE
    assert by_username["ld.tanphu"].kind == CredentialKind.PKCS12  # a key the server holds
    assert (demo_stores / "keys" / "person-ld.tanphu.p12").exists()
    assert SimulatedRemoteKey.objects.filter(user_id="ld.anhoa").exists()
    assert common_name(by_username["ld.anhoa"].certificate_der()) == "Bùi Văn Sơn"
    assert bytes(by_username["ld.anhoa"].image).startswith(b"\x89PNG")
    seals = {
        c.agency.code: c
        for c in Credential.objects.filter(agency__isnull=False).select_related("agency")
    }
    assert set(seals) == {"000.00.12.H99", "000.00.31.H99", "000.00.34.H99"}
    assert all(seal.kind == CredentialKind.PKCS12 for seal in seals.values())
    assert seals["000.00.31.H99"].seal_diameter_mm == 36
    assert "Bùi Văn Sơn: chữ ký cá nhân, ký số từ xa" in summary
    assert "Lý Văn Cường: chữ ký cá nhân, khóa lưu trên máy chủ" in summary
    assert "PIN 123456" in summary

    first = snapshot()
    run()
    assert snapshot() == first


def test_a_demo_seal_signs_and_validates_against_the_demo_trust_store(demo_stores):
    run()
    seal = Credential.objects.get(agency__code="000.00.31.H99")
    clerk = User.objects.get(username="vt.anhoa")

    session = services.start(
        user=clerk,
        credential=seal,
        pdf=decision_pdf(),
        field_name="ky_to_chuc",
        appearance=None,
        reason="Phát hành",
        location="Phường An Hòa",
        purpose="demo.seal:1",
        next_url="/can-bo/",
    )

    assert session.status == SessionStatus.SIGNED
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.valid
    assert check.trusted
