"""The parts of a procedure version: fees (phí, lệ phí), dossier components (thành phần hồ sơ) and
the declared form fields (trường dữ liệu của tờ khai), each in the order the version lists them.

They belong to their version: while it is a draft they change freely; once it is published they
are as immutable as the version itself.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import FeeBasis, FeeKind, FormFieldType
from motcua.catalog.declarations import field_errors, key_validator
from motcua.catalog.models.procedures import ProcedureVersion, validate_texts
from motcua.core import versioning


class VersionPart(versioning.VersionPart):
    """A part of a version; each subclass declares `version` with its own related name."""

    version_class = ProcedureVersion

    objects = versioning.PartQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["version", "position", "pk"]


class Fee(VersionPart):
    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="fees", verbose_name=_("phiên bản")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=FeeKind.choices)
    name = models.CharField(_("tên"), max_length=500)
    amount = models.PositiveBigIntegerField(
        _("mức thu (đồng)"), null=True, blank=True, help_text=_("Trống khi tỉnh tự quy định.")
    )
    online_amount = models.PositiveBigIntegerField(
        _("mức thu khi nộp trực tuyến (đồng)"),
        null=True,
        blank=True,
        help_text=_("Chỉ ghi khi khác mức thu tại quầy."),
    )
    basis = models.CharField(
        _("tính theo"), max_length=10, choices=FeeBasis.choices, default=FeeBasis.DOSSIER
    )
    case = models.CharField(
        _("trường hợp áp dụng"), max_length=500, blank=True, help_text=_("Trống: mọi trường hợp.")
    )
    exemptions = models.JSONField(
        _("đối tượng miễn, giảm"), default=list, blank=True, validators=[validate_texts]
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return self.name


class Component(VersionPart):
    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="components",
        verbose_name=_("phiên bản"),
    )
    code = models.CharField(_("mã"), max_length=64, blank=True)
    name = models.CharField(_("tên giấy tờ"), max_length=1000)
    originals = models.PositiveSmallIntegerField(_("bản chính"), null=True, blank=True)
    certified_copies = models.PositiveSmallIntegerField(
        _("bản sao chứng thực"), null=True, blank=True
    )
    copies = models.PositiveSmallIntegerField(_("bản sao"), null=True, blank=True)
    required = models.BooleanField(
        _("bắt buộc"),
        default=True,
        help_text=_("Bỏ chọn với giấy tờ chỉ cần trong một số trường hợp."),
    )
    template = models.CharField(_("mẫu đơn, tờ khai"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class FormField(VersionPart):
    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="form_fields",
        verbose_name=_("phiên bản"),
    )
    key = models.CharField(_("mã trường"), max_length=64, validators=[key_validator])
    label = models.CharField(_("nhãn"), max_length=255)
    type = models.CharField(_("kiểu"), max_length=12, choices=FormFieldType.choices)
    required = models.BooleanField(_("bắt buộc"), default=False)
    choices = models.JSONField(_("các lựa chọn"), default=list, blank=True)
    checks = models.JSONField(
        _("điều kiện kiểm tra"),
        default=dict,
        blank=True,
        help_text=_('Ví dụ {"max_length": 100}, {"min": 0}, {"not_after_today": true}.'),
    )
    help = models.CharField(_("gợi ý"), max_length=500, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("trường dữ liệu")
        verbose_name_plural = _("trường dữ liệu")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="catalog_form_field_key")
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        errors = field_errors(type=self.type, choices=self.choices, checks=self.checks)
        if errors:
            raise ValidationError(errors)
