"""What the gateway simulators keep: every message they accepted (a repeat of an idempotency key
is counted, not kept twice) and the faults a tester or the demo told them to answer with.
Loaded from `notifications.models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.notifications.kinds import Channel


class SimulatedMessage(models.Model):
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    idempotency_key = models.CharField(_("khóa chống gửi trùng"), max_length=200, blank=True)
    provider_message_id = models.CharField(_("mã tin"), max_length=64, unique=True)
    duplicates = models.PositiveIntegerField(_("số lần gửi trùng đã bỏ qua"), default=0)
    received_at = models.DateTimeField(_("nhận lúc"))

    class Meta:
        app_label = "notifications"
        ordering = ["-received_at", "-pk"]
        verbose_name = _("tin nhận được (mô phỏng)")
        verbose_name_plural = _("tin nhận được (mô phỏng)")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="notifications_sim_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}"


class FaultKind(models.TextChoices):
    ERROR = "error", _("Lỗi máy chủ (HTTP 500)")
    TIMEOUT = "timeout", _("Không trả lời kịp (quá thời gian chờ)")
    REJECT = "reject", _("Từ chối tin (trả lời không thành công)")
    # Records the message, then waits before answering: the sender may die in between.
    SLOW = "slow", _("Nhận tin rồi trả lời chậm")


class SimulatedFault(models.Model):
    """Makes a simulator misbehave for one recipient (`*`: everyone) on its channel, for the
    next `remaining` messages (empty: until removed)."""

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("người nhận"), max_length=254)
    kind = models.CharField(_("kiểu lỗi"), max_length=10, choices=FaultKind.choices)
    seconds = models.FloatField(_("số giây chờ"), default=0)
    remaining = models.PositiveIntegerField(_("còn bao nhiêu lần"), null=True, blank=True)

    class Meta:
        app_label = "notifications"
        verbose_name = _("lỗi giả lập")
        verbose_name_plural = _("lỗi giả lập")

    def __str__(self) -> str:
        return f"{self.channel} {self.recipient}: {self.kind}"
