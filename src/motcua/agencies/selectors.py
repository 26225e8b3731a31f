"""Reading the agency tree: lookups by code (old codes too), subtrees, inherited working hours."""

from datetime import date

from django.db.models import Q, QuerySet

from motcua.agencies.hours import DEFAULT_WORKING_PERIODS, Periods, parse_periods
from motcua.agencies.models import Agency, AgencyKind
from motcua.core.errors import NotFound


def agency_by_code(code: str) -> Agency:
    """The unit with this identifier code, or the one that now carries a former code."""
    agency = Agency.objects.filter(Q(code=code) | Q(former_codes__code=code)).distinct().first()
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan, đơn vị có mã {code}.", code="unknown_agency")
    return agency


def subtree(agency: Agency, *, include_self: bool = True) -> QuerySet[Agency]:
    nodes = Agency.objects.filter(path__startswith=agency.path)
    return nodes if include_self else nodes.exclude(pk=agency.pk)


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
