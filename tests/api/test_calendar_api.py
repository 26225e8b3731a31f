"""`GET /api/v1/calendar/due` through HTTP: due instants, lenient start parsing, refusals."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from motcua.agencies.models import Agency, AgencyCode
from motcua.workdays.models import CalendarOverride

pytestmark = [pytest.mark.sqlite_smoke, pytest.mark.django_db]

URL = "/api/v1/calendar/due"


@pytest.fixture
def api():
    return APIClient()


def due(api, **params):
    response = api.get(URL, params)
    assert response.status_code == 200, response.json()
    return response.json()["due"]


def refused(api, **params):
    response = api.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["message"]
    return body


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        ("2026-03-04T13:00:00+07:00", "0.5", "day", "2026-03-04T17:00:00+07:00"),
        ("2026-03-04T17:30:00+07:00", "1", "hour", "2026-03-05T08:30:00+07:00"),
        ("2026-08-21T13:00:00+07:00", "1", "day", "2026-08-22T11:30:00+07:00"),
        ("2026-02-13T16:30:00+07:00", "4", "hour", "2026-02-23T11:00:00+07:00"),
        ("2026-08-28", "3", "calendar_day", "2026-09-03T17:00:00+07:00"),
    ],
    ids=["half-day", "after-closing", "make-up-saturday", "tet", "calendar-days"],
)
def test_issue_examples(api, start, amount, unit, expected):
    assert due(api, start=start, amount=amount, unit=unit) == expected


def test_is_public_and_answers_json(api):
    response = api.get(URL, {"start": "2026-03-04T13:00", "amount": "1", "unit": "hour"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"due": "2026-03-04T14:00:00+07:00"}


def test_an_unencoded_plus_that_arrived_as_a_space_is_read_as_plus(api):
    response = api.get(URL + "?start=2026-03-04T13:00:00+07:00&amount=0.5&unit=day")
    assert response.status_code == 200
    assert response.json() == {"due": "2026-03-04T17:00:00+07:00"}
    assert due(api, start="2026-03-04 13:00:00 07:00", amount="1", unit="hour") == (
        "2026-03-04T14:00:00+07:00"
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-03-04T06:00:00Z", "2026-03-04T14:00:00+07:00"),
        ("2026-03-04T08:00:00+09:00", "2026-03-04T08:30:00+07:00"),
        ("2026-03-04T13:00:00", "2026-03-04T14:00:00+07:00"),
        ("2026-03-04 13:00", "2026-03-04T14:00:00+07:00"),
        ("2026-03-04", "2026-03-04T08:30:00+07:00"),
    ],
    ids=["z", "other-offset", "no-offset", "space-separator", "date-only"],
)
def test_start_forms(api, start, expected):
    assert due(api, start=start, amount="1", unit="hour") == expected


@pytest.mark.parametrize(
    ("amount", "unit"),
    [
        ("0", "day"),
        ("-1", "hour"),
        ("abc", "day"),
        ("NaN", "day"),
        ("1.3", "day"),
        ("2.5", "calendar_day"),
        ("0.01", "hour"),
        ("0.00001", "hour"),
        ("1e-999999999", "hour"),
        ("1e999999999", "day"),
        ("4000", "calendar_day"),
    ],
)
def test_amounts_refused_on_the_amount_field(api, amount, unit):
    body = refused(api, start="2026-03-04T13:00:00+07:00", amount=amount, unit=unit)
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["amount"]
    assert body["fields"]["amount"][0].startswith(("Nhập", "Thời hạn"))


def test_a_bad_unit(api):
    body = refused(api, start="2026-03-04T13:00:00+07:00", amount="1", unit="week")
    assert body["code"] == "invalid"
    assert body["fields"] == {
        "unit": [
            "Chọn đơn vị thời gian: day (ngày làm việc), hour (giờ làm việc) "
            "hoặc calendar_day (ngày lịch)."
        ]
    }


@pytest.mark.parametrize("start", ["04/03/2026 13:00", "2026-13-01", "yesterday"])
def test_a_bad_start(api, start):
    body = refused(api, start=start, amount="1", unit="hour")
    assert body["fields"] == {
        "start": ["Nhập thời điểm bắt đầu theo ISO 8601, ví dụ 2026-03-04T13:00:00+07:00."]
    }


def test_missing_parameters_are_each_named(api):
    body = refused(api)
    assert set(body["fields"]) == {"start", "amount", "unit"}


def test_an_unknown_agency(api):
    body = refused(
        api, start="2026-03-04T13:00:00+07:00", amount="1", unit="hour", agency="000.00.00.H99"
    )
    assert body["code"] == "unknown_agency"
    assert "000.00.00.H99" in body["message"]
    assert list(body["fields"]) == ["agency"]


@pytest.fixture
def province():
    province = Agency.objects.create(
        code="000.00.00.H26",
        name="UBND thành phố Hà Nội",
        kind="province",
        level="province",
    )
    AgencyCode.objects.create(agency=province, code="000.00.00.H01", valid_until=date(2025, 6, 30))
    return province


@pytest.fixture
def commune(province):
    return Agency.objects.create(
        code="000.01.00.H26",
        name="UBND phường Ba Đình",
        kind="commune",
        level="commune",
        parent=province,
        working_periods=[["08:00", "12:00"], ["13:30", "17:30"]],
    )


def test_an_agency_with_its_own_working_periods(api, commune):
    params = {"start": "2026-03-04T11:45:00+07:00", "amount": "0.5", "unit": "day"}
    assert due(api, **params, agency=commune.code) == "2026-03-04T17:15:00+07:00"
    assert due(api, **params) == "2026-03-04T17:00:00+07:00"


def test_an_agency_by_its_former_code_gets_its_provinces_days_off(api, province):
    CalendarOverride.objects.create(
        date=date(2026, 3, 5),
        kind="day_off",
        name="Nghỉ theo quyết định của tỉnh",
        province=province,
    )
    params = {"start": "2026-03-04T13:00:00+07:00", "amount": "1", "unit": "day"}
    assert due(api, **params, agency="000.00.00.H01") == "2026-03-06T11:30:00+07:00"
    assert due(api, **params, agency="") == "2026-03-05T11:30:00+07:00"


def test_the_endpoint_is_in_the_schema(api):
    response = api.get("/api/v1/schema", {"format": "json"})
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/calendar/due"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "start",
        "amount",
        "unit",
        "agency",
    }
    assert set(operation["responses"]) == {"200", "400"}
