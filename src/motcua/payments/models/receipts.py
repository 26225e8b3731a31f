"""E-receipts for fees and charges (biên lai điện tử, NĐ 123/2020 as amended by NĐ 70/2025): the
form and serial an agency registered (ký hiệu mẫu số, ký hiệu biên lai), and each receipt the
provider numbered, with its PDF, cancellation and replacement."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceiptSeries(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị thu"),
        on_delete=models.PROTECT,
        related_name="receipt_series",
    )
    provider = models.CharField(_("nhà cung cấp biên lai"), max_length=32)
    form_code = models.CharField(_("ký hiệu mẫu số biên lai"), max_length=20)
    serial = models.CharField(_("ký hiệu biên lai"), max_length=20)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("dải biên lai điện tử")
        verbose_name_plural = _("dải biên lai điện tử")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "form_code", "serial"], name="payments_series_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_code} {self.serial} — {self.agency}"


class ReceiptStatus(models.TextChoices):
    ISSUED = "issued", _("Đã lập")
    CANCELLED = "cancelled", _("Đã hủy")
    REPLACED = "replaced", _("Đã bị thay thế")


class Receipt(models.Model):
    payment = models.ForeignKey(
        "payments.Payment", on_delete=models.PROTECT, related_name="receipts"
    )
    series = models.ForeignKey(ReceiptSeries, on_delete=models.PROTECT, related_name="receipts")
    number = models.PositiveIntegerField(_("số biên lai"))
    lookup_code = models.CharField(_("mã tra cứu"), max_length=32, unique=True)
    payer_name = models.CharField(_("người nộp"), max_length=255)
    issued_at = models.DateTimeField(_("lập lúc"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReceiptStatus.choices, default="issued"
    )
    ended_at = models.DateTimeField(_("hủy, thay thế lúc"), null=True, blank=True)
    reason = models.TextField(_("lý do hủy, thay thế"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("thay thế cho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    file = models.ForeignKey(
        "documents.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("biên lai điện tử")
        verbose_name_plural = _("biên lai điện tử")
        ordering = ("-issued_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="payments_receipt_number"),
            models.UniqueConstraint(
                fields=["payment"],
                condition=models.Q(status="issued"),
                name="payments_one_receipt_per_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series.form_code} {self.series.serial} {self.number:07d}"
