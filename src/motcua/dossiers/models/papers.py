"""The papers a dossier gives out: the forms an action issues (Mẫu 01–05), kept exactly as
issued, and the result document on its way from draft to issued (two signatures, a number).

An issued form is rendered once, after its action commits, and stored with its hash: what the
citizen was handed is what the API returns, whatever the templates say later. The result
document keeps each stage's file, so the draft the leader read, the file the leader signed and
the file the records clerk issued can each be shown.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models.dossier import Dossier
from motcua.dossiers.models.history import DossierEvent


class IssuedForm(models.TextChoices):
    """The forms an action issues (TT 03/2025 numbering); 06 and 07 are drawn live."""

    RECEIPT = "01", _("Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "02", _("Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "03", _("Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "04", _("Mẫu 04 – Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết")
    STOP = "05", _("Mẫu 05 – Thông báo dừng giải quyết hồ sơ")


class IssuedPaper(models.Model):
    """One form as issued by one action: its content taken in the action's transaction (so a
    late rendering prints the dossier as it was then), its PDF rendered once after the commit
    (`file`, empty until then), never re-rendered."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="papers")
    form = models.CharField(_("mẫu"), max_length=2, choices=IssuedForm.choices)
    event = models.ForeignKey(DossierEvent, on_delete=models.CASCADE, related_name="+")
    context = models.JSONField(_("nội dung"), default=dict, blank=True)
    file = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("tệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("phát hành lúc"))

    class Meta:
        verbose_name = _("giấy tờ đã phát hành")
        verbose_name_plural = _("giấy tờ đã phát hành")
        ordering = ["dossier", "issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "form"], name="one_paper_per_event_and_form")
        ]

    def __str__(self) -> str:
        return f"{self.dossier} – {self.get_form_display()}"


def new_token() -> str:
    """128 random bits, as 32 hexadecimal digits: the result's public verification token."""
    return secrets.token_hex(16)


class ResultDocument(models.Model):
    """The result as a document: drafted by the competent unit, signed by the competent person,
    then issued by the records clerk (number, date, the organisation's signature and seal)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="result_doc")
    token = models.CharField(_("mã xác minh"), max_length=32, unique=True, default=new_token)
    title = models.CharField(_("trích yếu"), max_length=300)
    # The text a generated draft was made from, to draw it again with its register number.
    body = models.TextField(_("nội dung"), blank=True)
    draft = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("dự thảo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    generated = models.BooleanField(_("tạo từ mẫu"), default=False)
    # Where the personal signature goes: page (0-based, negative from the end) and the box in
    # PDF points from the page's bottom-left, from the template's `chu-ky` element.
    signature_page = models.SmallIntegerField(_("trang ký"), default=-1)
    signature_box = models.JSONField(_("vị trí chữ ký"), default=list)
    signed = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("bản đã ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    capacity = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    issued = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("bản phát hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    # A number is given once per issuing agency and year.
    issuing_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("văn thư phát hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("phát hành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản kết quả")
        verbose_name_plural = _("văn bản kết quả")
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_agency", "issued_year", "number"],
                condition=models.Q(issued_year__isnull=False),
                name="one_number_per_agency_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or self.title} ({self.dossier})"

    @property
    def stage(self) -> str:
        if self.issued_id:
            return "issued"
        return "signed" if self.signed_id else "draft"
