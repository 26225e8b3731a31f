"""Property tests: the deadline arithmetic against a brute-force, minute-by-minute reference.

The reference is written here from the rules, independently of `src/`: the `holidays` library for
the national calendar, its own copy of the default working hours, and a walk over every minute.
Instants are counted as whole minutes since 2025-01-01 00:00 in Vietnam time.
"""

from datetime import date, datetime, time, timedelta
from fractions import Fraction
from functools import cache
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.workdays.arithmetic import WorkCalendar, WorkingDays

pytestmark = pytest.mark.sqlite_smoke

VN = ZoneInfo("Asia/Ho_Chi_Minh")
EPOCH = date(2025, 1, 1)
DAYS = (date(2028, 1, 1) - EPOCH).days
MINUTES_PER_DAY = 24 * 60
# 07:30–11:30 and 13:00–17:00 as minutes of the day.
OPENING, CLOSING = 7 * 60 + 30, 17 * 60
WORKING_MINUTES = frozenset(range(OPENING, 11 * 60 + 30)) | frozenset(range(13 * 60, CLOSING))
CUTOFFS = range(12 * 60, 17 * 60 + 1, 15)
EDGES = (0, 449, 450, 451, 689, 690, 691, 779, 780, 781, 1019, 1020, 1021, 1439, *CUTOFFS)

NATIONAL = holidays.country_holidays("VN", language="vi")
CALENDAR = WorkCalendar(is_working_day=WorkingDays())


@cache
def ref_working_day(day_index: int) -> bool:
    return NATIONAL.is_working_day(EPOCH + timedelta(days=day_index))


def ref_working_minute(n: int) -> bool:
    """Whether the minute that starts `n` minutes after the epoch is working time."""
    day, minute = divmod(n, MINUTES_PER_DAY)
    return minute in WORKING_MINUTES and ref_working_day(day)


def ref_counting_start(n: int, cutoff: int | None) -> int:
    day, minute = divmod(n, MINUTES_PER_DAY)
    if cutoff is not None and ref_working_day(day) and minute >= cutoff:
        n = (day + 1) * MINUTES_PER_DAY
    while not ref_working_minute(n):
        n += 1
    return n


def ref_add_minutes(n: int, minutes: int, cutoff: int | None = None) -> int:
    """The end of the `minutes`-th working minute counted from `n`."""
    n = ref_counting_start(n, cutoff)
    counted = 0
    while counted < minutes:
        counted += ref_working_minute(n)
        n += 1
    return n


def ref_add_calendar_days(n: int, days: int, cutoff: int | None = None) -> int:
    day = ref_counting_start(n, cutoff) // MINUTES_PER_DAY + days
    while not ref_working_day(day):
        day += 1
    return day * MINUTES_PER_DAY + CLOSING


def ref_working_minutes_between(a: int, b: int) -> int:
    return sum(ref_working_minute(n) for n in range(a, b))


def instant(n: int) -> datetime:
    return datetime.combine(EPOCH, time(), tzinfo=VN) + timedelta(minutes=n)


def inside_working_hours(moment: datetime) -> bool:
    """On a working day, within 07:30–11:30 or 13:00–17:00, the ends included."""
    clock = moment.time()
    return NATIONAL.is_working_day(moment.date()) and (
        time(7, 30) <= clock <= time(11, 30) or time(13) <= clock <= time(17)
    )


# Starts anywhere in 2025–2027, half of them on the edges of the working periods or on a cut-off.
starts = st.one_of(
    st.integers(0, DAYS * MINUTES_PER_DAY - 1),
    st.builds(
        lambda day, minute: day * MINUTES_PER_DAY + minute,
        st.integers(0, DAYS - 1),
        st.sampled_from(EDGES),
    ),
)
# Whole working minutes up to 15 days, or half days up to 15 days.
hour_minutes = st.integers(1, 15 * 8 * 60)
half_days = st.integers(1, 30)
cutoffs = st.none() | st.sampled_from(CUTOFFS)


def cutoff_time(cutoff: int | None) -> time | None:
    return None if cutoff is None else time(*divmod(cutoff, 60))


@given(start=starts, minutes=hour_minutes, cutoff=cutoffs)
def test_hours_match_the_reference(start, minutes, cutoff):
    due = CALENDAR.add(
        instant(start), amount=Fraction(minutes, 60), unit="hour", cutoff=cutoff_time(cutoff)
    )
    assert due == instant(ref_add_minutes(start, minutes, cutoff))
    assert due > instant(start)
    assert inside_working_hours(due)
    assert due.utcoffset() == timedelta(hours=7)


@given(start=starts, halves=half_days, cutoff=cutoffs)
def test_days_match_the_reference(start, halves, cutoff):
    due = CALENDAR.add(
        instant(start), amount=Fraction(halves, 2), unit="day", cutoff=cutoff_time(cutoff)
    )
    assert due == instant(ref_add_minutes(start, halves * 4 * 60, cutoff))
    assert due > instant(start)
    assert inside_working_hours(due)


@given(start=starts, days=st.integers(1, 20), cutoff=cutoffs)
def test_calendar_days_match_the_reference(start, days, cutoff):
    due = CALENDAR.add(instant(start), amount=days, unit="calendar_day", cutoff=cutoff_time(cutoff))
    assert due == instant(ref_add_calendar_days(start, days, cutoff))
    assert due > instant(start)
    assert inside_working_hours(due)


@given(start=starts, first=hour_minutes, second=hour_minutes)
def test_adding_hours_in_two_steps_is_adding_them_at_once(start, first, second):
    a = instant(start)
    step = CALENDAR.add(a, amount=Fraction(first, 60), unit="hour")
    assert CALENDAR.add(step, amount=Fraction(second, 60), unit="hour") == CALENDAR.add(
        a, amount=Fraction(first + second, 60), unit="hour"
    )


@given(start=starts, first=half_days, second=half_days)
def test_adding_days_in_two_steps_is_adding_them_at_once(start, first, second):
    a = instant(start)
    step = CALENDAR.add(a, amount=Fraction(first, 2), unit="day")
    assert CALENDAR.add(step, amount=Fraction(second, 2), unit="day") == CALENDAR.add(
        a, amount=Fraction(first + second, 2), unit="day"
    )


@given(start=starts, span=st.integers(0, 20 * MINUTES_PER_DAY))
def test_working_time_between_matches_the_reference(start, span):
    assert CALENDAR.working_time_between(
        start=instant(start), end=instant(start + span)
    ) == timedelta(minutes=ref_working_minutes_between(start, start + span))


@given(start=starts, minutes=hour_minutes)
def test_working_time_up_to_the_due_moment_is_the_amount(start, minutes):
    a = instant(start)
    due = CALENDAR.add(a, amount=Fraction(minutes, 60), unit="hour")
    assert CALENDAR.working_time_between(start=a, end=due) == timedelta(minutes=minutes)


days_off = st.integers(0, DAYS - 1).filter(lambda day: not ref_working_day(day))


@given(day=days_off, minute=st.integers(0, MINUTES_PER_DAY - 1), minutes=hour_minutes)
def test_weekends_and_holidays_never_count(day, minute, minutes):
    midnight = day * MINUTES_PER_DAY
    assert (
        CALENDAR.working_time_between(
            start=instant(midnight), end=instant(midnight + MINUTES_PER_DAY)
        )
        == timedelta()
    )
    start = instant(midnight + minute)
    assert CALENDAR.next_opening(start).date() > start.date()
    assert not CALENDAR.is_working_moment(start)
    due = CALENDAR.add(start, amount=Fraction(minutes, 60), unit="hour")
    assert NATIONAL.is_working_day(due.date())
