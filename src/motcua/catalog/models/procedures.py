"""Procedures (thủ tục hành chính) and their versions, and the fields (lĩnh vực) they belong to.

A `Procedure` is the stable identity (its national code); what it says lives in versions. A
published version is immutable: `save()` and `delete()` refuse, here and in bulk, so neither the
admin nor a slip in a service can rewrite what a dossier was filed under. A new version supersedes
it from a date (`valid_from`, possibly in the future); `selectors.current_version` reads the one in
force on a day.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import (
    LEVEL_ORDER,
    OnlineMode,
    PaymentDue,
    ProcessingUnit,
    VersionStatus,
)
from motcua.core.text import fold
from motcua.core.versioning import PublishedVersion

PROCEDURE_CODE_PATTERN = r"^\d\.\d{6}(\.[A-Z]\d{2})?$"
procedure_code_validator = RegexValidator(
    PROCEDURE_CODE_PATTERN,
    _("Mã thủ tục có dạng 1.001193, hoặc 1.000948.H38 với thủ tục riêng của tỉnh."),
)


LEVELS_MESSAGE = _("Ghi các cấp thực hiện, không trùng nhau, trong: province, district, commune.")


def validate_levels(value: object) -> None:
    if (
        not isinstance(value, list)
        or not value
        or any(level not in LEVEL_ORDER for level in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(LEVELS_MESSAGE)


def validate_texts(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("Ghi danh sách các chuỗi không rỗng."))


class Field(models.Model):
    """Lĩnh vực: "Hộ tịch" (G15-TP07). Some national exports leave the code empty."""

    code = models.CharField(_("mã lĩnh vực"), max_length=32, blank=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    # The name folded, so that the API's `field=ho tich` finds "Hộ tịch".
    folded_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "name"], name="catalog_field_code_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    def save(self, *args, **kwargs) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class Procedure(models.Model):
    code = models.CharField(
        _("mã thủ tục"), max_length=16, unique=True, validators=[procedure_code_validator]
    )

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ProcedureVersion(PublishedVersion):
    published_message = gettext_noop(
        "Phiên bản thủ tục đã công bố thì không sửa, không xóa được: hãy tạo phiên bản mới."
    )

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="versions"
    )

    name = models.CharField(_("tên thủ tục"), max_length=1000)
    # Null only on a draft being written: publishing requires it.
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    levels = models.JSONField(
        _("cấp thực hiện"),
        default=list,
        validators=[validate_levels],
        error_messages={"blank": LEVELS_MESSAGE},
    )
    implementing_body = models.CharField(_("cơ quan thực hiện"), max_length=1000)
    online_mode = models.CharField(
        _("dịch vụ công trực tuyến"),
        max_length=10,
        choices=OnlineMode.choices,
        default=OnlineMode.NONE,
    )
    processing_amount = models.DecimalField(
        _("thời hạn giải quyết"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Trống khi văn bản không quy định hoặc chưa rõ."),
    )
    processing_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=12,
        choices=ProcessingUnit.choices,
        default=ProcessingUnit.DAY,
    )
    cutoff = models.TimeField(
        _("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        help_text=_("Nhận sau giờ này thì thời hạn tính từ ngày làm việc kế tiếp."),
    )
    processing_note = models.TextField(_("ghi chú về thời hạn"), blank=True)
    result_name = models.CharField(_("kết quả"), max_length=1000)
    result_electronic = models.BooleanField(_("cấp kết quả điện tử"), default=False)
    payment_due = models.CharField(
        _("thời điểm nộp phí, lệ phí"),
        max_length=8,
        choices=PaymentDue.choices,
        default=PaymentDue.BEFORE_RETURN,
    )
    legal_basis = models.JSONField(
        _("căn cứ pháp lý"), default=list, blank=True, validators=[validate_texts]
    )
    published_by = models.CharField(_("quyết định công bố"), max_length=500, blank=True)
    legal_effective_date = models.DateField(_("ngày căn cứ có hiệu lực"), null=True, blank=True)
    aliases = models.JSONField(
        _("tên gọi khác"), default=list, blank=True, validators=[validate_texts]
    )
    verified = models.BooleanField(_("đã xác minh"), default=False)
    source = models.TextField(_("nguồn thông tin"))
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="catalog_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status=VersionStatus.DRAFT),
                name="catalog_one_draft_per_procedure",
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT)
                | Q(valid_from__isnull=False, published_at__isnull=False, field__isnull=False),
                name="catalog_published_version_complete",
            ),
        ]
        indexes = [
            models.Index(
                fields=["procedure", "status", "valid_from"], name="catalog_version_in_force"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    def clean(self) -> None:
        super().clean()
        message = processing_amount_error(self.processing_amount, self.processing_unit)
        if message:
            raise ValidationError({"processing_amount": message})


def processing_amount_error(amount: Decimal | None, unit: str) -> str:
    """What the deadline arithmetic (`workdays.arithmetic`) could not count, in its own terms."""
    if amount is None:
        return ""
    if amount <= 0:
        return gettext("Thời hạn phải lớn hơn 0.")
    if unit == ProcessingUnit.DAY and (amount * 2) % 1:
        return gettext("Thời hạn tính theo ngày làm việc chỉ lẻ được nửa ngày, ví dụ 1.5.")
    if unit == ProcessingUnit.HOUR and (amount * 60) % 1:
        return gettext("Thời hạn tính theo giờ phải tròn đến phút, ví dụ 1.5 hoặc 0.25.")
    if unit == ProcessingUnit.CALENDAR_DAY and amount % 1:
        return gettext("Thời hạn tính theo ngày lịch phải là số ngày nguyên.")
    return ""
