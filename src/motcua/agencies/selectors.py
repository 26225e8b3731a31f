"""Reading the agency tree: lookups by code (old codes too), subtrees, successors, inherited hours."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies.hours import (
    DEFAULT_WORKING_PERIODS,
    Periods,
    parse_desk_hours,
    parse_periods,
)
from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.core.errors import NotFound


def agency_by_code(code: str) -> Agency:
    """The unit with this identifier code, or the one that now carries a former code."""
    agency = Agency.objects.filter(Q(code=code) | Q(former_codes__code=code)).distinct().first()
    if agency is None:
        raise NotFound(
            _("Không tìm thấy cơ quan, đơn vị có mã %(code)s.") % {"code": code},
            code="unknown_agency",
        )
    return agency


def installation_root() -> Agency | None:
    """The province this installation serves: the root of the tree (None before it is imported)."""
    return (
        active_on(clock.today())
        .filter(parent__isnull=True, kind=AgencyKind.PROVINCE)
        .order_by("path")
        .first()
    )


def subtree(agency: Agency, *, include_self: bool = True) -> QuerySet[Agency]:
    nodes = Agency.objects.filter(path__startswith=agency.path)
    return nodes if include_self else nodes.exclude(pk=agency.pk)


def children_of(agency: Agency, *, on: date | None = None) -> QuerySet[Agency]:
    """The units directly under `agency`, by name; only those in force on `on` when it is given."""
    children = active_on(on) if on is not None else Agency.objects.all()
    return children.filter(parent=agency).order_by("name")


def ancestors(agency: Agency) -> list[Agency]:
    """From the root down to the parent."""
    by_id = Agency.objects.in_bulk(agency.ancestor_ids())
    return [by_id[pk] for pk in agency.ancestor_ids() if pk in by_id]


def province_of(agency: Agency) -> Agency | None:
    """The province at the root of the unit's tree (None for a tree without one)."""
    ids = agency.ancestor_ids()
    root = Agency.objects.get(pk=ids[0]) if ids else agency
    return root if root.kind == AgencyKind.PROVINCE else None


def working_periods_for(agency: Agency) -> Periods:
    """Working periods for deadlines: the unit's own, else the nearest ancestor's, else the default."""
    if agency.working_periods:
        return parse_periods(agency.working_periods)
    for ancestor in reversed(ancestors(agency)):
        if ancestor.working_periods:
            return parse_periods(ancestor.working_periods)
    return DEFAULT_WORKING_PERIODS


def active_on(day: date) -> QuerySet[Agency]:
    """Units in force on `day` (reorganised ones are kept, closed, for history)."""
    return Agency.objects.filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    )


def is_in_force(agency: Agency, *, on: date) -> bool:
    return (agency.effective_from is None or agency.effective_from <= on) and (
        agency.effective_to is None or agency.effective_to >= on
    )


def successor_chain(agency: Agency) -> list[Agency]:
    """The unit, its successor, that one's successor, and so on (one query per reorganisation)."""
    chain = [agency]
    seen = {agency.pk}
    while chain[-1].successor_id is not None and chain[-1].successor_id not in seen:
        successor = Agency.objects.get(pk=chain[-1].successor_id)
        chain.append(successor)
        seen.add(successor.pk)
    return chain


def current_successor(agency: Agency, *, on: date | None = None) -> Agency:
    """The unit that does this unit's work on `on` (default today): the first of the successor
    chain in force then, or the last of the chain when none is (dissolved without a successor).
    Open dossiers of a merged unit pass to it.
    """
    day = on or clock.today()
    chain = successor_chain(agency)
    return next((unit for unit in chain if is_in_force(unit, on=day)), chain[-1])


def tree_listing(*, root: Agency | None = None) -> QuerySet[Agency]:
    """The whole tree (or `root`'s subtree), each unit followed by its subtree: listings indent
    each row by `Agency.depth`."""
    nodes = subtree(root) if root is not None else Agency.objects.all()
    return nodes.order_by("path")


def internal_units(agency: Agency) -> QuerySet[Agency]:
    """The agency's internal units (phòng, bộ phận một cửa), closed ones too, by name."""
    return Agency.objects.filter(parent=agency, kind__in=INTERNAL_KINDS).order_by("name")


@dataclass(frozen=True)
class UnitHours:
    """The hours that apply to a unit and the unit they come from (itself, its agency or an
    ancestor; None: the default working periods, or no desk hours declared)."""

    unit: Agency
    working_periods: Periods
    working_source: Agency | None
    desk_hours: dict[str, Periods]
    desk_source: Agency | None


def hours_of(agency: Agency) -> list[UnitHours]:
    """The agency's and each internal unit's hours in force, as `working_periods_for` finds them
    (a bộ phận một cửa opens when its agency does unless it declares its own desk hours): three
    queries whatever the number of units."""
    above = list(reversed(ancestors(agency)))
    units = [agency, *internal_units(agency).filter(pk__in=active_on(clock.today()))]
    rows = []
    for unit in units:
        lineage = [unit, *([agency] if unit is not agency else []), *above]
        working = next((a for a in lineage if a.working_periods), None)
        desk = next((a for a in lineage if a.desk_hours), None)
        rows.append(
            UnitHours(
                unit=unit,
                working_periods=parse_periods(working.working_periods)
                if working
                else DEFAULT_WORKING_PERIODS,
                working_source=working,
                desk_hours=parse_desk_hours(desk.desk_hours) if desk else {},
                desk_source=desk,
            )
        )
    return rows


def suggested_unit_code(agency: Agency) -> str:
    """A free identifier code for a new internal unit of `agency`: QĐ 20/2020 numbers an agency's
    units in the second group of its code (000.00.12.H99 → 000.01.12.H99, 000.02.12.H99, …).
    Empty when the agency's code does not leave that group free."""
    first, second, third, fourth = agency.code.split(".")
    if second != "00":
        return ""
    taken = set(
        Agency.objects.filter(
            code__startswith=f"{first}.", code__endswith=f".{third}.{fourth}"
        ).values_list("code", flat=True)
    )
    for number in range(1, 100):
        code = f"{first}.{number:02d}.{third}.{fourth}"
        if code not in taken:
            return code
    return ""


def with_their_agencies(units: QuerySet[Agency]) -> set[int]:
    """The ids of `units` and, for each internal unit among them, of the agency it belongs to
    (a phòng's officer works on the agency's dossiers too)."""
    ids: set[int] = set()
    for pk, parent_id, kind in units.values_list("pk", "parent_id", "kind"):
        ids.add(pk)
        if kind in INTERNAL_KINDS and parent_id is not None:
            ids.add(parent_id)
    return ids
