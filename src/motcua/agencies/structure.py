"""The shape of the agency tree: kinds of unit, levels, codes, and which unit may sit under which.

These rules are pure (no database) so that the model's `clean()`, the services and the JSON import
check a node the same way, even before its parent exists. Each check returns errors per field name,
as Django's `ValidationError` takes them.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies.hours import parse_desk_hours, parse_periods
from motcua.core.errors import ValidationFailed

# The descriptive fields of a unit: what the import, the admin form and `update_agency` may set
# directly. The code and the parent have their own services (history, re-pathing a subtree).
DESCRIPTIVE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "address",
    "phone",
    "email",
    "has_one_stop_desk",
    "desk_hours",
    "working_periods",
    "effective_from",
    "effective_to",
)

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


# Higher government first: a sector agency may sit at its parent's level or below it.
LEVEL_RANK = {
    AdministrativeLevel.PROVINCE: 0,
    AdministrativeLevel.DISTRICT: 1,
    AdministrativeLevel.COMMUNE: 2,
}

_AGENCY_KINDS = frozenset(AgencyKind) - INTERNAL_KINDS

# Where each kind may hang. Districts are optional (the 2-level model since 1/7/2025 has none), so
# a commune sits under the province or a district; internal units sit directly under an agency and
# are therefore always leaves.
ALLOWED_PARENTS: dict[str, frozenset[str]] = {
    AgencyKind.PROVINCE: frozenset(),
    AgencyKind.DEPARTMENT: frozenset({AgencyKind.PROVINCE}),
    AgencyKind.DISTRICT: frozenset({AgencyKind.PROVINCE}),
    AgencyKind.COMMUNE: frozenset({AgencyKind.PROVINCE, AgencyKind.DISTRICT}),
    AgencyKind.SERVICE_CENTRE: frozenset(
        {AgencyKind.PROVINCE, AgencyKind.DISTRICT, AgencyKind.COMMUNE}
    ),
    AgencyKind.SECTOR_AGENCY: frozenset(
        {AgencyKind.PROVINCE, AgencyKind.DISTRICT, AgencyKind.COMMUNE, AgencyKind.SECTOR_AGENCY}
    ),
    AgencyKind.DIVISION: _AGENCY_KINDS,
    AgencyKind.ONE_STOP_DESK: _AGENCY_KINDS,
}

# Kinds whose level their kind decides; every other kind takes its parent's level by default.
FIXED_LEVELS: dict[str, str] = {
    AgencyKind.PROVINCE: AdministrativeLevel.PROVINCE,
    AgencyKind.DEPARTMENT: AdministrativeLevel.PROVINCE,
    AgencyKind.DISTRICT: AdministrativeLevel.DISTRICT,
    AgencyKind.COMMUNE: AdministrativeLevel.COMMUNE,
}

Errors = dict[str, list[str]]


def default_level(kind: str, parent_level: str | None) -> str | None:
    """The level a unit of `kind` takes under a parent at `parent_level` when none is given."""
    return FIXED_LEVELS.get(kind, parent_level)


def placement_errors(
    *, kind: str, level: str, parent_kind: str | None, parent_level: str | None
) -> Errors:
    """Whether a unit of `kind` at `level` may sit under the given parent (None: at the root)."""
    if kind not in ALLOWED_PARENTS:
        return {}  # the field's own choices validation reports an unknown kind
    kind_label = AgencyKind(kind).label
    allowed = ALLOWED_PARENTS[kind]
    if parent_kind is None and allowed:
        return {
            "parent": [
                gettext("Chọn đơn vị cấp trên: %(kind)s phải trực thuộc %(allowed)s.")
                % {"kind": kind_label, "allowed": _labels(allowed)}
            ]
        }
    if parent_kind is not None and not allowed:
        return {"parent": [gettext("UBND tỉnh đứng ở gốc cây, không trực thuộc đơn vị nào.")]}
    if parent_kind is not None and parent_kind not in allowed:
        return {
            "parent": [
                gettext("%(kind)s không thể trực thuộc %(parent)s; chọn %(allowed)s.")
                % {
                    "kind": kind_label,
                    "parent": AgencyKind(parent_kind).label,
                    "allowed": _labels(allowed),
                }
            ]
        }
    return _level_errors(kind=kind, level=level, parent_level=parent_level)


def _level_errors(*, kind: str, level: str, parent_level: str | None) -> Errors:
    if level not in LEVEL_RANK:
        return {}  # reported by the field's choices
    expected = default_level(kind, parent_level)
    if kind == AgencyKind.SECTOR_AGENCY and parent_level is not None:
        if LEVEL_RANK[level] < LEVEL_RANK[parent_level]:
            return {
                "level": [
                    gettext(
                        "Cơ quan ngành dọc không thể ở cấp cao hơn đơn vị cấp trên (%(level)s)."
                    )
                    % {"level": AdministrativeLevel(parent_level).label}
                ]
            }
        return {}
    if expected is not None and level != expected:
        return {
            "level": [
                gettext("%(kind)s ở đây phải thuộc %(level)s.")
                % {"kind": AgencyKind(kind).label, "level": AdministrativeLevel(expected).label}
            ]
        }
    return {}


def hours_errors(*, working_periods: object, desk_hours: object) -> Errors:
    """Working periods are a list of ["HH:MM", "HH:MM"] pairs; desk hours map weekdays to such lists."""
    errors: Errors = {}
    if not isinstance(working_periods, list):
        errors["working_periods"] = [
            gettext('Giờ làm việc ghi dạng [["07:30", "11:30"], ["13:00", "17:00"]].')
        ]
    else:
        try:
            parse_periods(working_periods)
        except ValidationFailed as exc:
            errors["working_periods"] = [exc.message]
    if not isinstance(desk_hours, dict) or not all(
        isinstance(periods, list) for periods in desk_hours.values()
    ):
        errors["desk_hours"] = [
            gettext('Giờ tiếp công dân ghi dạng {"mon": [["07:30", "11:30"]], "sat": [...]}.')
        ]
    else:
        try:
            parse_desk_hours(desk_hours)
        except ValidationFailed as exc:
            errors["desk_hours"] = [exc.message]
    return errors


def _labels(kinds: frozenset[str]) -> str:
    return "; ".join(str(kind.label) for kind in AgencyKind if kind in kinds)
