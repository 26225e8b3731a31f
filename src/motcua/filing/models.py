"""A filing in progress (bản nháp hồ sơ): what the citizen typed on each step of the wizard and
the files attached to each component, kept until they submit it.

Once submitted the draft's contents are deleted and only the row remains, pointing at the dossier,
so that a second submit of the same draft (two tabs, a double click) finds the dossier instead of
filing a second one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier


class Step(models.TextChoices):
    """The wizard's pages in order; the values are the URL slugs."""

    AGENCY = "noi-nop", _("Nơi nộp hồ sơ")
    APPLICANT = "nguoi-nop", _("Người nộp hồ sơ")
    FORM = "to-khai", _("Tờ khai")
    COMPONENTS = "giay-to", _("Giấy tờ đính kèm")
    DELIVERY = "nhan-ket-qua", _("Cách nhận kết quả")
    REVIEW = "xem-lai", _("Xem lại và nộp")


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        on_delete=models.CASCADE,
        related_name="filing_drafts",
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="+"
    )
    # What was typed, by step slug: {"noi-nop": {"agency": "000.00.31.H99"}, ...}, kept as the
    # browser sent it so that a page with errors shows it again.
    data = models.JSONField(_("dữ liệu đã nhập"), default=dict, blank=True)
    # Stored file ids by component id (as text), and "authorisation" for the document that
    # authorises a filing for someone else.
    files = models.JSONField(_("tệp đã đính kèm"), default=dict, blank=True)
    step = models.CharField(
        _("bước đang làm"), max_length=16, choices=Step.choices, default=Step.AGENCY
    )
    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("hồ sơ đã nộp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("bản nháp hồ sơ")
        verbose_name_plural = _("bản nháp hồ sơ")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.procedure_id} ({self.owner_id})"

    @property
    def submitted(self) -> bool:
        return self.dossier_id is not None
