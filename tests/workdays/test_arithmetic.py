"""Deadline arithmetic on the national calendar and default hours: exact due instants."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.core.errors import ValidationFailed
from motcua.workdays.arithmetic import WorkCalendar, WorkingDays

pytestmark = pytest.mark.sqlite_smoke

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=VN)


@pytest.fixture(scope="module")
def national():
    return WorkCalendar(is_working_day=WorkingDays())


# The examples from the issue, each an exact due instant.
@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        pytest.param(at(2026, 3, 4, 13), Decimal("0.5"), "day", at(2026, 3, 4, 17), id="half-day"),
        pytest.param(at(2026, 3, 4, 17, 30), 1, "hour", at(2026, 3, 5, 8, 30), id="after-closing"),
        pytest.param(at(2026, 8, 21, 13), 1, "day", at(2026, 8, 22, 11, 30), id="make-up-saturday"),
        pytest.param(at(2026, 2, 13, 16, 30), 4, "hour", at(2026, 2, 23, 11), id="tet"),
        pytest.param(at(2026, 8, 28), 3, "calendar_day", at(2026, 9, 3, 17), id="calendar-days"),
    ],
)
def test_issue_examples(national, start, amount, unit, due):
    assert national.add(start, amount=amount, unit=unit) == due


def test_due_is_the_earliest_instant_so_a_morning_that_runs_out_is_due_at_11_30(national):
    assert national.add(at(2026, 3, 4, 7, 30), amount=4, unit="hour") == at(2026, 3, 4, 11, 30)
    assert national.add(at(2026, 3, 4, 7, 30), amount=1, unit="day") == at(2026, 3, 4, 17)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        pytest.param(at(2026, 3, 4, 6), at(2026, 3, 4, 8, 30), id="before-opening"),
        pytest.param(at(2026, 3, 4, 12, 10), at(2026, 3, 4, 14), id="lunch"),
        pytest.param(at(2026, 3, 4, 11, 30), at(2026, 3, 4, 14), id="at-11-30"),
        pytest.param(at(2026, 3, 4, 17), at(2026, 3, 5, 8, 30), id="at-closing"),
        pytest.param(at(2026, 3, 7, 9), at(2026, 3, 9, 8, 30), id="saturday"),
    ],
)
def test_a_start_outside_working_hours_counts_from_the_next_opening(national, start, due):
    assert national.add(start, amount=1, unit="hour") == due


def test_hours_run_across_lunch_and_nights(national):
    assert national.add(at(2026, 3, 4, 10, 45), amount=Decimal("1.5"), unit="hour") == at(
        2026, 3, 4, 13, 45
    )
    assert national.add(at(2026, 3, 4, 16), amount=Decimal("2.25"), unit="hour") == at(
        2026, 3, 5, 8, 45
    )


def test_seconds_of_the_start_are_kept(national):
    assert national.add(at(2026, 3, 4, 9, 0, 30), amount=1, unit="hour") == at(
        2026, 3, 4, 10, 0, 30
    )


def test_days_skip_a_weekend(national):
    # Friday 2026-03-06 09:00 + 2 days: Friday's rest, Monday, Tuesday morning until 09:00.
    assert national.add(at(2026, 3, 6, 9), amount=2, unit="day") == at(2026, 3, 10, 9)


def test_other_offsets_are_read_as_the_same_instant_and_answered_in_vietnam_time(national):
    due = national.add(datetime(2026, 3, 4, 6, tzinfo=ZoneInfo("UTC")), amount=1, unit="hour")
    assert due == at(2026, 3, 4, 14)
    assert due.utcoffset() == timedelta(hours=7)


def test_calendar_days_landing_on_a_working_day_are_due_at_its_closing(national):
    assert national.add(at(2026, 3, 4, 9), amount=1, unit="calendar_day") == at(2026, 3, 5, 17)


def test_calendar_days_count_from_the_next_working_day_when_received_after_closing(national):
    # Friday after closing counts from Monday 2026-03-09; + 2 = Wednesday.
    assert national.add(at(2026, 3, 6, 17, 30), amount=2, unit="calendar_day") == at(
        2026, 3, 11, 17
    )


class TestCutoff:
    def test_received_at_the_cutoff_counts_from_the_next_working_day(self, national):
        due = national.add(at(2026, 3, 6, 15), amount=1, unit="hour", cutoff=time(15))
        assert due == at(2026, 3, 9, 8, 30)

    def test_received_before_the_cutoff_counts_at_once(self, national):
        due = national.add(at(2026, 3, 6, 14, 59), amount=1, unit="hour", cutoff=time(15))
        assert due == at(2026, 3, 6, 15, 59)

    def test_the_cutoff_moves_calendar_days_too(self, national):
        due = national.add(at(2026, 3, 4, 16), amount=1, unit="calendar_day", cutoff=time(15))
        assert due == at(2026, 3, 6, 17)

    def test_a_day_off_ignores_the_cutoff(self, national):
        due = national.add(at(2026, 3, 7, 16), amount=1, unit="hour", cutoff=time(15))
        assert due == at(2026, 3, 9, 8, 30)


def test_an_agencys_own_periods_are_used():
    calendar = WorkCalendar(
        is_working_day=WorkingDays(),
        periods=((time(8), time(12)), (time(13, 30), time(17, 30))),
    )
    assert calendar.add(at(2026, 3, 4, 11), amount=Decimal("0.5"), unit="day") == at(
        2026, 3, 4, 16, 30
    )
    assert calendar.add(at(2026, 3, 4, 17, 15), amount=1, unit="hour") == at(2026, 3, 5, 8, 45)
    assert calendar.add(at(2026, 3, 4), amount=1, unit="calendar_day") == at(2026, 3, 5, 17, 30)


def test_overrides_a_day_off_and_a_make_up_day():
    calendar = WorkCalendar(
        is_working_day=WorkingDays(days_off=[date(2026, 3, 5)], working_days=[date(2026, 3, 7)])
    )
    # Wednesday afternoon, then Thursday off, Friday, then the make-up Saturday morning.
    assert calendar.add(at(2026, 3, 4, 13), amount=2, unit="day") == at(2026, 3, 7, 11, 30)


class TestWorkingTimeBetween:
    def test_counts_only_working_periods_of_working_days(self, national):
        # Friday 16:00 to Monday 08:30: an hour on Friday, an hour on Monday.
        assert national.working_time_between(
            start=at(2026, 3, 6, 16), end=at(2026, 3, 9, 8, 30)
        ) == timedelta(hours=2)

    def test_skips_tet(self, national):
        assert national.working_time_between(
            start=at(2026, 2, 13, 16, 30), end=at(2026, 2, 23, 11)
        ) == timedelta(hours=4)

    def test_is_zero_for_an_empty_or_idle_stretch(self, national):
        assert (
            national.working_time_between(start=at(2026, 3, 4, 11, 30), end=at(2026, 3, 4, 13))
            == timedelta()
        )
        assert (
            national.working_time_between(start=at(2026, 3, 4, 9), end=at(2026, 3, 4, 9))
            == timedelta()
        )

    def test_refuses_an_end_before_the_start(self, national):
        with pytest.raises(ValueError, match="before the start"):
            national.working_time_between(start=at(2026, 3, 4, 10), end=at(2026, 3, 4, 9))


def test_a_stopped_clock_moves_the_due_moment_by_the_working_time_it_stood(national):
    stood = national.working_time_between(start=at(2026, 3, 4, 16), end=at(2026, 3, 5, 9))
    assert stood == timedelta(hours=2, minutes=30)
    assert national.add_working_time(at(2026, 3, 6, 10), duration=stood) == at(2026, 3, 6, 14)


def test_a_clock_stopped_outside_working_hours_leaves_the_due_moment_alone(national):
    stood = national.working_time_between(start=at(2026, 3, 6, 17), end=at(2026, 3, 9, 7))
    assert stood == timedelta()
    assert national.add_working_time(at(2026, 3, 6, 17), duration=stood) == at(2026, 3, 6, 17)


def test_next_opening_and_working_moments(national):
    assert national.next_opening(at(2026, 3, 4, 9, 15)) == at(2026, 3, 4, 9, 15)
    assert national.next_opening(at(2026, 3, 4, 11, 30)) == at(2026, 3, 4, 13)
    assert national.next_opening(at(2026, 2, 13, 17)) == at(2026, 2, 23, 7, 30)
    assert national.is_working_moment(at(2026, 3, 4, 7, 30))
    assert not national.is_working_moment(at(2026, 3, 4, 17))
    assert not national.is_working_moment(at(2026, 2, 17, 9))
    assert national.is_working_moment(at(2026, 8, 22, 9))


class TestRefusals:
    def test_naive_datetimes(self, national):
        with pytest.raises(ValueError, match="timezone-aware"):
            national.add(datetime(2026, 3, 4, 13), amount=1, unit="hour")

    @pytest.mark.parametrize(
        ("amount", "unit"),
        [
            (0, "day"),
            (-1, "hour"),
            (Decimal("1.3"), "day"),
            (Decimal("0.01"), "hour"),
            (Decimal("2.5"), "calendar_day"),
            (Decimal("NaN"), "day"),
            ("three", "day"),
            (3651, "calendar_day"),
            (29201, "hour"),
        ],
    )
    def test_amounts_the_unit_cannot_count(self, national, amount, unit):
        with pytest.raises(ValidationFailed) as refused:
            national.add(at(2026, 3, 4, 9), amount=amount, unit=unit)
        assert set(refused.value.fields) == {"amount"}
        assert refused.value.fields["amount"][0].startswith(("Nhập", "Thời hạn"))

    def test_unknown_unit(self, national):
        with pytest.raises(ValidationFailed) as refused:
            national.add(at(2026, 3, 4, 9), amount=1, unit="week")
        assert set(refused.value.fields) == {"unit"}

    def test_gives_up_when_no_working_day_comes_for_ten_years(self):
        never = WorkCalendar(is_working_day=lambda day: False)
        with pytest.raises(ValidationFailed) as refused:
            never.add(at(2026, 3, 4, 9), amount=1, unit="hour")
        assert refused.value.code == "no_working_day"
        assert "10 năm" in refused.value.message

    def test_beyond_the_last_representable_year(self, national):
        with pytest.raises(ValidationFailed) as refused:
            national.add(at(9999, 12, 30, 9), amount=5, unit="calendar_day")
        assert set(refused.value.fields) == {"start"}

    @pytest.mark.parametrize(
        "periods",
        [
            (),
            ((time(13), time(12)),),
            ((time(13), time(17)), (time(7, 30), time(11, 30))),
            ((time(7, 30), time(12)), (time(11, 30), time(17))),
        ],
    )
    def test_periods_that_are_empty_reversed_unsorted_or_overlapping(self, periods):
        with pytest.raises(ValueError, match="period"):
            WorkCalendar(is_working_day=WorkingDays(), periods=periods)

    def test_a_date_both_off_and_working(self):
        with pytest.raises(ValueError, match="both"):
            WorkingDays(days_off=[date(2026, 3, 5)], working_days=[date(2026, 3, 5)])
