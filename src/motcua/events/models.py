"""The transactional outbox: messages written with the change they announce, one delivery per
consumer, and the receipts consumers keep to stay idempotent."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """Something that happened, published in the transaction that made it happen."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(_("chủ đề"), max_length=100)
    # What the message is about (a dossier code, an agency code), for people searching the admin.
    key = models.CharField(_("khóa"), max_length=200, blank=True)
    payload = models.JSONField(_("nội dung"), default=dict)
    created_at = models.DateTimeField(_("thời điểm tạo"))

    class Meta:
        verbose_name = _("thông điệp")
        verbose_name_plural = _("thông điệp")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["topic", "created_at"], name="events_msg_topic")]

    def __str__(self) -> str:
        return f"{self.topic} {self.key or self.id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    DONE = "done", _("Đã xử lý")
    # Given up after the last allowed attempt: kept, shown to administrators, retried by hand.
    PARKED = "parked", _("Tạm dừng (lỗi nhiều lần)")


class Delivery(models.Model):
    """One consumer's handling of one message, with its attempts and their outcome."""

    message = models.ForeignKey(
        OutboxMessage,
        verbose_name=_("thông điệp"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    consumer = models.CharField(_("bộ xử lý"), max_length=150)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("lần thử tiếp theo"))
    # The lease of the worker running it now; once past, the sweep takes the delivery again.
    locked_until = models.DateTimeField(_("đang xử lý đến"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    delivered_at = models.DateTimeField(_("thời điểm xử lý xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt chuyển giao")
        verbose_name_plural = _("lượt chuyển giao")
        ordering = ["-next_attempt_at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "consumer"], name="events_one_delivery")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="events_due"),
        ]
        permissions = [("retry_delivery", _("Có thể chuyển giao lại lượt đã tạm dừng"))]

    def __str__(self) -> str:
        return f"{self.consumer} ← {self.message_id}"


class Receipt(models.Model):
    """A consumer has handled a message: written in the transaction of the consumer's own
    changes (`events.services.first_receipt`), so a second delivery finds it and does nothing."""

    consumer = models.CharField(_("bộ xử lý"), max_length=150)
    message_id = models.UUIDField(_("mã thông điệp"))
    received_at = models.DateTimeField(_("thời điểm nhận"))

    class Meta:
        verbose_name = _("biên nhận xử lý")
        verbose_name_plural = _("biên nhận xử lý")
        constraints = [
            models.UniqueConstraint(fields=["consumer", "message_id"], name="events_one_receipt")
        ]

    def __str__(self) -> str:
        return f"{self.consumer} ✓ {self.message_id}"
