"""Internal processes (quy trình nội bộ): a procedure's steps in an agency, versioned.

A `Process` belongs to a procedure and an agency; the one without an agency is the province-wide
default, which an agency may copy and adapt, and which applies wherever an agency has none. What
the process says lives in versions: ordered `ProcessStep`s, each naming its unit, role, time
allowance in working hours and allowed actions, with the consultations (`ConsultationSpec`) it
opens in parallel. As in the catalogue, a published version is immutable — `save()`, `delete()`
and bulk updates refuse, here and for its steps and consultations — because dossiers keep the
version they started under. The rules a version must meet to be published are in `rules.py`;
drafts may be incomplete while they are written.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role
from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.core import versioning
from motcua.core.versioning import VersionStatus

STEP_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
step_key_validator = RegexValidator(
    STEP_KEY_PATTERN,
    _("Mã bước viết chữ thường không dấu, nối bằng dấu gạch dưới, ví dụ tham_dinh."),
)


def validate_key_list(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(key, str) for key in value):
        raise ValidationError(_("Ghi danh sách mã bước."))


def validate_action_list(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(action, str) for action in value):
        raise ValidationError(_("Ghi danh sách thao tác."))


class Process(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="processes"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="processes",
        help_text=_("Trống: quy trình mặc định toàn tỉnh."),
    )

    class Meta:
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["procedure", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency"],
                name="workflow_process_per_agency",
                violation_error_message=_("Cơ quan này đã có quy trình cho thủ tục này."),
            ),
            # NULLs are distinct to the constraint above: one default per procedure.
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(agency__isnull=True),
                name="workflow_one_default_process",
                violation_error_message=_("Thủ tục này đã có quy trình mặc định toàn tỉnh."),
            ),
        ]

    def __str__(self) -> str:
        where = self.agency.name if self.agency_id else gettext("mặc định toàn tỉnh")
        return f"{self.procedure.code} — {where}"

    @property
    def is_default(self) -> bool:
        return self.agency_id is None

    def clean(self) -> None:
        if self.agency_id and self.agency.is_internal_unit:
            raise ValidationError(
                {
                    "agency": gettext(
                        "Quy trình thuộc về cơ quan giải quyết, không thuộc phòng hay bộ phận."
                    )
                }
            )


class ProcessVersion(versioning.PublishedVersion):
    published_message = gettext_noop(
        "Phiên bản quy trình đã công bố thì không sửa, không xóa được: hãy tạo phiên bản mới."
    )

    process = models.ForeignKey(
        Process, verbose_name=_("quy trình"), on_delete=models.PROTECT, related_name="versions"
    )

    class Meta:
        verbose_name = _("phiên bản quy trình")
        verbose_name_plural = _("phiên bản quy trình")
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"], name="workflow_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["process"],
                condition=Q(status=VersionStatus.DRAFT),
                name="workflow_one_draft_per_process",
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT)
                | Q(valid_from__isnull=False, published_at__isnull=False),
                name="workflow_published_version_complete",
            ),
        ]
        indexes = [
            models.Index(
                fields=["process", "status", "valid_from"], name="workflow_version_in_force"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} v{self.number}"


class ConsultationQuerySet(versioning.PartQuerySet):
    version_path = "step__version"


class VersionPart(versioning.VersionPart):
    """A row of a version (directly or through its step): it changes only while that is a draft."""

    version_class = ProcessVersion

    class Meta:
        abstract = True


class ProcessStep(VersionPart):
    version = models.ForeignKey(
        ProcessVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="steps"
    )
    key = models.CharField(_("mã bước"), max_length=50, validators=[step_key_validator])
    name = models.CharField(_("tên bước"), max_length=255)
    unit = models.ForeignKey(
        Agency,
        verbose_name=_("đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Quy trình mặc định: trống là đơn vị của cơ quan giải quyết có vai trò này. "
            "Quy trình của cơ quan: một đơn vị thuộc cơ quan đó."
        ),
    )
    role = models.CharField(_("vai trò xử lý"), max_length=20, choices=Role.choices, blank=True)
    allowance_hours = models.DecimalField(
        _("thời gian (giờ làm việc)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    actions = models.JSONField(
        _("thao tác được phép"), default=list, blank=True, validators=[validate_action_list]
    )
    next_steps = models.JSONField(
        _("bước tiếp theo"),
        default=list,
        blank=True,
        validators=[validate_key_list],
        help_text=_("Mã các bước được chuyển tới; trống là bước có thứ tự kế tiếp."),
    )
    is_end = models.BooleanField(_("bước trả kết quả"), default=False)
    paper_handover = models.BooleanField(
        _("bàn giao hồ sơ giấy"),
        default=False,
        help_text=_("Thời gian của bước sau chỉ bắt đầu khi đơn vị nhận xác nhận đã nhận hồ sơ."),
    )

    objects = versioning.PartQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("các bước xử lý")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"],
                name="workflow_step_key_unique",
                violation_error_message=_("Mã bước đã dùng cho một bước khác của phiên bản này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"


class ConsultationSpec(VersionPart):
    """A consultation (xin ý kiến) the step opens; all run in parallel with the step, and the step
    goes on when every one has answered."""

    step = models.ForeignKey(
        ProcessStep,
        verbose_name=_("bước"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    name = models.CharField(_("nội dung xin ý kiến"), max_length=255)
    unit = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, đơn vị được hỏi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    allowance_hours = models.DecimalField(
        _("thời gian trả lời (giờ làm việc)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )

    objects = ConsultationQuerySet.as_manager()
    version_lookup = ("steps", "step_id")

    class Meta:
        verbose_name = _("xin ý kiến")
        verbose_name_plural = _("xin ý kiến")
        ordering = ["step", "position", "pk"]

    def __str__(self) -> str:
        return self.name
