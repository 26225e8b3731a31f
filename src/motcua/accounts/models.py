"""Users (citizens, organisations, officers) and officers' roles scoped to an agency or unit."""

from functools import partial

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identity import (
    IdentityDocument,
    clean_id_number,
    clean_phone,
    clean_tax_code,
)
from motcua.core.errors import ValidationFailed

__all__ = ["Delegation", "IdentityDocument", "Role", "RoleAssignment", "User", "UserKind"]


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")
    OFFICER = "officer", _("Cán bộ, công chức")


class User(AbstractUser):
    """Everyone who signs in. `full_name` is the name shown; Django's first/last names stay empty."""

    kind = models.CharField(_("loại tài khoản"), max_length=20, choices=UserKind.choices)
    full_name = models.CharField(_("họ và tên / tên tổ chức"), max_length=255)
    id_type = models.CharField(
        _("loại giấy tờ"), max_length=10, choices=IdentityDocument.choices, blank=True
    )
    id_number = models.CharField(_("số giấy tờ"), max_length=20, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Officers: the title printed beside their name on timelines and forms (chức danh).
    title = models.CharField(_("chức danh"), max_length=100, blank=True)

    REQUIRED_FIELDS = ["email", "full_name", "kind"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number"],
                condition=~Q(id_number=""),
                name="user_identity_document_unique",
                violation_error_message=_("Đã có tài khoản với giấy tờ này."),
            ),
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code=""),
                name="user_tax_code_unique",
                violation_error_message=_("Đã có tài khoản với mã số thuế này."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        """Identity numbers, tax code and phone are checked and stored in one form."""
        super().clean()
        errors: dict[str, list[str]] = {}
        checks = (
            (
                "id_number",
                bool(self.id_number or self.id_type),
                partial(clean_id_number, id_type=self.id_type, value=self.id_number),
            ),
            ("tax_code", bool(self.tax_code), partial(clean_tax_code, self.tax_code)),
            ("phone", bool(self.phone), partial(clean_phone, self.phone)),
        )
        for field, present, check in checks:
            if not present:
                continue
            try:
                setattr(self, field, check())
            except ValidationFailed as exc:
                errors |= exc.fields
        if errors:
            raise ValidationError(errors)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username


class Role(models.TextChoices):
    COUNTER_OFFICER = "counter_officer", _("Cán bộ Bộ phận Một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    LEADER = "leader", _("Lãnh đạo")
    RECORDS_CLERK = "records_clerk", _("Văn thư")
    AGENCY_ADMIN = "agency_admin", _("Quản trị đơn vị")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


class RoleAssignment(models.Model):
    """An officer holds `role` in `agency` and in the agency's internal units (phòng, bộ phận một
    cửa, which are part of it); with `include_descendants`, in every unit below it as well.

    The system administrator's role has no agency: it covers the whole installation.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    include_descendants = models.BooleanField(_("gồm cả các đơn vị trực thuộc"), default=False)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="role_assignment_unique"
            ),
            # The system administrator's row has no agency, which the constraint above cannot
            # compare (NULLs are distinct): one such row per user.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role="system_admin"),
                name="role_assignment_one_system_admin",
                violation_error_message=_("Người dùng này đã là quản trị hệ thống."),
            ),
            models.CheckConstraint(
                condition=Q(role="system_admin", agency__isnull=True)
                | (~Q(role="system_admin") & Q(agency__isnull=False)),
                name="role_assignment_scope",
                violation_error_message=_(
                    "Quản trị hệ thống không gắn với đơn vị; mọi vai trò khác phải chọn đơn vị."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.agency.name if self.agency_id else _("toàn hệ thống")
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.role == Role.SYSTEM_ADMIN and self.agency_id:
            errors["agency"] = [gettext("Quản trị hệ thống không gắn với đơn vị: để trống.")]
        if self.role != Role.SYSTEM_ADMIN and not self.agency_id:
            errors["agency"] = [gettext("Chọn cơ quan, đơn vị cho vai trò này.")]
        if self.user_id and self.user.kind != UserKind.OFFICER:
            errors["user"] = [gettext("Chỉ tài khoản cán bộ, công chức mới được phân vai trò.")]
        if errors:
            raise ValidationError(errors)


class Delegation(models.Model):
    """While `principal` is away, `substitute` receives their inbox and acts for them (ủy quyền
    xử lý khi vắng mặt); what the substitute does is recorded as "acting for" the principal."""

    principal = models.ForeignKey(
        User,
        verbose_name=_("người vắng mặt"),
        on_delete=models.CASCADE,
        related_name="delegations_given",
    )
    substitute = models.ForeignKey(
        User,
        verbose_name=_("người thay thế"),
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("ủy quyền khi vắng mặt")
        verbose_name_plural = _("ủy quyền khi vắng mặt")
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["substitute", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="delegation_ends_after_start",
                violation_error_message=_("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
            ),
            models.CheckConstraint(
                condition=~Q(principal=models.F("substitute")),
                name="delegation_not_to_self",
                violation_error_message=_("Không thể ủy quyền cho chính mình."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.principal} → {self.substitute}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [gettext("Thời điểm kết thúc phải sau thời điểm bắt đầu.")]
        if self.principal_id and self.principal_id == self.substitute_id:
            errors["substitute"] = [gettext("Không thể ủy quyền cho chính mình.")]
        for field in ("principal", "substitute"):
            person = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if person is not None and person.kind != UserKind.OFFICER:
                errors[field] = [gettext("Chỉ cán bộ, công chức mới được ủy quyền xử lý.")]
        if errors:
            raise ValidationError(errors)
