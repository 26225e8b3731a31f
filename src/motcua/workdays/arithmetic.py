"""Deadline arithmetic on a working-day calendar: values and pure functions, no database.

A `WorkCalendar` answers "when is this processing time due?" and "how much working time lies
between these two moments?" for one set of working days and one set of daily working periods.
`selectors.calendar_for` builds one from the database; tests build them directly.

The rules (vn-rules.md, "Time and deadlines"):
- time counts only inside the working periods of working days; a start outside them counts from
  the next opening, and a start at or after a procedure's cut-off counts from the next working day;
- `day` is 8 working hours (halves allowed), `hour` is working hours (whole minutes);
- `calendar_day` adds whole days to the date counting starts on and, when that date is not a working
  day, moves to the next one; it is due when that day closes;
- the due moment is the earliest instant at which the time has elapsed, so a time that runs out at
  11:30 is due at 11:30, not at 13:00.

Datetimes go in and come out timezone-aware, in Asia/Ho_Chi_Minh.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

import holidays
from django.utils.translation import gettext as _

from motcua.agencies.hours import DEFAULT_WORKING_PERIODS, Periods
from motcua.core.clock import VN_TZ
from motcua.core.errors import ValidationFailed

HOURS_PER_DAY = 8
# The longest processing times run to months; ten years bounds every amount and every search below.
MAX_DAYS = 3650

Amount = int | Decimal | Fraction


class Unit(StrEnum):
    """How a processing time is counted: working days, working hours, or calendar days."""

    DAY = "day"
    HOUR = "hour"
    CALENDAR_DAY = "calendar_day"


class WorkingDays:
    """Whether a date is a working day: Vietnam's national calendar, then the overrides.

    `holidays` knows the public holidays (lunar ones by the Vietnamese calendar), days off in lieu,
    swapped days and make-up Saturdays. The longer Tết break the government decides each year and a
    province's own decisions are not in it: they arrive as `days_off` and `working_days`.
    """

    def __init__(self, *, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> None:
        self._days_off = frozenset(days_off)
        self._working_days = frozenset(working_days)
        if self._days_off & self._working_days:
            raise ValueError("a date cannot be both an extra day off and a make-up working day")
        # One holidays object per calendar: it computes a year the first time a date in it is
        # asked for and keeps it, so a calendar pays for each year once.
        self._national = holidays.country_holidays("VN", language="vi")

    def __call__(self, day: date) -> bool:
        if day in self._days_off:
            return False
        if day in self._working_days:
            return True
        return self._national.is_working_day(day)


@dataclass(frozen=True)
class WorkCalendar:
    """Working days plus the daily working periods (sorted, not overlapping) deadlines count in."""

    is_working_day: Callable[[date], bool]
    periods: Periods = DEFAULT_WORKING_PERIODS

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("a work calendar needs at least one working period")
        if any(start >= end for start, end in self.periods) or any(
            next_start < end for (_start, end), (next_start, _end) in pairwise(self.periods)
        ):
            raise ValueError(f"working periods must be sorted and disjoint: {self.periods}")

    @property
    def opening(self) -> time:
        return self.periods[0][0]

    @property
    def closing(self) -> time:
        return self.periods[-1][1]

    def is_working_moment(self, moment: datetime) -> bool:
        """Whether the clock runs at `moment`: inside a working period of a working day.

        A period's end is outside: from 17:00 the clock waits for the next opening.
        """
        local = _local(moment)
        return self.is_working_day(local.date()) and any(
            start <= local.time() < end for start, end in self.periods
        )

    def working_day_on_or_after(self, day: date) -> date:
        """`day` when it is a working day, else the next one."""
        for offset in range(MAX_DAYS + 1):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        # Only a broken override table (every day marked off) gets here; say what to fix.
        raise ValidationFailed(
            _(
                "Không có ngày làm việc nào trong 10 năm kể từ ngày %(day)s: kiểm tra lại "
                "bảng ngày nghỉ, ngày làm việc bù."
            )
            % {"day": day.strftime("%d/%m/%Y")},
            code="no_working_day",
        )

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` itself when the clock runs then, else the next start of a working period."""
        local = _local(moment)
        day, clock = local.date(), local.time()
        if self.is_working_day(day):
            for start, end in self.periods:
                if clock < end:
                    return local if clock >= start else _at(day, start)
        return _at(self.working_day_on_or_after(day + timedelta(days=1)), self.opening)

    def counting_start(self, received: datetime, *, cutoff: time | None = None) -> datetime:
        """When the clock starts for something received at `received`.

        `cutoff` is a procedure's cut-off hour: received at or after it on a working day, the
        time counts from the next working day's opening.
        """
        local = _local(received)
        if cutoff is not None and self.is_working_day(local.date()) and local.time() >= cutoff:
            next_day = self.working_day_on_or_after(local.date() + timedelta(days=1))
            return _at(next_day, self.opening)
        return self.next_opening(local)

    def add(
        self, start: datetime, *, amount: Amount, unit: Unit | str, cutoff: time | None = None
    ) -> datetime:
        """The due moment of a processing time of `amount` `unit`s received at `start`."""
        unit = _unit(unit)
        value = _checked_amount(amount, unit=unit)
        try:
            begin = self.counting_start(start, cutoff=cutoff)
            if unit is Unit.CALENDAR_DAY:
                due_day = begin.date() + timedelta(days=int(value))
                return _at(self.working_day_on_or_after(due_day), self.closing)
            hours = value * HOURS_PER_DAY if unit is Unit.DAY else value
            return self.add_working_time(begin, duration=timedelta(minutes=int(hours * 60)))
        except OverflowError as exc:
            raise ValidationFailed(
                _("Thời hạn vượt quá năm 9999: nhập thời điểm bắt đầu sớm hơn."),
                fields={"start": [_("Nhập thời điểm bắt đầu sớm hơn.")]},
            ) from exc

    def add_working_time(self, start: datetime, *, duration: timedelta) -> datetime:
        """The earliest instant at which `duration` of working time has elapsed since `start`.

        Also how a stopped clock (yêu cầu bổ sung) moves a due moment: by the working time it stood.
        """
        if duration < timedelta():
            raise ValueError("a working duration cannot be negative")
        if not duration:
            # A clock that stood through no working time leaves a due moment where it was.
            return _local(start)
        moment, remaining = self.next_opening(start), duration
        while True:
            end = self._end_of_period_at(moment)
            if remaining <= end - moment:
                return moment + remaining
            remaining -= end - moment
            moment = self.next_opening(end)

    def working_time_between(self, *, start: datetime, end: datetime) -> timedelta:
        """The working time in [start, end): what a clock stopped from `start` to `end` stood."""
        first, last = _local(start), _local(end)
        if last < first:
            raise ValueError(f"the end {last} comes before the start {first}")
        total = timedelta()
        for offset in range((last.date() - first.date()).days + 1):
            day = first.date() + timedelta(days=offset)
            if not self.is_working_day(day):
                continue
            for opening, closing in self.periods:
                overlap = min(last, _at(day, closing)) - max(first, _at(day, opening))
                if overlap > timedelta():
                    total += overlap
        return total

    def _end_of_period_at(self, moment: datetime) -> datetime:
        clock = moment.time()
        end = next(end for start, end in self.periods if start <= clock < end)
        return _at(moment.date(), end)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=VN_TZ)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"deadline arithmetic needs a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(VN_TZ)


def _unit(unit: Unit | str) -> Unit:
    try:
        return Unit(unit)
    except ValueError as exc:
        message = _(
            "Chọn đơn vị thời gian: day (ngày làm việc), hour (giờ làm việc) "
            "hoặc calendar_day (ngày lịch)."
        )
        raise ValidationFailed(message, fields={"unit": [message]}) from exc


def _refuse_amount(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"amount": [message]})


def _checked_amount(amount: Amount, *, unit: Unit) -> Fraction:
    """`amount` as an exact fraction, refused unless the unit can count it."""
    try:
        value = Fraction(amount)
    except (TypeError, ValueError, OverflowError) as exc:
        raise _refuse_amount(_("Nhập thời hạn là một số, ví dụ 3 hoặc 0.5.")) from exc
    if value <= 0:
        raise _refuse_amount(_("Nhập thời hạn lớn hơn 0, ví dụ 3 hoặc 0.5."))
    days = value / HOURS_PER_DAY if unit is Unit.HOUR else value
    if days > MAX_DAYS:
        raise _refuse_amount(
            _("Nhập thời hạn không quá %(days)s ngày (%(hours)s giờ).")
            % {"days": MAX_DAYS, "hours": MAX_DAYS * HOURS_PER_DAY}
        )
    if unit is Unit.DAY and (value * 2).denominator != 1:
        raise _refuse_amount(
            _("Thời hạn tính theo ngày làm việc chỉ lẻ được nửa ngày: nhập ví dụ 1 hoặc 1.5.")
        )
    if unit is Unit.HOUR and (value * 60).denominator != 1:
        raise _refuse_amount(
            _("Thời hạn tính theo giờ phải tròn đến phút: nhập ví dụ 1.5 hoặc 0.25 giờ.")
        )
    if unit is Unit.CALENDAR_DAY and value.denominator != 1:
        raise _refuse_amount(_("Thời hạn tính theo ngày lịch phải là số ngày nguyên, ví dụ 3."))
    return value
