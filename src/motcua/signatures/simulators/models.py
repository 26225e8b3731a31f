"""What the remote-signing simulator keeps: the keys it holds for its users and the signing
requests waiting for them to confirm on the "phone" page. Loaded from `signatures.models`."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SimulatedRemoteKey(models.Model):
    """A key held by the simulated provider for one of its users (`user_id`, as the provider
    knows them), as PKCS#12; confirming a request asks for `pin`."""

    user_id = models.CharField(_("mã người dùng"), max_length=100, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=255)
    pkcs12 = models.BinaryField(_("khóa (PKCS#12)"))
    passphrase = models.CharField(_("mật khẩu tệp khóa"), max_length=100)
    pin = models.CharField(_("mã PIN"), max_length=20)

    class Meta:
        app_label = "signatures"
        verbose_name = _("khóa của dịch vụ ký số từ xa mô phỏng")
        verbose_name_plural = _("khóa của dịch vụ ký số từ xa mô phỏng")

    def __str__(self) -> str:
        return f"{self.user_id} — {self.full_name}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    SIGNED = "signed", _("Đã ký")
    REJECTED = "rejected", _("Đã từ chối")
    EXPIRED = "expired", _("Hết hạn")


class SimulatedSignRequest(models.Model):
    """A hash sent to be signed, waiting for the key holder's confirmation."""

    transaction_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.ForeignKey(SimulatedRemoteKey, on_delete=models.CASCADE, related_name="requests")
    digest = models.BinaryField(_("giá trị băm SHA-256"))
    description = models.CharField(_("nội dung"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=RequestStatus.choices)
    signature = models.BinaryField(_("chữ ký"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm gửi"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))

    class Meta:
        app_label = "signatures"
        ordering = ("-created_at",)
        verbose_name = _("yêu cầu ký mô phỏng")
        verbose_name_plural = _("yêu cầu ký mô phỏng")

    def __str__(self) -> str:
        return f"{self.transaction_id} ({self.get_status_display()})"
