"""The calendar built from the database: national and province overrides, agency hours."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from motcua.agencies.models import Agency
from motcua.workdays.models import CalendarOverride
from motcua.workdays.selectors import calendar_for

pytestmark = [pytest.mark.sqlite_smoke, pytest.mark.django_db]

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture
def hanoi():
    return Agency.objects.create(
        code="000.00.00.H26", name="UBND thành phố Hà Nội", kind="province", level="province"
    )


@pytest.fixture
def hanoi_department(hanoi):
    return Agency.objects.create(
        code="000.00.01.H26",
        name="Sở Tư pháp Hà Nội",
        kind="department",
        level="province",
        parent=hanoi,
    )


@pytest.fixture
def hue_department():
    hue = Agency.objects.create(
        code="000.00.00.H57", name="UBND thành phố Huế", kind="province", level="province"
    )
    return Agency.objects.create(
        code="000.00.01.H57", name="Sở Tư pháp Huế", kind="department", level="province", parent=hue
    )


def override(day, kind, province=None):
    return CalendarOverride.objects.create(
        date=day, kind=kind, name="Quyết định", province=province
    )


def test_without_overrides_the_national_calendar_and_default_hours_apply():
    calendar = calendar_for()
    assert calendar.add(at(2026, 2, 13, 16, 30), amount=4, unit="hour") == at(2026, 2, 23, 11)


def test_a_national_extra_day_off_is_skipped_everywhere(hanoi_department):
    override(date(2026, 3, 5), "day_off")
    # Wednesday afternoon + 1 day: Thursday is off, so Friday morning.
    expected = at(2026, 3, 6, 11, 30)
    assert calendar_for().add(at(2026, 3, 4, 13), amount=1, unit="day") == expected
    calendar = calendar_for(agency=hanoi_department)
    assert calendar.add(at(2026, 3, 4, 13), amount=1, unit="day") == expected


def test_a_province_day_off_applies_only_to_that_provinces_agencies(
    hanoi, hanoi_department, hue_department
):
    override(date(2026, 3, 5), "day_off", province=hanoi)
    start = at(2026, 3, 4, 13)
    assert calendar_for(agency=hanoi_department).add(start, amount=1, unit="day") == at(
        2026, 3, 6, 11, 30
    )
    assert calendar_for(agency=hanoi).add(start, amount=1, unit="day") == at(2026, 3, 6, 11, 30)
    assert calendar_for(agency=hue_department).add(start, amount=1, unit="day") == at(
        2026, 3, 5, 11, 30
    )
    assert calendar_for().add(start, amount=1, unit="day") == at(2026, 3, 5, 11, 30)


def test_a_make_up_working_day_counts():
    override(date(2026, 3, 7), "working_day")
    # Friday 13:00 + 1 day: Friday afternoon, then the make-up Saturday morning.
    assert calendar_for().add(at(2026, 3, 6, 13), amount=1, unit="day") == at(2026, 3, 7, 11, 30)


def test_a_province_decision_outranks_the_national_one_for_the_same_date(hanoi, hanoi_department):
    override(date(2026, 3, 7), "working_day")
    override(date(2026, 3, 7), "day_off", province=hanoi)
    start = at(2026, 3, 6, 13)
    assert calendar_for(agency=hanoi_department).add(start, amount=1, unit="day") == at(
        2026, 3, 9, 11, 30
    )
    assert calendar_for().add(start, amount=1, unit="day") == at(2026, 3, 7, 11, 30)


def test_an_agencys_working_periods_and_its_inherited_ones(hanoi, hanoi_department):
    hanoi.working_periods = [["08:00", "12:00"], ["13:30", "17:30"]]
    hanoi.save()
    calendar = calendar_for(agency=hanoi_department)
    assert calendar.add(at(2026, 3, 4, 7), amount=1, unit="hour") == at(2026, 3, 4, 9)
    assert calendar.add(at(2026, 3, 4), amount=1, unit="calendar_day") == at(2026, 3, 5, 17, 30)


def test_overrides_are_read_in_one_query(django_assert_num_queries):
    override(date(2026, 3, 5), "day_off")
    override(date(2027, 3, 6), "working_day")
    with django_assert_num_queries(1):
        calendar = calendar_for()
    with django_assert_num_queries(0):
        calendar.add(at(2026, 3, 4, 13), amount=30, unit="day")


def test_one_national_row_per_date():
    override(date(2026, 3, 5), "day_off")
    with pytest.raises(IntegrityError):
        override(date(2026, 3, 5), "working_day")


def test_one_row_per_date_and_province(hanoi):
    override(date(2026, 3, 5), "day_off", province=hanoi)
    with pytest.raises(IntegrityError):
        override(date(2026, 3, 5), "working_day", province=hanoi)
