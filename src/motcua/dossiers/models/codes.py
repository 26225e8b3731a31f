"""Numbering dossiers and mapping statuses to the national portal's codes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.choices import Status


class DossierCodeCounter(models.Model):
    """The last sequence number given by one receiving agency on one day (Vietnam time).

    Locked in the receipt's transaction: a receipt rolled back returns its number unused, so the
    sequence stays gap-free.
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day} {self.last}"


class NationalStatusMapping(models.Model):
    """Which TrangThaiHoSo (1–10) the national portal is told for an internal status."""

    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices, unique=True)
    national_code = models.PositiveSmallIntegerField(
        _("mã trạng thái quốc gia"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    class Meta:
        verbose_name = _("mã trạng thái quốc gia")
        verbose_name_plural = _("mã trạng thái quốc gia")
        ordering = ["national_code", "status"]

    def __str__(self) -> str:
        return f"{self.status} → {self.national_code}"
