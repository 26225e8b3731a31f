"""Administrators list and edit the overrides in the Django admin."""

from datetime import date

import pytest

from motcua.agencies.models import Agency
from motcua.workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db

URL = "/admin/workdays/calendaroverride/"


@pytest.fixture
def province():
    return Agency.objects.create(
        code="000.00.00.H26", name="UBND thành phố Hà Nội", kind="province", level="province"
    )


def test_the_list_shows_overrides_by_date_and_filters_by_kind(admin_client, province):
    CalendarOverride.objects.create(date=date(2026, 2, 23), kind="day_off", name="Nghỉ Tết thêm")
    CalendarOverride.objects.create(
        date=date(2026, 2, 28), kind="working_day", name="Làm bù", province=province
    )
    page = admin_client.get(URL).content.decode()
    assert page.index("Nghỉ Tết thêm") < page.index("Làm bù")
    filtered = admin_client.get(URL, {"kind__exact": "working_day"}).content.decode()
    assert "Làm bù" in filtered
    assert "Nghỉ Tết thêm" not in filtered


def test_only_provinces_can_be_chosen(admin_client, province):
    Agency.objects.create(
        code="000.00.01.H26",
        name="Sở Tư pháp",
        kind="department",
        level="province",
        parent=province,
    )
    form = admin_client.get(URL + "add/").content.decode()
    assert "UBND thành phố Hà Nội" in form
    assert "Sở Tư pháp" not in form
