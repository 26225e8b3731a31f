"""Postal shipments (chuyển phát qua bưu chính công ích): a dossier's result sent to an address.

General on purpose: the postal plugins (issue 8) fill the tracking number and move the status;
a shipment names no carrier's protocol, only who receives what, where, for how much.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShipmentStatus(models.TextChoices):
    CREATED = "created", _("Đã tạo phiếu gửi")
    PICKED_UP = "picked_up", _("Bưu điện đã nhận")
    IN_TRANSIT = "in_transit", _("Đang chuyển phát")
    DELIVERED = "delivered", _("Đã phát thành công")
    RETURNED = "returned", _("Chuyển hoàn")


class Shipment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    recipient = models.CharField(_("người nhận"), max_length=255)
    phone = models.CharField(_("số điện thoại người nhận"), max_length=15)
    address = models.CharField(_("địa chỉ nhận"), max_length=500)
    fee = models.PositiveIntegerField(_("cước phí (đồng)"), default=0)
    tracking_number = models.CharField(_("số hiệu bưu gửi"), max_length=64, blank=True)
    # The postal plugin that booked it (`delivery.providers`); empty when the desk booked it at
    # the post office's counter and typed the number.
    provider = models.CharField(_("dịch vụ bưu chính"), max_length=32, blank=True)
    # Our order code sent to the provider: a retry with the same code gets the same parcel.
    reference = models.CharField(_("mã đơn gửi"), max_length=64, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.CREATED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    picked_up_at = models.DateTimeField(_("bưu điện nhận lúc"), null=True, blank=True)
    in_transit_at = models.DateTimeField(_("bắt đầu chuyển lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("phát thành công lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("chuyển hoàn lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"))
    # When the provider was last asked about it (`delivery.jobs`), so that a parcel that does
    # not move is not asked about on every run.
    checked_at = models.DateTimeField(_("hỏi bưu điện lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bưu gửi")
        verbose_name_plural = _("bưu gửi")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status"]), models.Index(fields=["tracking_number"])]

    def __str__(self) -> str:
        return self.tracking_number or f"#{self.pk}"


# The postal simulator's own rows (the parcels it carries), kept with the app it stands in for.
from motcua.delivery.simulators.models import SimulatedParcel  # noqa: E402

__all__ = ["Shipment", "ShipmentStatus", "SimulatedParcel"]
