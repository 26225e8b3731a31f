"""A small certificate authority on `cryptography`, for the demo (`motcua demo_pki`) and tests.

Production keys and certificates come from real CAs (Ban Cơ yếu Chính phủ, NEAC's public CAs);
this module only makes look-alikes: RSA 2048 keys, a self-signed root, and leaves that may sign
documents (key usage digitalSignature + nonRepudiation, extended key usage emailProtection and
Adobe's document signing). A leaf's subject carries CN, O, C, the title (2.5.4.12) and, for a
person, the personal number as UID (0.9.2342.19200300.100.1.1) written `CCCD:<number>`, the way
Vietnamese CAs write it; an organisation seal has no title and no UID.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

PrivateKey = rsa.RSAPrivateKey
# Adobe's "Authentic Documents Trust" document signing EKU (1.2.840.113583.1.1.5).
ADOBE_DOCUMENT_SIGNING = ObjectIdentifier("1.2.840.113583.1.1.5")
UID_PREFIX = "CCCD:"


@dataclass(frozen=True)
class Issued:
    """A key, its certificate and the issuers above it up to and including the root."""

    key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def chain_der(self) -> list[bytes]:
        return [cert.public_bytes(serialization.Encoding.DER) for cert in self.chain]

    def key_pem(self) -> bytes:
        """The private key, unencrypted PKCS#8 PEM (for importing into a token)."""
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def pkcs12(self, *, passphrase: bytes, friendly_name: str = "") -> bytes:
        """A PKCS#12 file holding the key, the certificate and the chain (AES-256 encrypted)."""
        encryption = (
            serialization.PrivateFormat.PKCS12.encryption_builder()
            .kdf_rounds(50000)
            .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
            .hmac_hash(hashes.SHA256())
            .build(passphrase)
        )
        return pkcs12.serialize_key_and_certificates(
            name=friendly_name.encode() or None,
            key=self.key,
            cert=self.certificate,
            cas=list(self.chain) or None,
            encryption_algorithm=encryption,
        )


def _new_key() -> PrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _years(valid_from: datetime, years: int) -> datetime:
    return valid_from + timedelta(days=365 * years + years // 4)


def make_root(
    *,
    common_name: str,
    organisation: str,
    country: str = "VN",
    valid_from: datetime,
    years: int = 20,
) -> Issued:
    """A self-signed root CA certificate (path length 1 is not imposed: leaves sit right under it)."""
    key = _new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(_years(valid_from, years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key=key, certificate=certificate, chain=(certificate,))


def make_leaf(
    *,
    issuer: Issued,
    common_name: str,
    organisation: str,
    title: str = "",
    personal_number: str = "",
    email: str = "",
    valid_from: datetime,
    years: int = 3,
    organisation_seal: bool = False,
) -> Issued:
    """A document-signing certificate issued by `issuer` (a person's, or an organisation's seal)."""
    key = _new_key()
    country = issuer.certificate.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, country[0].value if country else "VN")]
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if title and not organisation_seal:
        attributes.append(x509.NameAttribute(NameOID.TITLE, title))
    if personal_number and not organisation_seal:
        attributes.append(x509.NameAttribute(NameOID.USER_ID, UID_PREFIX + personal_number))
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(_years(valid_from, years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ADOBE_DOCUMENT_SIGNING]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    certificate = builder.sign(issuer.key, hashes.SHA256())
    return Issued(key=key, certificate=certificate, chain=(issuer.certificate, *issuer.chain[1:]))


def make_tsa(
    *, issuer: Issued, common_name: str, organisation: str, valid_from: datetime, years: int = 5
) -> Issued:
    """A time-stamp authority's certificate (critical extended key usage timeStamping)."""
    key = _new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(_years(valid_from, years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Issued(key=key, certificate=certificate, chain=(issuer.certificate, *issuer.chain[1:]))


def load_pkcs12(data: bytes, *, passphrase: bytes) -> Issued:
    """The key, certificate and chain in a PKCS#12 file; `ValueError` for a wrong passphrase."""
    key, certificate, others = pkcs12.load_key_and_certificates(data, passphrase)
    if not isinstance(key, rsa.RSAPrivateKey) or certificate is None:
        raise ValueError("PKCS#12 without an RSA key and its certificate")
    return Issued(key=key, certificate=certificate, chain=tuple(others))
