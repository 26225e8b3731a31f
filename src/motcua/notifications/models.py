"""What notifications keep: the editable texts per kind and channel, each message to one
recipient on one channel with its attempts, and the Zalo accounts citizens linked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.notifications.kinds import Channel, Kind


class Template(models.Model):
    """The text of one kind of notification on one channel, with `{{ placeholders }}`; an
    inactive template sends nothing on its channel."""

    kind = models.CharField(_("loại thông báo"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("tiêu đề (thư điện tử)"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        ordering = ["kind", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "channel"], name="notifications_one_template")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_channel_display()}"


class Status(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Lỗi, sẽ gửi lại")
    # Given up after the last allowed attempt: kept, shown, sent again only by hand.
    PARKED = "parked", _("Tạm dừng (lỗi nhiều lần)")


class Message(models.Model):
    """One notification to one recipient on one channel. `idempotency_key` is the same on every
    attempt, so a gateway that honours it drops the copy a crash between sending and recording
    would otherwise deliver."""

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("loại thông báo"), max_length=40, choices=Kind.choices)
    recipient = models.CharField(_("người nhận (số, địa chỉ, mã Zalo)"), max_length=254)
    recipient_name = models.CharField(_("họ tên người nhận"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=64, blank=True)
    # Whose leaders and administrators see the message in the back office.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The outbox message it answers (empty for the periodic reminders).
    source = models.UUIDField(_("thông điệp nguồn"), null=True, blank=True)
    idempotency_key = models.CharField(_("khóa chống gửi trùng"), max_length=64, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    # Sent again by hand after being parked.
    manual_retries = models.PositiveIntegerField(_("số lần gửi lại thủ công"), default=0)
    next_attempt_at = models.DateTimeField(_("lần gửi tiếp theo"))
    # The lease of the sender trying now; once past, the sweep takes the message again.
    locked_until = models.DateTimeField(_("đang gửi đến"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    provider_message_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    sent_at = models.DateTimeField(_("gửi được lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo đã gửi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notifications_due"),
            models.Index(fields=["agency", "-created_at"], name="notifications_by_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient} ({self.get_kind_display()})"


class ZaloAccount(models.Model):
    """A citizen who follows the province's Zalo Official Account, by the user id Zalo gave the
    OA for them (the OA's follow webhook or a linking page records it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="zalo_account",
    )
    zalo_user_id = models.CharField(_("mã người dùng Zalo của OA"), max_length=64, unique=True)
    linked_at = models.DateTimeField(_("liên kết lúc"))

    class Meta:
        verbose_name = _("tài khoản Zalo liên kết")
        verbose_name_plural = _("tài khoản Zalo liên kết")

    def __str__(self) -> str:
        return f"{self.user} ↔ {self.zalo_user_id}"


class ZaloLinkCode(models.Model):
    """The code a citizen sends to the province's Zalo OA to link their account: the OA's webhook
    brings the message with the sender's Zalo user id. One at a time per account; kept until
    used or replaced, valid until `expires_at`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="zalo_link_code",
    )
    code = models.CharField(_("mã liên kết"), max_length=16, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))

    class Meta:
        verbose_name = _("mã liên kết Zalo")
        verbose_name_plural = _("mã liên kết Zalo")

    def __str__(self) -> str:
        return f"{self.user}: {self.code}"


from motcua.notifications.simulators.models import (  # noqa: E402
    SimulatedFault,
    SimulatedMessage,
)

__all__ = [
    "Message",
    "SimulatedFault",
    "SimulatedMessage",
    "Status",
    "Template",
    "ZaloAccount",
    "ZaloLinkCode",
]
