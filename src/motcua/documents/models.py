"""Stored files: what a citizen or an officer uploaded, kept by content hash in private storage."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.documents.storage import private_storage


class ContentType(models.TextChoices):
    """The types accepted, decided by the file's bytes (`documents.sniffing`)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class StoredFile(models.Model):
    """One uploaded file. Immutable: a corrected document is a new upload."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=50, choices=ContentType.choices)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    file = models.FileField(_("tệp"), storage=private_storage, max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp đã lưu")
        verbose_name_plural = _("tệp đã lưu")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.original_name or str(self.id)
