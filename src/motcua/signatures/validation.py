"""Who signed a PDF, whether each signature is intact and trusted, and what it covers.

Offline by design: certificate paths are built only from the trust roots given (default: the
trust store) and the certificates embedded in the file; nothing is fetched, and revocation
(CRL/OCSP) is NOT checked. A signature whose own data cannot be read is reported as not intact
(rather than refusing the whole file); bytes that are not a PDF at all are refused.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    SignatureCoverageLevel,
    async_validate_pdf_signature,
)
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from motcua.core.errors import ValidationFailed
from motcua.signatures import aio, trust

WHOLE_FILE, EARLIER_REVISION, PARTIAL = "whole_file", "earlier_revision", "partial"
# Either bit will do: public CAs set both, some signing certificates only digitalSignature.
SIGNER_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
UNKNOWN_END = 1 << 62  # a signature without a readable /ByteRange sorts last
# What may follow a signature without touching what it signed: more signatures (a new
# signature field and its stamp count as form filling) and validation data.
ALLOWED_LATER = {
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature. `intact`: the signed bytes are unchanged; `valid`: intact and the
    signature value verifies with the signer's certificate; `trusted`: that certificate chains
    to a trusted root (revocation not checked); `coverage`: "whole_file", "earlier_revision"
    (only more signatures or allowed changes came later) or "partial" (changed afterwards)."""

    field: str
    signer: str
    organisation: str
    serial: str
    signed_at: datetime | None
    timestamp_at: datetime | None
    intact: bool
    trusted: bool
    valid: bool
    coverage: str

    @property
    def ok(self) -> bool:
        return self.valid and self.trusted and self.coverage != PARTIAL

    def summary(self) -> str:
        """One Vietnamese sentence for officers and the public verification page."""
        who = self.signer
        if self.organisation and self.organisation != self.signer:
            who += f" ({self.organisation})"
        if not who:
            return _("Chữ ký ở ô “%(field)s” bị hỏng, không đọc được.") % {"field": self.field}
        if not self.intact or not self.valid:
            return _(
                "Chữ ký của %(who)s không còn nguyên vẹn: nội dung đã bị thay đổi sau khi ký."
            ) % {"who": who}
        state = (
            _("còn nguyên vẹn, tin cậy")
            if self.trusted
            else _("còn nguyên vẹn nhưng chứng thư số không do tổ chức tin cậy cấp")
        )
        scope = {
            WHOLE_FILE: _("áp dụng cho toàn bộ văn bản"),
            EARLIER_REVISION: _(
                "áp dụng cho văn bản như lúc ký; phần thêm sau đó chỉ là chữ ký khác"
            ),
            PARTIAL: _("chỉ áp dụng cho một phần: văn bản đã bị sửa sau khi ký"),
        }[self.coverage]
        return _("Chữ ký của %(who)s %(state)s, %(scope)s.") % {
            "who": who,
            "state": state,
            "scope": scope,
        }


def _coverage(status, signature_fields: set[str]) -> str:
    """pyHanko's "form filling" also covers a changed value of an ordinary form field (an
    amount, a name); only new signatures may follow what a signature covers."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return WHOLE_FILE
    diff = status.diff_result
    changed = diff.changed_form_fields if isinstance(diff, DiffResult) else set()
    if (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level in ALLOWED_LATER
        and status.docmdp_ok is not False
        and changed <= signature_fields
    ):
        return EARLIER_REVISION
    return PARTIAL


def _name_part(cert: asn1_x509.Certificate, key: str) -> str:
    value = cert.subject.native.get(key, "")
    return value[-1] if isinstance(value, list) else str(value or "")


def _broken(field: str) -> SignatureCheck:
    """A signature whose data cannot even be read: reported, never trusted."""
    return SignatureCheck(
        field=field,
        signer="",
        organisation="",
        serial="",
        signed_at=None,
        timestamp_at=None,
        intact=False,
        trusted=False,
        valid=False,
        coverage=PARTIAL,
    )


def _signatures(reader: PdfFileReader) -> list[EmbeddedPdfSignature | str]:
    """The document's signatures (not document time-stamps) in signing order; the field name
    of one that cannot be read stands in its place."""
    found: list[tuple[int, EmbeddedPdfSignature | str]] = []
    for name, value, field in enumerate_sig_fields(reader, filled_status=True):
        value = value.get_object()
        if value.get("/Type") == "/DocTimeStamp":
            continue
        try:
            byte_range = [int(n) for n in value.raw_get("/ByteRange")]
            end = byte_range[2] + byte_range[3]
        except (KeyError, TypeError, ValueError, IndexError):
            end = UNKNOWN_END
        try:
            found.append((end, EmbeddedPdfSignature(reader, field, name)))
        except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError, IndexError):
            found.append((end, name))
    return [signature for _end, signature in sorted(found, key=lambda item: item[0])]


async def _check(
    signature, roots: list[asn1_x509.Certificate], signature_fields: set[str]
) -> SignatureCheck:
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = await async_validate_pdf_signature(
            signature,
            signer_validation_context=context,
            ts_validation_context=ValidationContext(trust_roots=roots, allow_fetching=False),
            key_usage_settings=SIGNER_KEY_USAGE,
        )
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError, IndexError):
        return _broken(signature.field_name)
    cert = status.signing_cert
    stamp = status.timestamp_validity
    stamped = stamp is not None and stamp.intact and stamp.valid
    return SignatureCheck(
        field=signature.field_name,
        signer=_name_part(cert, "common_name"),
        organisation=_name_part(cert, "organization_name"),
        serial=format(cert.serial_number, "x"),
        signed_at=status.signer_reported_dt,
        timestamp_at=stamp.timestamp if stamped else None,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        valid=bool(status.intact and status.valid),
        coverage=_coverage(status, signature_fields),
    )


async def _check_all(pdf: bytes, roots: list[bytes]) -> list[SignatureCheck]:
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = _signatures(reader)
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValidationFailed(_("Tệp không phải là PDF hợp lệ."), code="not_a_pdf") from exc
    anchors = [asn1_x509.Certificate.load(der) for der in roots]
    fields = {s if isinstance(s, str) else s.field_name for s in signatures}
    return [
        _broken(signature)
        if isinstance(signature, str)
        else await _check(signature, anchors, fields)
        for signature in signatures
    ]


def check_pdf(pdf: bytes, *, trust_roots: list[bytes] | None = None) -> list[SignatureCheck]:
    """Each signature in `pdf`, in signing order ([] when there is none); trust_roots None =
    the trust store. Offline: nothing fetched, revocation not checked.

    Raises ValidationFailed "not_a_pdf" for bytes that are not a readable PDF.
    """
    if b"%PDF-" not in pdf[:1024]:  # readers accept the header anywhere in the first 1 kB
        raise ValidationFailed(_("Tệp không phải là PDF hợp lệ."), code="not_a_pdf")
    roots = trust.roots() if trust_roots is None else trust_roots
    return aio.run(_check_all(pdf, roots))
