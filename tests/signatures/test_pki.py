"""The demo CA toolkit: chains that verify, subjects that say who, PKCS#12 that round-trips."""

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError

from motcua.signatures import aio, pki
from tests.signatures.pdfs import demo_pki


def _validate(leaf: pki.Issued, root: pki.Issued):
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(root.certificate_der())], allow_fetching=False
    )
    validator = CertificateValidator(
        asn1_x509.Certificate.load(leaf.certificate_der()), validation_context=context
    )
    return aio.run(validator.async_validate_usage({"digital_signature", "non_repudiation"}))


def test_a_leaf_chains_to_its_root_for_document_signing():
    ca = demo_pki()
    assert ca.leader.chain == (ca.root.certificate,)
    ca.leader.certificate.verify_directly_issued_by(ca.root.certificate)
    path = _validate(ca.leader, ca.root)
    assert path.trust_anchor.certificate.dump() == ca.root.certificate_der()
    assert path.leaf.dump() == ca.leader.certificate_der()
    with pytest.raises(PathBuildingError):
        _validate(ca.leader, ca.other_root)


def test_a_persons_subject_carries_name_organisation_title_and_personal_number():
    subject = demo_pki().leader.certificate.subject

    def first(oid):
        return subject.get_attributes_for_oid(oid)[0].value

    assert first(NameOID.COMMON_NAME) == "Trần Thị Bình"
    assert first(NameOID.ORGANIZATION_NAME) == "UBND xã Tân Phú"
    assert first(NameOID.TITLE) == "Phó Chủ tịch"
    assert first(NameOID.USER_ID) == "CCCD:001190123456"
    seal = demo_pki().seal.certificate.subject
    assert not seal.get_attributes_for_oid(NameOID.USER_ID)
    assert not seal.get_attributes_for_oid(NameOID.TITLE)


def test_the_tsa_certificate_is_for_time_stamping_only():
    from cryptography import x509

    eku = demo_pki().tsa.certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical
    assert list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def test_pkcs12_round_trip_keeps_key_certificate_and_chain():
    leader = demo_pki().leader
    data = leader.pkcs12(passphrase=b"bi-mat", friendly_name="Trần Thị Bình")
    loaded = pki.load_pkcs12(data, passphrase=b"bi-mat")
    assert loaded.certificate_der() == leader.certificate_der()
    assert loaded.chain_der() == leader.chain_der()
    signature = loaded.key.sign(b"du lieu", padding.PKCS1v15(), hashes.SHA256())
    leader.certificate.public_key().verify(
        signature, b"du lieu", padding.PKCS1v15(), hashes.SHA256()
    )
    with pytest.raises(InvalidSignature):
        leader.certificate.public_key().verify(
            signature, b"du lieu khac", padding.PKCS1v15(), hashes.SHA256()
        )
    with pytest.raises(ValueError, match=r"(?i)password"):
        pki.load_pkcs12(data, passphrase=b"sai")
