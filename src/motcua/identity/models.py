"""What identity keeps beside the account: the one-time codes that confirm an e-mail address or a
phone number of an account registered on the site, the details of an organisation's legal
representative, and the text messages the SMS simulator shows on its phone inbox page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OneTimeCode(models.Model):
    """A 6-digit code sent to the account; only its hash is kept. A code works until it expires
    or until too many wrong tries, then a new one is needed."""

    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("gửi lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    verified_at = models.DateTimeField(_("xác thực lúc"), null=True, blank=True)

    class Meta:
        abstract = True


class EmailVerification(OneTimeCode):
    """A code sent to `email`; the account signs in with its password once one is confirmed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="email_verifications",
    )
    email = models.EmailField(_("email"))

    class Meta:
        verbose_name = _("xác thực email")
        verbose_name_plural = _("xác thực email")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email


class PhoneVerification(OneTimeCode):
    """A code sent by SMS to `phone`. A confirmed row is the account's record of which number
    was verified and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="phone_verifications",
    )
    phone = models.CharField(_("số điện thoại"), max_length=15)

    class Meta:
        verbose_name = _("xác thực số điện thoại")
        verbose_name_plural = _("xác thực số điện thoại")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.phone


class OrganisationProfile(models.Model):
    """An organisation's legal representative (người đại diện theo pháp luật), as stated when the
    organisation registered; the name, tax code and head office are on the account itself."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản tổ chức"),
        on_delete=models.CASCADE,
        related_name="organisation_profile",
    )
    representative_name = models.CharField(
        _("họ và tên người đại diện theo pháp luật"), max_length=255
    )
    representative_id_number = models.CharField(
        _("số định danh cá nhân của người đại diện"), max_length=12
    )

    class Meta:
        verbose_name = _("thông tin tổ chức")
        verbose_name_plural = _("thông tin tổ chức")

    def __str__(self) -> str:
        return self.representative_name
