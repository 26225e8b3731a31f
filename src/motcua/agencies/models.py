"""The tree of administrative units, agencies and their internal units (cơ quan, đơn vị).

One model for every node: the province, its departments (sở), optional districts, communes, and
inside an agency its internal units (phòng, bộ phận một cửa), because process steps name them.
The 2-level model (province → commune, since 1/7/2025) and the 3-level one (with districts) differ
only in data. A reorganisation closes units (`effective_to`) and points them at a `successor`;
a unit that gets a new identifier code keeps its old ones in `AgencyCode`.

Which unit may sit where lives in `structure.py`; `clean()` applies it, and `save()` keeps the
derived columns (`path`, `search_text`, internal units' level) true.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies.structure import (
    INTERNAL_KINDS,
    AdministrativeLevel,
    AgencyKind,
    agency_code_validator,
    default_level,
    hours_errors,
    placement_errors,
)
from motcua.core.text import fold

__all__ = ["AdministrativeLevel", "Agency", "AgencyCode", "AgencyKind"]

# Ids in the path are zero-padded to a fixed width so that ordering by path lists every subtree
# contiguously under any collation: some (en_US and the like) ignore "/", and then "/1/10/" would
# sort between "/1/1/" and "/1/1/5/".
PATH_SEGMENT_WIDTH = 10


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}/"


class Agency(models.Model):
    code = models.CharField(
        _("mã định danh"), max_length=32, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices)
    # Blank in a form means "derive it": `clean()` fills it from the kind and the parent.
    level = models.CharField(
        _("cấp"), max_length=10, choices=AdministrativeLevel.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ancestor ids, "/0000000001/0000000007/0000000042/", kept by `save()`:
    # subtree queries are one indexed prefix match, which access checks ("this unit and everything
    # below it") need.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Name and short name folded (no case, no diacritics) so "so tu phap" finds "Sở Tư pháp".
    search_text = models.CharField(max_length=360, editable=False, default="")

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
        self.search_text = fold(f"{self.name} {self.short_name}")
        super().save(*args, **kwargs)
        manager = type(self).objects
        parent_path = (
            manager.filter(pk=self.parent_id).values_list("path", flat=True).get()
            if self.parent_id
            else "/"
        )
        path = parent_path + path_segment(self.pk)
        if path != self.path:
            old, self.path = self.path, path
            manager.filter(pk=self.pk).update(path=path)
            if old:
                # One statement for the whole subtree: swap the old prefix for the new one.
                manager.filter(path__startswith=old).exclude(pk=self.pk).update(
                    path=Concat(models.Value(path), Substr("path", len(old) + 1))
                )
        if not self.is_internal_unit:
            self.children.filter(kind__in=INTERNAL_KINDS).exclude(level=self.level).update(
                level=self.level
            )

    @property
    def is_internal_unit(self) -> bool:
        return self.kind in INTERNAL_KINDS

    @property
    def depth(self) -> int:
        """0 for a root."""
        return max(self.path.count("/") - 2, 0)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (this node excluded)."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def clean(self) -> None:
        """The placement and hours rules of `structure`, and what needs the database: no cycle
        through the parent or the successors, children that still fit, a code that is not another
        unit's former one. A blank level is derived; an internal unit takes its agency's."""
        parent = self.parent if self.parent_id else None
        if parent is not None and self.is_internal_unit:
            self.level = parent.level  # an internal unit is at its agency's level
        elif not self.level:
            self.level = default_level(self.kind, parent.level if parent else None) or ""
        errors = placement_errors(
            kind=self.kind,
            level=self.level,
            parent_kind=parent.kind if parent else None,
            parent_level=parent.level if parent else None,
        )
        errors |= hours_errors(working_periods=self.working_periods, desk_hours=self.desk_hours)
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            errors["effective_to"] = [
                gettext("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
            ]
        if "parent" not in errors and parent is not None and self._is_in_subtree(parent):
            errors["parent"] = [gettext("Không thể chuyển đơn vị vào chính nó hay đơn vị con.")]
        if self.pk and "kind" not in errors and "level" not in errors:
            errors |= self._children_errors()
        if self.successor_id and self._successor_leads_back():
            errors["successor"] = [
                gettext("Đơn vị kế thừa không thể là chính đơn vị này (trực tiếp hay qua chuỗi).")
            ]
        if AgencyCode.objects.filter(code=self.code).exclude(agency_id=self.pk).exists():
            errors["code"] = [
                gettext("Mã %(code)s là mã cũ của đơn vị khác.") % {"code": self.code}
            ]
        if errors:
            raise ValidationError(errors)

    def _is_in_subtree(self, other: "Agency") -> bool:
        if not self.pk:
            return False
        other_path = type(self).objects.filter(pk=other.pk).values_list("path", flat=True).first()
        return other.pk == self.pk or bool(self.path and (other_path or "").startswith(self.path))

    def _children_errors(self) -> dict[str, list[str]]:
        """A change of kind or level must leave every child where it may be."""
        for kind, level in self.children.exclude(kind__in=INTERNAL_KINDS).values_list(
            "kind", "level"
        ):
            if placement_errors(
                kind=kind, level=level, parent_kind=self.kind, parent_level=self.level
            ):
                return {
                    "kind": [
                        gettext(
                            "Đơn vị trực thuộc (%(child)s) không còn phù hợp với loại, cấp này."
                        )
                        % {"child": AgencyKind(kind).label}
                    ]
                }
        if self.is_internal_unit and self.children.exists():
            return {"kind": [gettext("Đơn vị có đơn vị trực thuộc không thể là phòng, bộ phận.")]}
        return {}

    def _successor_leads_back(self) -> bool:
        seen: set[int] = set()
        current = self.successor_id
        while current is not None and current not in seen:
            if current == self.pk:
                return True
            seen.add(current)
            current = (
                type(self).objects.filter(pk=current).values_list("successor_id", flat=True).first()
            )
        return False


class AgencyCode(models.Model):
    """A code the unit carried before: merged or renamed units get new codes, history keeps old ones."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="former_codes")
    code = models.CharField(
        _("mã định danh cũ"), max_length=32, db_index=True, validators=[agency_code_validator]
    )
    valid_until = models.DateField(_("dùng đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mã định danh cũ")
        verbose_name_plural = _("mã định danh cũ")
        ordering = ["-valid_until"]
        constraints = [models.UniqueConstraint(fields=["code"], name="agency_former_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} → {self.agency.code}"

    def clean(self) -> None:
        if Agency.objects.filter(code=self.code).exists():
            raise ValidationError(
                {
                    "code": gettext("Mã %(code)s đang là mã hiện hành của một đơn vị.")
                    % {"code": self.code}
                }
            )
