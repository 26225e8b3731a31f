"""PAdES signatures in two halves, so that whoever holds the key can sign in between.

`prepare` adds a signature field (with its visible stamp) to the PDF as an incremental update,
reserves room for the signature, and returns the CMS signed attributes the signer must sign
(SHA-256 + RSA PKCS#1 v1.5) with a JSON-serialisable `state`. `complete` checks the signature
against the certificate, builds the CMS container (adding an RFC 3161 time-stamp when a
time-stamp authority is given: PAdES B-T, otherwise B-B) and writes it into the reserved room.
Earlier signatures stay valid: each signature is a new revision of the file.

The state carries the prepared PDF itself (base64), so it is as large as the file; callers keep
it server-side (database or cache), never in the browser.
"""

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

import aiohttp
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper, TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.core.errors import ValidationFailed
from motcua.signatures import aio, stamps
from motcua.signatures.keys import ServerKey

MD_ALGORITHM = "sha256"
# Room for the CMS container beyond pyHanko's estimate without a time-stamp: a time-stamp token
# with its TSA certificate chain (a few kB of DER, written as hex).
TIMESTAMP_ROOM = 16384
STATE_VERSION = 1


@dataclass(frozen=True)
class Pending:
    to_be_signed: bytes  # DER of the CMS signed attributes: what the signer signs
    digest: bytes  # sha256(to_be_signed), for providers that sign a hash
    state: dict  # JSON-serialisable: everything complete() needs


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _reader_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise ValidationFailed(_("Tệp không phải là PDF hợp lệ."), code="not_a_pdf") from exc


def _signature_size(certificate: x509.Certificate) -> int:
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValidationFailed(
            _("Chứng thư số phải dùng khóa RSA."), code="unsupported_certificate"
        )
    return public_key.key_size // 8


def _external_signer(
    certificate_der: bytes, chain: list[bytes], signature: bytes | int
) -> signers.ExternalSigner:
    registry = SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(der) for der in chain])
    return signers.ExternalSigner(
        signing_cert=asn1_x509.Certificate.load(certificate_der),
        cert_registry=registry,
        signature_value=signature,
    )


async def _digest(writer, signer, meta, *, appearance, signed_at):
    """The document with its new field and reserved room, its digest and the signed attributes."""
    if appearance is not None:
        try:
            page, box = stamps.placement(appearance, writer)
        except ValueError as exc:
            raise ValidationFailed(
                _("Trang đặt chữ ký không có trong văn bản."), code="bad_page"
            ) from exc
        field_spec = fields.SigFieldSpec(meta.field_name, on_page=page, box=box)
        style = stamps.stamp_style(appearance)
    else:
        field_spec, style = fields.SigFieldSpec(meta.field_name), None
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=field_spec)
    session = pdf_signer.init_signing_session(writer)
    # The signing time shown in /M and in the stamp is the caller's (motcua.core.clock).
    session.system_time = signed_at
    estimate = await session.estimate_signature_container_size(None)
    tbs = session.prepare_tbs_document(
        validation_info=None, bytes_reserved=estimate + TIMESTAMP_ROOM
    )
    prepared, output = tbs.digest_tbs_document()
    signed_attrs = await signer.signed_attrs(
        prepared.document_digest,
        MD_ALGORITHM,
        attr_settings=PdfCMSSignedAttributes(signing_time=signed_at),
        use_pades=True,
    )
    return prepared, output, signed_attrs


async def _prepare(
    *,
    pdf: bytes,
    certificate: bytes,
    chain: list[bytes],
    field_name: str,
    appearance: stamps.Appearance | None,
    reason: str,
    location: str,
    signed_at: datetime,
) -> Pending:
    try:
        cert = x509.load_der_x509_certificate(certificate)
    except ValueError as exc:
        raise ValidationFailed(_("Chứng thư số không đọc được."), code="bad_certificate") from exc
    writer = _reader_writer(pdf)
    signer = _external_signer(certificate, chain, _signature_size(cert))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=MD_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    try:
        prepared, output, signed_attrs = await _digest(
            writer, signer, meta, appearance=appearance, signed_at=signed_at
        )
    except (SigningError, PdfError) as exc:
        raise ValidationFailed(
            _("Không thể ký tệp PDF này: %(error)s") % {"error": exc}, code="cannot_sign"
        ) from exc
    to_be_signed = signed_attrs.dump()
    state = {
        "version": STATE_VERSION,
        "pdf": _b64(output.getvalue()),
        "document_digest": prepared.document_digest.hex(),
        "reserved_start": prepared.reserved_region_start,
        "reserved_end": prepared.reserved_region_end,
        "signed_attrs": _b64(to_be_signed),
        "certificate": _b64(certificate),
        "chain": [_b64(der) for der in chain],
        "field_name": field_name,
    }
    return Pending(
        to_be_signed=to_be_signed, digest=hashlib.sha256(to_be_signed).digest(), state=state
    )


def prepare(
    *,
    pdf: bytes,
    certificate: bytes,
    chain: list[bytes],
    field_name: str,
    appearance: stamps.Appearance | None,
    reason: str,
    location: str,
    signed_at: datetime,
) -> Pending:
    """The PDF with a new (empty) signature field and the bytes its signer must sign.

    Raises ValidationFailed "not_a_pdf", "bad_certificate", "unsupported_certificate" (not
    RSA), "bad_page" (the appearance's page is not in the document), "bad_image" (the stamp's
    picture is not an image) or "cannot_sign" (pyHanko refuses: e.g. the field is already signed,
    the file is encrypted).
    """
    return aio.run(
        _prepare(
            pdf=pdf,
            certificate=certificate,
            chain=chain,
            field_name=field_name,
            appearance=appearance,
            reason=reason,
            location=location,
            signed_at=signed_at,
        )
    )


def _check_signature(certificate_der: bytes, to_be_signed: bytes, signature: bytes) -> None:
    public_key = x509.load_der_x509_certificate(certificate_der).public_key()
    try:
        public_key.verify(signature, to_be_signed, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise ValidationFailed(
            _("Chữ ký số không khớp với chứng thư số của người ký; văn bản chưa được ký."),
            code="bad_signature",
        ) from exc


async def _complete(*, state: dict, signature: bytes, timestamper: TimeStamper | None) -> bytes:
    try:
        if state.get("version") != STATE_VERSION:
            raise KeyError("version")
        certificate = _unb64(state["certificate"])
        to_be_signed = _unb64(state["signed_attrs"])
        prepared = PreparedByteRangeDigest(
            document_digest=bytes.fromhex(state["document_digest"]),
            reserved_region_start=int(state["reserved_start"]),
            reserved_region_end=int(state["reserved_end"]),
        )
        output = BytesIO(_unb64(state["pdf"]))
        chain = [_unb64(der) for der in state["chain"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed(
            _("Phiên ký không hợp lệ hoặc đã hết hạn; hãy ký lại."), code="bad_state"
        ) from exc
    _check_signature(certificate, to_be_signed, signature)
    signer = _external_signer(certificate, chain, signature)
    signed_attrs = cms.CMSAttributes.load(to_be_signed)
    try:
        container = await signer.async_sign_prescribed_attributes(
            MD_ALGORITHM, signed_attrs, timestamper=timestamper
        )
    except (TimeoutError, TimestampRequestError, aiohttp.ClientError) as exc:
        raise ValidationFailed(
            _("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian; hãy thử lại."),
            code="timestamp_failed",
        ) from exc
    await PdfTBSDocument.async_finish_signing(output, prepared, container)
    return output.getvalue()


def complete(*, state: dict, signature: bytes, timestamp_url: str | None = None) -> bytes:
    """The signed PDF: `signature` (over `Pending.to_be_signed`) embedded as a PAdES signature,
    time-stamped by the RFC 3161 authority at `timestamp_url` if given.

    Raises ValidationFailed "bad_signature" when the signature does not verify against the
    prepared certificate (nothing is returned then), "bad_state" for a damaged state,
    "timestamp_failed" when the time-stamp authority does not answer properly.
    """
    timestamper = HTTPTimeStamper(timestamp_url) if timestamp_url else None
    return complete_with_timestamper(state=state, signature=signature, timestamper=timestamper)


def complete_with_timestamper(
    *, state: dict, signature: bytes, timestamper: TimeStamper | None
) -> bytes:
    """`complete` with any pyHanko time-stamper (tests use DummyTimeStamper)."""
    return aio.run(_complete(state=state, signature=signature, timestamper=timestamper))


def sign_with(
    *,
    pdf: bytes,
    key: ServerKey,
    field_name: str,
    appearance: stamps.Appearance | None,
    reason: str,
    location: str,
    signed_at: datetime,
    timestamp_url: str | None = None,
) -> bytes:
    """Both halves at once with a key the server holds (PKCS#12 file or PKCS#11 token)."""
    pending = prepare(
        pdf=pdf,
        certificate=key.certificate_der(),
        chain=key.chain_der(),
        field_name=field_name,
        appearance=appearance,
        reason=reason,
        location=location,
        signed_at=signed_at,
    )
    return complete(
        state=pending.state, signature=key.sign(pending.to_be_signed), timestamp_url=timestamp_url
    )
