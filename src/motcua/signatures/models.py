"""Signing credentials (a person's signature or an organisation's seal, and where its key lives)
and signing sessions (one signature being made, possibly waiting for the signer elsewhere: the
remote provider's phone app or the signing plug-in on the leader's computer)."""

import base64
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CredentialKind(models.TextChoices):
    PKCS12 = "pkcs12", _("Khóa lưu trên máy chủ (PKCS#12)")
    PKCS11 = "pkcs11", _("Thiết bị ký số HSM/token (PKCS#11)")
    REMOTE = "remote", _("Ký số từ xa")
    PLUGIN = "plugin", _("Plug-in ký số trên máy tính người ký")


class Credential(models.Model):
    """A certificate someone signs with: a person's (`user`) or an organisation's seal (`agency`),
    exactly one of the two.

    `config` says where the key is, by `kind`:
    - pkcs12: `{"file": <name under settings.MOTCUA_KEY_STORE>, "passphrase_env": <environment
      variable holding the passphrase>}`; only the demo (`motcua demo_pki`) writes the passphrase
      itself as `"passphrase"`, since its keys are public anyway;
    - pkcs11: `{"library", "token_label", "key_label", "pin_env"}`;
    - remote: `{"user_id": <the provider's user id>}`;
    - plugin: `{}` — the certificate identifies the token the plug-in must use.
    `image` is a transparent PNG: the person's signature (blue) or the agency's seal (red),
    printed at `seal_diameter_mm` for a seal.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan (con dấu)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    kind = models.CharField(_("cách ký"), max_length=10, choices=CredentialKind.choices)
    label = models.CharField(_("tên gọi"), max_length=255)
    certificate = models.BinaryField(_("chứng thư số (DER)"))
    # The issuers' certificates, DER in base64, nearest first.
    chain = models.JSONField(_("chuỗi chứng thư"), default=list, blank=True)
    config = models.JSONField(_("cấu hình"), default=dict, blank=True)
    image = models.BinaryField(_("hình ảnh chữ ký / con dấu (PNG)"), blank=True, default=b"")
    seal_diameter_mm = models.PositiveSmallIntegerField(
        _("đường kính con dấu (mm)"), null=True, blank=True
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, agency__isnull=True)
                | Q(user__isnull=True, agency__isnull=False),
                name="credential_person_or_seal",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def certificate_der(self) -> bytes:
        return bytes(self.certificate)

    def chain_der(self) -> list[bytes]:
        return [base64.b64decode(item) for item in self.chain]


class SessionStatus(models.TextChoices):
    WAITING_CERTIFICATE = "waiting_certificate", _("Chờ phần mềm ký số trên máy tính")
    WAITING_CONFIRMATION = "waiting_confirmation", _("Chờ người ký xác nhận")
    SIGNED = "signed", _("Đã ký")
    REFUSED = "refused", _("Bị từ chối")
    EXPIRED = "expired", _("Hết thời gian chờ")
    FAILED = "failed", _("Không ký được")


WAITING = (SessionStatus.WAITING_CERTIFICATE, SessionStatus.WAITING_CONFIRMATION)


class SigningSession(models.Model):
    """One signature being made on `pdf` with `credential`, by `created_by`; `purpose` (a short
    machine string such as `dossier.personal:<code>`) tells the completion handlers
    (`signatures.registry`) what the signed PDF is for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    credential = models.ForeignKey(
        Credential, verbose_name=_("chứng thư"), on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.BinaryField(_("văn bản cần ký (PDF)"))
    appearance = models.JSONField(_("hình thức chữ ký"), default=dict, blank=True)
    field_name = models.CharField(_("trường chữ ký"), max_length=100)
    reason = models.CharField(_("lý do ký"), max_length=500, blank=True)
    location = models.CharField(_("nơi ký"), max_length=255, blank=True)
    description = models.CharField(_("nội dung ký"), max_length=500, blank=True)
    purpose = models.CharField(_("mục đích"), max_length=200, db_index=True)
    next_url = models.CharField(_("trang tiếp theo"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=25, choices=SessionStatus.choices)
    pending = models.JSONField(_("trạng thái chuẩn bị"), default=dict, blank=True)
    to_be_signed = models.BinaryField(_("dữ liệu cần ký"), blank=True, default=b"")
    provider_reference = models.CharField(_("mã giao dịch"), max_length=200, blank=True)
    error_code = models.CharField(_("mã lỗi"), max_length=50, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"))
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    completed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    signed_pdf = models.BinaryField(_("văn bản đã ký (PDF)"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên ký số")
        verbose_name_plural = _("phiên ký số")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.purpose} ({self.get_status_display()})"

    @property
    def waiting(self) -> bool:
        return self.status in WAITING


# The remote-signing simulator's own rows (keys it holds and requests waiting on its "phone").
from motcua.signatures.simulators.models import (  # noqa: E402
    SimulatedRemoteKey,
    SimulatedSignRequest,
)

__all__ = [
    "Credential",
    "CredentialKind",
    "SessionStatus",
    "SigningSession",
    "SimulatedRemoteKey",
    "SimulatedSignRequest",
]
