"""E-mail verification codes for accounts registered on the site (local password accounts)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailVerification(models.Model):
    """A 6-digit code sent to `email`; the account signs in with its password once one is
    confirmed. Only the code's hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="email_verifications",
    )
    email = models.EmailField(_("email"))
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("gửi lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    verified_at = models.DateTimeField(_("xác thực lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("xác thực email")
        verbose_name_plural = _("xác thực email")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email
