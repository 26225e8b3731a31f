"""What happened to a dossier: the event log, the steps it went through, the clock's stops.

All three are append-only in spirit: services add rows and close open ones (a step's end, a
stop's end); nothing rewrites a past row's facts. `StepRecord` is what the control slip (Mẫu 06)
prints: for each hand-over the unit, who gave and who received, when, and the judgement.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.choices import Status, StopKind
from motcua.dossiers.models.dossier import Dossier


class DossierEvent(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=24)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=24, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=24, choices=Status.choices)
    step = models.ForeignKey(
        "workflow.ProcessStep", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"))
    note = models.TextField(_("ghi chú, lý do"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["dossier", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.action} {self.at:%d/%m/%Y %H:%M}"


class StepRecord(models.Model):
    """One stay of the dossier at one step: given by whom, received, due, ended, how."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="step_records")
    step = models.ForeignKey("workflow.ProcessStep", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_at = models.DateTimeField(_("giao lúc"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận, xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty while a paper hand-over waits for the receiving unit to accept its batch.
    received_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)
    batch = models.ForeignKey(
        "dossiers.HandoverBatch",
        verbose_name=_("danh sách bàn giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_action = models.CharField(_("kết thúc bằng"), max_length=24, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước đã qua")
        verbose_name_plural = _("các bước đã qua")
        ordering = ["dossier", "given_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.step.name}"


class ClockStop(models.Model):
    """A wait on the citizen (supplement, payment): the clock stands from start to end."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="clock_stops")
    kind = models.CharField(_("loại"), max_length=12, choices=StopKind.choices)
    started_at = models.DateTimeField(_("từ"))
    ended_at = models.DateTimeField(_("đến"), null=True, blank=True)
    # The status the dossier goes back to when the wait ends.
    resume_status = models.CharField(max_length=24, choices=Status.choices)
    stopped = models.DurationField(_("thời gian làm việc đã dừng"), null=True, blank=True)
    missing = models.TextField(_("nội dung cần bổ sung"), blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    # A payment wait: the amount of the financial obligation, in VND.
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần dừng tính thời gian")
        verbose_name_plural = _("các lần dừng tính thời gian")
        ordering = ["dossier", "started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.kind} {self.started_at:%d/%m/%Y}"
