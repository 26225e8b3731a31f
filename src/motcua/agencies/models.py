"""The tree of administrative units, agencies and their internal units (cơ quan, đơn vị).

One model for every node: the province, its departments (sở), optional districts, communes, and
inside an agency its internal units (phòng, bộ phận một cửa), because process steps name them.
The 2-level model (province → commune, since 1/7/2025) and the 3-level one (with districts) differ
only in data. A reorganisation closes units (`effective_to`) and points them at a `successor`;
a unit that gets a new identifier code keeps its old ones in `AgencyCode`.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# QĐ 20/2020/QĐ-TTg: four groups, the last naming the level-1 body (G = ministries, H = provinces).
AGENCY_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"
agency_code_validator = RegexValidator(
    AGENCY_CODE_PATTERN,
    _("Mã định danh phải có dạng 000.00.00.H26 (theo QĐ 20/2020/QĐ-TTg)."),
)


class AgencyKind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    SECTOR_AGENCY = "sector_agency", _("Cơ quan ngành dọc (công an, thuế, BHXH…)")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")
    DISTRICT = "district", _("UBND quận, huyện")
    COMMUNE = "commune", _("UBND xã, phường, đặc khu")
    DIVISION = "division", _("Phòng, đơn vị chuyên môn")
    ONE_STOP_DESK = "one_stop_desk", _("Bộ phận Một cửa")


INTERNAL_KINDS = frozenset({AgencyKind.DIVISION, AgencyKind.ONE_STOP_DESK})


class AdministrativeLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Agency(models.Model):
    code = models.CharField(
        _("mã định danh"), max_length=32, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=AdministrativeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ancestor ids, "/1/7/42/", kept by `save()`: subtree queries are one
    # indexed prefix match, which access checks ("this unit and everything below it") need.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    has_one_stop_desk = models.BooleanField(_("có Bộ phận Một cửa"), default=False)
    # {"mon": [["07:30", "11:30"], ["13:00", "17:00"]], ..., "sat": [["07:30", "11:30"]]}
    desk_hours = models.JSONField(_("giờ tiếp công dân"), default=dict, blank=True)
    # [["07:30", "11:30"], ["13:00", "17:00"]]; empty = inherit from the parent (then the default).
    working_periods = models.JSONField(_("giờ làm việc tính thời hạn"), default=list, blank=True)

    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_from__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="agency_effective_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)
            if old:
                _repath_descendants(old, path)

    @property
    def is_internal_unit(self) -> bool:
        return self.kind in INTERNAL_KINDS

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (this node excluded)."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


def _repath_descendants(old: str, new: str) -> None:
    for node in Agency.objects.filter(path__startswith=old).exclude(path=old).only("pk", "path"):
        Agency.objects.filter(pk=node.pk).update(path=new + node.path[len(old) :])


class AgencyCode(models.Model):
    """A code the unit carried before: merged or renamed units get new codes, history keeps old ones."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="former_codes")
    code = models.CharField(_("mã định danh cũ"), max_length=32, db_index=True)
    valid_until = models.DateField(_("dùng đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mã định danh cũ")
        verbose_name_plural = _("mã định danh cũ")
        constraints = [models.UniqueConstraint(fields=["code"], name="agency_former_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} → {self.agency.code}"
