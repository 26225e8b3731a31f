"""What a dossier owes and what was paid: fee lines assessed from the catalogue, payments (online
through a gateway, in cash at the desk, or confirmed by the national portal), each gateway call
about them, and refunds. Money is integer VND."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MerchantAccount(models.Model):
    """A collecting agency's account at a payment gateway (đơn vị thu): what the gateway calls
    the merchant, where its secret is, and the bank account the money goes to. The secret sits
    in an environment variable named MOTCUA_…; only a demo merchant keeps it inline."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị thu"),
        on_delete=models.PROTECT,
        related_name="merchant_accounts",
    )
    provider = models.CharField(_("cổng thanh toán"), max_length=32)
    merchant_code = models.CharField(_("mã đơn vị tại cổng (TmnCode)"), max_length=32)
    secret_env = models.CharField(
        _("biến môi trường chứa khóa bí mật"),
        max_length=64,
        blank=True,
        help_text=_("Tên bắt đầu bằng MOTCUA_, ví dụ MOTCUA_VNPAY_SECRET_SO_TU_PHAP."),
    )
    demo_secret = models.CharField(
        _("khóa bí mật (chỉ cho môi trường thử nghiệm)"), max_length=128, blank=True
    )
    payment_url = models.URLField(_("địa chỉ trang thanh toán"), max_length=500)
    api_url = models.URLField(_("địa chỉ API truy vấn, hoàn tiền"), max_length=500)
    account_holder = models.CharField(_("chủ tài khoản"), max_length=255, blank=True)
    account_number = models.CharField(_("số tài khoản"), max_length=32, blank=True)
    bank = models.CharField(_("ngân hàng"), max_length=255, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("tài khoản thu trực tuyến")
        verbose_name_plural = _("tài khoản thu trực tuyến")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "provider"], name="payments_one_merchant_per_gateway"
            ),
            models.UniqueConstraint(
                fields=["provider", "merchant_code"], name="payments_merchant_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.provider} {self.merchant_code}"


class FeeLine(models.Model):
    """One fee or charge a dossier owes, as assessed from its procedure version (or, for a
    financial obligation an officer asked for, the amount they named)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="fee_lines"
    )
    fee = models.ForeignKey(
        "catalog.Fee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("khoản thu"), max_length=500)
    unit_amount = models.PositiveBigIntegerField(_("đơn giá (đồng)"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    amount = models.PositiveBigIntegerField(_("thành tiền (đồng)"), null=True, blank=True)
    exemption = models.CharField(_("miễn, giảm theo"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    payment = models.ForeignKey(
        "Payment",
        verbose_name=_("đã nộp trong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )

    class Meta:
        verbose_name = _("khoản phí, lệ phí của hồ sơ")
        verbose_name_plural = _("khoản phí, lệ phí của hồ sơ")
        ordering = ("dossier", "position", "pk")

    def __str__(self) -> str:
        return self.name


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    CASH = "cash", _("Tiền mặt tại Bộ phận Một cửa")
    NATIONAL_PORTAL = "dvcqg", _("Qua Cổng Dịch vụ công quốc gia")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")
    CANCELLED = "cancelled", _("Đã hủy")
    EXPIRED = "expired", _("Hết hạn")
    REFUNDED = "refunded", _("Đã hoàn tiền")


# A payment in these statuses is over: a later notification about it changes nothing.
FINAL = (PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.REFUNDED)


class Payment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị thu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("hình thức"), max_length=8, choices=PaymentMethod.choices)
    merchant = models.ForeignKey(
        MerchantAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("mã giao dịch của hệ thống"), max_length=64, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    # The part of `amount` that meets a financial obligation an officer asked for.
    obligation = models.PositiveBigIntegerField(_("nghĩa vụ tài chính (đồng)"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PaymentStatus.choices, default="pending"
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    provider_reference = models.CharField(_("mã giao dịch tại cổng"), max_length=64, blank=True)
    bank_code = models.CharField(_("ngân hàng"), max_length=20, blank=True)
    response_code = models.CharField(_("mã phản hồi của cổng"), max_length=8, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refunded_amount = models.PositiveBigIntegerField(_("đã hoàn (đồng)"), default=0)
    # When the reconciliation last asked the gateway about it.
    checked_at = models.DateTimeField(_("đối soát lúc"), null=True, blank=True)
    # Paid after the dossier's fees were already met: the money came, so it is recorded, and
    # an officer is shown that it is to be refunded.
    surplus = models.BooleanField(_("nộp thừa"), default=False)

    class Meta:
        verbose_name = _("giao dịch nộp phí")
        verbose_name_plural = _("giao dịch nộp phí")
        ordering = ("-created_at", "-pk")
        constraints = [
            # Two tabs starting a payment at once get one pending payment between them.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status="pending"),
                name="payments_one_pending_per_dossier",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.reference


class PaymentEvent(models.Model):
    """Every call about a payment (the gateway's notification or return, a query, a refund), as
    it came and as it was answered: what the reconciliation and a dispute read."""

    payment = models.ForeignKey(
        Payment, null=True, on_delete=models.CASCADE, related_name="gateway_events"
    )
    kind = models.CharField(_("loại"), max_length=16)
    data = models.JSONField(_("nội dung"), default=dict)
    answer = models.CharField(_("trả lời"), max_length=16, blank=True)
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("lượt gọi của cổng thanh toán")
        verbose_name_plural = _("lượt gọi của cổng thanh toán")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.kind} {self.answer}"


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Đang gửi yêu cầu")
    DONE = "done", _("Đã hoàn")
    FAILED = "failed", _("Cổng thanh toán không nhận")


class Refund(models.Model):
    """A refund is asked for in three steps, so that the gateway is never called inside a
    transaction and what it did is never rolled back: `requested` (the amount set aside), the
    gateway's call, then `done` or `failed`."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveBigIntegerField(_("số tiền hoàn (đồng)"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RefundStatus.choices, default="requested"
    )
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ hoàn tiền"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"))
    provider_reference = models.CharField(_("mã hoàn tiền tại cổng"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("hoàn tiền")
        verbose_name_plural = _("hoàn tiền")
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.payment} −{self.amount}"
