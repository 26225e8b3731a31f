"""Blank forms a citizen downloads before filing (mẫu đơn, tờ khai), kept once by name.

A procedure's component names its form in text (`Component.template`, the national database's
`MauDon`), and many procedures and every later version of one name the same form. The file is
therefore kept against that name rather than on a component: published versions stay frozen, and
replacing the file (a new circular changes the form) reaches every procedure that names it.
"""

from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def _private_storage():
    # Resolved when used, so that tests pointing the alias elsewhere are obeyed.
    return storages["private"]


class FormTemplate(models.Model):
    name = models.CharField(
        _("tên mẫu"),
        max_length=500,
        unique=True,
        help_text=_("Đúng như ghi ở mục «mẫu đơn, tờ khai» của thành phần hồ sơ."),
    )
    file = models.FileField(_("tệp mẫu"), storage=_private_storage, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("mẫu đơn, tờ khai")
        verbose_name_plural = _("mẫu đơn, tờ khai")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def file_kind(self) -> str:
        """The ending people recognise a file by: PDF, DOCX, XLSX…"""
        return self.original_name.rsplit(".", 1)[-1].upper() if "." in self.original_name else ""
