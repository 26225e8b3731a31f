"""What the postal simulator keeps: the parcels booked with it, in its own words (its statuses
are the carrier's, which the plugin maps to ours). Loaded from `delivery.models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParcelStatus(models.TextChoices):
    CREATED = "CREATED", _("Đã nhận đơn")
    PICKED_UP = "PICKED_UP", _("Đã lấy hàng")
    IN_TRANSIT = "IN_TRANSIT", _("Đang vận chuyển")
    DELIVERED = "DELIVERED", _("Phát thành công")
    RETURNED = "RETURNED", _("Chuyển hoàn")


class SimulatedParcel(models.Model):
    tracking_number = models.CharField(_("số hiệu bưu gửi"), max_length=13, unique=True)
    order_code = models.CharField(_("mã đơn của khách hàng"), max_length=64, unique=True)
    receiver_name = models.CharField(_("người nhận"), max_length=255)
    receiver_phone = models.CharField(_("điện thoại người nhận"), max_length=32)
    receiver_address = models.CharField(_("địa chỉ nhận"), max_length=500)
    sender_name = models.CharField(_("người gửi"), max_length=255, blank=True)
    content = models.CharField(_("nội dung"), max_length=255, blank=True)
    fee = models.PositiveIntegerField(_("cước (đồng)"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=ParcelStatus.choices)
    callback_url = models.CharField(_("địa chỉ nhận thông báo"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("nhận đơn lúc"))
    moved_at = models.DateTimeField(_("đổi trạng thái lúc"))
    # The last notification's outcome ("200", or why it failed), shown on the simulator's page.
    callback_result = models.CharField(_("kết quả thông báo"), max_length=255, blank=True)

    class Meta:
        app_label = "delivery"
        ordering = ("-created_at", "-pk")
        verbose_name = _("bưu gửi mô phỏng")
        verbose_name_plural = _("bưu gửi mô phỏng")

    def __str__(self) -> str:
        return self.tracking_number
