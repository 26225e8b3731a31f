"""What the portal keeps of its own: the citizens' in-portal notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One status change a citizen should know about, written by an outbox consumer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    topic = models.CharField(_("sự kiện"), max_length=64)
    text = models.CharField(_("nội dung"), max_length=1000)
    created_at = models.DateTimeField(_("lúc"))
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
