"""The administrators' overrides to the national working-day calendar.

The `holidays` library knows public holidays, days off in lieu and make-up Saturdays. What it
cannot know is entered here: the longer Tết break and the swaps the government decides each year
(national rows, no province) and a province's own decisions (rows naming the province, which apply
to every agency in its tree).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, AgencyKind


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")


class CalendarOverride(models.Model):
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    name = models.CharField(
        _("tên"), max_length=255, help_text=_("Ví dụ: Nghỉ Tết Nguyên đán, Làm bù cho ngày 02/01.")
    )
    province = models.ForeignKey(
        Agency,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": AgencyKind.PROVINCE},
        related_name="calendar_overrides",
        help_text=_("Bỏ trống khi áp dụng cả nước."),
    )
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản quyết định, ví dụ: Thông báo số 6150/TB-BNV ngày 15/10/2025."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "province"], name="calendar_override_province_date_unique"
            ),
            # NULLs are distinct in a unique index, so national rows need their own constraint.
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(province__isnull=True),
                name="calendar_override_national_date_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.name}"
