"""Work a dossier's step hands out and gets back: consultations (xin ý kiến), transfers to another
agency (liên thông), paper hand-over batches (bàn giao hồ sơ giấy) and register entries (vào sổ).

Each is opened by one action and closed by another (`consult`/`answer`, `transfer`/
`transfer_back`, a step given on paper / the batch accepted); the open ones hold the step where
it is, which `lifecycle.refusal` explains.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.choices import RegisterKind
from motcua.dossiers.models.dossier import Dossier


class Consultation(models.Model):
    """A question the step put to another unit or agency, with its own time to answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    spec = models.ForeignKey(
        "workflow.ConsultationSpec",
        verbose_name=_("theo quy trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step = models.ForeignKey("workflow.ProcessStep", on_delete=models.PROTECT, related_name="+")
    asking_unit = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan, đơn vị được hỏi"),
        on_delete=models.PROTECT,
        related_name="consultations_asked",
    )
    question = models.TextField(_("nội dung xin ý kiến"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("hỏi lúc"))
    due_at = models.DateTimeField(_("hạn trả lời"))
    answer = models.TextField(_("ý kiến trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("xin ý kiến")
        verbose_name_plural = _("xin ý kiến")
        ordering = ["dossier", "asked_at", "pk"]
        indexes = [models.Index(fields=["unit", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.dossier} → {self.unit}"


class Transfer(models.Model):
    """The dossier sent to another agency for its part (liên thông) and, later, sent back."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transfers")
    step = models.ForeignKey("workflow.ProcessStep", on_delete=models.PROTECT, related_name="+")
    from_unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị chuyển"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan liên thông"),
        on_delete=models.PROTECT,
        related_name="transfers_received",
    )
    reason = models.TextField(_("nội dung chuyển"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("chuyển lúc"))
    due_at = models.DateTimeField(_("hạn xử lý liên thông"))
    outcome = models.TextField(_("kết quả xử lý liên thông"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("trả về lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("chuyển liên thông")
        verbose_name_plural = _("chuyển liên thông")
        ordering = ["dossier", "sent_at", "pk"]
        indexes = [models.Index(fields=["to_agency", "returned_at"])]

    def __str__(self) -> str:
        return f"{self.dossier} → {self.to_agency}"


class HandoverBatch(models.Model):
    """A hand-over list (danh sách bàn giao): paper dossiers one unit gives to another. The steps
    they enter start their clocks when a clerk of the receiving unit accepts the batch."""

    from_unit = models.ForeignKey(
        "agencies.Agency", verbose_name=_("đơn vị giao"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị nhận"),
        on_delete=models.PROTECT,
        related_name="handover_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("danh sách bàn giao hồ sơ giấy")
        verbose_name_plural = _("danh sách bàn giao hồ sơ giấy")
        ordering = ["-created_at", "pk"]
        constraints = [
            # One open list per pair of units: dossiers given on paper gather on it until taken.
            models.UniqueConstraint(
                fields=["from_unit", "to_unit"],
                condition=models.Q(accepted_at__isnull=True),
                name="dossiers_one_open_batch_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit} ({self.created_at:%d/%m/%Y})"


class Register(models.Model):
    """A register book (sổ) of an agency for a year; entries are numbered 1, 2, … without gaps."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại sổ"), max_length=20, choices=RegisterKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    book = models.PositiveSmallIntegerField(_("quyển số"), default=1)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ")
        verbose_name_plural = _("sổ")
        ordering = ["agency", "kind", "-year", "-book"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "book"], name="dossiers_register_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} — quyển {self.book:02d} ({self.agency})"


class RegisterEntry(models.Model):
    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("số"))
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="register_entry")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("vào sổ lúc"))

    class Meta:
        verbose_name = _("số vào sổ")
        verbose_name_plural = _("số vào sổ")
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="dossiers_register_entry_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register} — số {self.number}"
