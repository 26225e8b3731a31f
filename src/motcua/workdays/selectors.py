"""Reading the working-day calendar an agency's deadlines count on."""

from datetime import date

import holidays
from django.db.models import F, Q

from motcua.agencies.models import Agency
from motcua.agencies.selectors import province_of, working_periods_for
from motcua.workdays.arithmetic import WorkCalendar, WorkingDays
from motcua.workdays.models import CalendarOverride, OverrideKind


def calendar_for(*, agency: Agency | None = None) -> WorkCalendar:
    """The calendar deadlines count on: national holidays and national overrides, and for an
    agency also its province's overrides and its working periods (else the default hours).

    Overrides are read in one query; build the calendar once per batch of deadlines.
    """
    if agency is None:
        return WorkCalendar(is_working_day=_working_days(province=None))
    return WorkCalendar(
        is_working_day=_working_days(province=province_of(agency)),
        periods=working_periods_for(agency),
    )


def _working_days(*, province: Agency | None) -> WorkingDays:
    scope = Q(province__isnull=True)
    if province is not None:
        scope |= Q(province=province)
    rows = CalendarOverride.objects.filter(scope).values_list("date", "kind", "province_id")
    kinds = {}
    # National rows first, so that a province's decision for the same date replaces them.
    for day, kind, _province in sorted(rows, key=lambda row: row[2] is not None):
        kinds[day] = kind
    return WorkingDays(
        days_off=[day for day, kind in kinds.items() if kind == OverrideKind.DAY_OFF],
        working_days=[day for day, kind in kinds.items() if kind == OverrideKind.WORKING_DAY],
    )


def overrides_for(*, province: Agency | None, since: date) -> list[CalendarOverride]:
    """The national rows and the province's from `since` on, by date (national first on a day
    both name; the province's then applies)."""
    scope = Q(province__isnull=True)
    if province is not None:
        scope |= Q(province=province)
    return list(
        CalendarOverride.objects.filter(scope, date__gte=since)
        .select_related("province")
        .order_by("date", F("province").asc(nulls_first=True))
    )


def public_holidays(*, years: list[int]) -> list[tuple[date, str]]:
    """Vietnam's public holidays and official days off in those years, as `holidays` knows them
    (lunar ones, days off in lieu), by date: what every agency's calendar starts from."""
    national = holidays.country_holidays("VN", years=years, language="vi")
    return sorted(national.items())
