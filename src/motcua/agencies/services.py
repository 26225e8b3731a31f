"""Changing the agency tree: creating, editing and moving units, new codes, mergers, dissolutions.

Every write to `Agency` and `AgencyCode` goes through these functions (the JSON import calls them
too). Each validates with the model's rules, writes in one transaction, and leaves the tree's
derived columns to `Agency.save()`. Access is the caller's business: this app sits below
`accounts`, whose `agencies.manage` rule answers who may call them. What an agency administrator
does in the back office (`add_internal_unit`, `update_unit_details`, `set_hours`) is audited with
the actor.
"""

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, AgencyCode
from motcua.agencies.selectors import is_in_force
from motcua.agencies.structure import DESCRIPTIVE_FIELDS, INTERNAL_KINDS, placement_errors
from motcua.audit import services as audit
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.validation import full_clean_or_fail

# What `update_agency` may change; the code and the parent have their own services because a new
# code must enter history and a move re-paths a subtree.
UPDATABLE_FIELDS = frozenset({*DESCRIPTIVE_FIELDS, "successor"})


@transaction.atomic
def create_agency(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Agency | None = None,
    level: str = "",
    short_name: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    has_one_stop_desk: bool = False,
    desk_hours: dict | None = None,
    working_periods: list | None = None,
    effective_from: date | None = None,
    effective_to: date | None = None,
    successor: Agency | None = None,
) -> Agency:
    """A new unit; an empty `level` is derived from the kind and the parent."""
    agency = Agency(
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        parent=parent,
        level=level,
        short_name=short_name.strip(),
        address=address.strip(),
        phone=phone.strip(),
        email=email.strip(),
        has_one_stop_desk=has_one_stop_desk,
        desk_hours=desk_hours if desk_hours is not None else {},
        working_periods=working_periods if working_periods is not None else [],
        effective_from=effective_from,
        effective_to=effective_to,
        successor=successor,
    )
    _validate_and_save(agency)
    return agency


@transaction.atomic
def update_agency(*, agency: Agency, data: Mapping[str, Any]) -> Agency:
    """Change the given fields (names in `UPDATABLE_FIELDS`) of `agency`."""
    unknown = set(data) - UPDATABLE_FIELDS
    if unknown:
        raise TypeError(
            f"update_agency() cannot change {sorted(unknown)}; use change_code() or move_agency()"
        )
    for field, value in data.items():
        setattr(agency, field, value)
    _validate_and_save(agency)
    return agency


@transaction.atomic
def move_agency(*, agency: Agency, parent: Agency | None, level: str = "") -> Agency:
    """Put `agency` (and its subtree) under `parent`. Without `level` it keeps its level where that
    still fits, else takes the one the new parent gives; its internal units follow it."""
    if not level:
        keeps_level = not placement_errors(
            kind=agency.kind,
            level=agency.level,
            parent_kind=parent.kind if parent else None,
            parent_level=parent.level if parent else None,
        )
        level = agency.level if keeps_level else ""
    agency.parent = parent
    agency.level = level
    _validate_and_save(agency)
    return agency


@transaction.atomic
def change_code(*, agency: Agency, new_code: str, effective: date, note: str = "") -> Agency:
    """From `effective` the unit carries `new_code`; the old code stays findable in its history."""
    new_code = new_code.strip()
    if new_code == agency.code:
        raise ValidationFailed(
            _("Mã định danh mới trùng mã đang dùng."),
            fields={"code": [_("Nhập mã định danh khác mã đang dùng.")]},
        )
    old_code = agency.code
    # A unit given back a code it once carried: that code is current again, not history.
    AgencyCode.objects.filter(agency=agency, code=new_code).delete()
    agency.code = new_code
    _validate_and_save(agency)
    record_former_code(
        agency=agency, code=old_code, valid_until=effective - timedelta(days=1), note=note
    )
    return agency


@transaction.atomic
def record_former_code(
    *, agency: Agency, code: str, valid_until: date, note: str = ""
) -> AgencyCode:
    """Write into the unit's history that it carried `code` until `valid_until` (an empty note
    keeps the one recorded before)."""
    former = AgencyCode.objects.filter(agency=agency, code=code).first() or AgencyCode(
        agency=agency, code=code
    )
    former.valid_until = valid_until
    former.note = note or former.note
    full_clean_or_fail(former)
    former.save()
    return former


@transaction.atomic
def merge_agencies(*, sources: Sequence[Agency], into: Agency, effective: date) -> Agency:
    """From `effective`, `into` (an existing unit or one just created) does the work of `sources`:
    they close the day before with `into` as successor, their internal units with them. Units of
    another kind below a source must be moved first, so none is orphaned by accident."""
    if not sources:
        raise ValidationFailed(_("Chọn ít nhất một đơn vị để sáp nhập."), code="nothing_to_merge")
    if any(source.pk == into.pk for source in sources):
        raise ValidationFailed(
            _("Đơn vị nhận sáp nhập không thể là một trong các đơn vị bị sáp nhập."),
            fields={"successor": [_("Chọn một đơn vị khác các đơn vị bị sáp nhập.")]},
        )
    if not is_in_force(into, on=effective):
        raise Conflict(
            _("%(into)s chưa (hoặc không còn) hiệu lực vào ngày %(day)s.")
            % {"into": into, "day": effective.strftime("%d/%m/%Y")},
            code="successor_not_in_force",
        )
    for source in sources:
        if into.path.startswith(source.path):
            raise ValidationFailed(
                _("Đơn vị nhận sáp nhập không thể trực thuộc %(source)s.") % {"source": source},
                fields={"successor": [_("Chọn một đơn vị không trực thuộc đơn vị bị sáp nhập.")]},
            )
        _close(source, effective=effective, successor=into)
    return into


@transaction.atomic
def dissolve_agency(*, agency: Agency, effective: date, successor: Agency | None = None) -> Agency:
    """The unit ends the day before `effective`; `successor`, if given, takes over its work."""
    if successor is not None and not is_in_force(successor, on=effective):
        raise Conflict(
            _("%(successor)s chưa (hoặc không còn) hiệu lực vào ngày %(day)s.")
            % {"successor": successor, "day": effective.strftime("%d/%m/%Y")},
            code="successor_not_in_force",
        )
    return _close(agency, effective=effective, successor=successor)


def _close(agency: Agency, *, effective: date, successor: Agency | None) -> Agency:
    last_day = effective - timedelta(days=1)
    if not is_in_force(agency, on=last_day):
        raise Conflict(
            _("%(agency)s không còn hiệu lực vào ngày %(day)s nên không thể đóng từ ngày đó.")
            % {"agency": agency, "day": last_day.strftime("%d/%m/%Y")},
            code="agency_not_in_force",
        )
    open_after = Q(effective_to__isnull=True) | Q(effective_to__gt=last_day)
    staying = list(
        agency.children.exclude(kind__in=INTERNAL_KINDS)
        .filter(open_after)
        .values_list("code", flat=True)
    )
    if staying:
        raise Conflict(
            _("Chuyển hoặc đóng trước các đơn vị trực thuộc %(agency)s: %(codes)s.")
            % {"agency": agency, "codes": ", ".join(staying)},
            code="agency_has_units",
        )
    # Internal units go with their agency; their open dossiers follow the successor.
    agency.children.filter(kind__in=INTERNAL_KINDS).filter(open_after).filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=last_day)
    ).update(effective_to=last_day, successor=successor)
    return update_agency(agency=agency, data={"effective_to": last_day, "successor": successor})


# What an agency administrator may change about a unit besides its hours.
DETAIL_FIELDS = ("name", "short_name", "address", "phone", "email")


@transaction.atomic
def add_internal_unit(
    *,
    actor: Any,
    agency: Agency,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Agency:
    """A new phòng or bộ phận một cửa inside `agency`."""
    if kind not in INTERNAL_KINDS:
        message = _("Chọn Phòng, đơn vị chuyên môn hoặc Bộ phận Một cửa.")
        raise ValidationFailed(message, fields={"kind": [message]})
    if agency.is_internal_unit:
        message = _("Phòng, bộ phận chỉ thuộc một cơ quan, không thuộc một phòng, bộ phận khác.")
        raise ValidationFailed(message, fields={"parent": [message]})
    unit = create_agency(
        code=code,
        name=name,
        kind=kind,
        parent=agency,
        short_name=short_name,
        address=address,
        phone=phone,
        email=email,
    )
    audit.record(
        action="agencies.add_unit",
        actor=actor,
        obj=unit,
        data={"agency": agency.code, "code": unit.code, "name": unit.name, "kind": kind},
    )
    return unit


@transaction.atomic
def update_unit_details(*, actor: Any, unit: Agency, data: Mapping[str, str]) -> Agency:
    """Rename a unit or change its contact details (`DETAIL_FIELDS`); audited with the changes."""
    unknown = set(data) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"update_unit_details() cannot change {sorted(unknown)}")
    values = {field: (value or "").strip() for field, value in data.items()}
    before = {field: getattr(unit, field) for field in values}
    update_agency(agency=unit, data=values)
    changes = {
        field: [before[field], value] for field, value in values.items() if before[field] != value
    }
    if changes:
        audit.record(
            action="agencies.update_unit", actor=actor, obj=unit, data={"changes": changes}
        )
    return unit


@transaction.atomic
def set_hours(*, actor: Any, unit: Agency, working_periods: list, desk_hours: dict) -> Agency:
    """The unit's working periods (deadlines count in them; empty: inherit from the unit above)
    and desk opening hours (empty: inherit), each as "HH:MM" pairs."""
    before = {"working_periods": unit.working_periods, "desk_hours": unit.desk_hours}
    update_agency(agency=unit, data={"working_periods": working_periods, "desk_hours": desk_hours})
    audit.record(
        action="agencies.set_hours",
        actor=actor,
        obj=unit,
        data={
            "before": before,
            "after": {"working_periods": working_periods, "desk_hours": desk_hours},
        },
    )
    return unit


def _validate_and_save(agency: Agency) -> None:
    try:
        full_clean_or_fail(agency)
    except ValidationFailed:
        if agency.pk:
            agency.refresh_from_db()  # the caller's instance must not keep refused values
        raise
    agency.save()
