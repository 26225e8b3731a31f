"""Working and desk hours (inherited, where from, edited: due moments move) and the province's
extra days off and make-up working days (kept by the province's administrator or the system
administrator; everyone else reads them)."""

from datetime import date, datetime

import pytest

from motcua.accounts.models import Role
from motcua.agencies.services import create_agency, dissolve_agency, update_agency
from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.workdays.models import CalendarOverride
from motcua.workdays.selectors import calendar_for
from tests.backoffice.administration.conftest import DEPARTMENT
from tests.factories import OfficerFactory, grant

pytestmark = pytest.mark.django_db

HOURS = f"/can-bo/quan-tri/{DEPARTMENT}/gio-lam-viec/"
DAYS_OFF = f"/can-bo/quan-tri/{DEPARTMENT}/ngay-nghi/"
PROVINCE = "000.00.00.H99"
PROVINCE_DAYS_OFF = f"/can-bo/quan-tri/{PROVINCE}/ngay-nghi/"
MONDAY_8 = datetime(2026, 3, 2, 8, 0, tzinfo=clock.VN_TZ)


def hours_form(**values) -> dict:
    return {"inherit_desk": "on", **values}


def test_the_hours_page_says_where_each_units_hours_come_from(
    land, signed_in, django_assert_max_num_queries
):
    tree = land.world.tree
    update_agency(
        agency=tree.province, data={"working_periods": [["07:00", "11:00"], ["13:00", "17:00"]]}
    )
    admin = signed_in(land.admin_department)
    with django_assert_max_num_queries(14):
        page = admin.get(HOURS)
    assert page.text.count("theo UBND tỉnh Mẫu") == 3  # the department and its two divisions
    assert "07:00–11:00, 13:00–17:00" in page.text
    for n in range(6):
        create_agency(
            code=f"000.{n + 3:02d}.12.H99",
            name=f"Phòng {n}",
            kind="division",
            parent=tree.department,
        )
    with django_assert_max_num_queries(14):
        longer = admin.get(HOURS)
    assert longer.text.count("theo UBND tỉnh Mẫu") == 9


def test_changing_the_working_periods_moves_due_moments_for_the_agency_and_its_units(
    land, signed_in
):
    tree = land.world.tree
    before = calendar_for(agency=tree.division_1).add(MONDAY_8, amount=1, unit="day")
    assert before == datetime(2026, 3, 3, 8, 0, tzinfo=clock.VN_TZ)
    admin = signed_in(land.admin_department)
    response = admin.post(
        f"{HOURS}{DEPARTMENT}/",
        hours_form(
            work_1_start="08:00", work_1_end="12:00", work_2_start="13:30", work_2_end="17:30"
        ),
    )
    assert response["Location"] == HOURS
    tree.department.refresh_from_db()
    assert tree.department.working_periods == [["08:00", "12:00"], ["13:30", "17:30"]]
    after = calendar_for(agency=tree.division_1).add(MONDAY_8, amount=1, unit="day")
    assert after == datetime(2026, 3, 2, 17, 30, tzinfo=clock.VN_TZ)
    assert signed_in(land.admin_department).get(HOURS).text.count("theo Sở Tư pháp") == 2
    entry = AuditEntry.objects.get(action="agencies.set_hours")
    assert entry.actor_id == land.admin_department.pk
    assert entry.data["after"]["working_periods"] == [["08:00", "12:00"], ["13:30", "17:30"]]


def test_desk_hours_per_weekday_and_inheriting_again(land, signed_in):
    admin = signed_in(land.admin_department)
    unit = land.world.tree.division_1
    url = f"{HOURS}{unit.code}/"
    # Inheriting, the form starts from the hours that apply (the default ones here).
    inherited = admin.get(url).text
    assert 'name="work_2_start" value="13:00"' in inherited
    assert "(mặc định theo quy định)" in inherited
    admin.post(
        url,
        {
            "inherit_working": "on",
            "mon_1_start": "07:30",
            "mon_1_end": "11:30",
            "sat_1_start": "08:00",
            "sat_1_end": "11:00",
        },
    )
    unit.refresh_from_db()
    assert unit.working_periods == []
    assert unit.desk_hours == {"mon": [["07:30", "11:30"]], "sat": [["08:00", "11:00"]]}
    assert "Thứ Bảy: 08:00–11:00" in admin.get(HOURS).text
    admin.post(url, {"inherit_working": "on", "inherit_desk": "on"})
    unit.refresh_from_db()
    assert unit.desk_hours == {}


def test_wrong_hours_are_refused_beside_the_field_and_kept(land, signed_in):
    admin = signed_in(land.admin_department)
    url = f"{HOURS}{DEPARTMENT}/"
    backwards = admin.post(url, hours_form(work_1_start="11:30", work_1_end="07:30"))
    assert backwards.status_code == 400
    assert "phải trước giờ kết thúc" in backwards.text
    assert 'value="11:30"' in backwards.text
    half = admin.post(url, hours_form(work_1_start="07:30"))
    assert half.status_code == 400
    assert "Nhập đủ giờ bắt đầu và giờ kết thúc" in half.text
    nothing = admin.post(url, hours_form())
    assert nothing.status_code == 400
    assert "Nhập ít nhất một khoảng giờ" in nothing.text
    land.world.tree.department.refresh_from_db()
    assert land.world.tree.department.working_periods == []
    assert signed_in(land.admin_commune).post(url, hours_form()).status_code == 404
    assert signed_in(land.jurist).get(url).status_code == 403


def test_the_hours_of_a_closed_unit_are_not_found(land, signed_in):
    unit = land.world.tree.division_1
    dissolve_agency(agency=unit, effective=clock.today())
    admin = signed_in(land.admin_department)
    assert admin.get(f"{HOURS}{unit.code}/").status_code == 404
    assert admin.post(f"{HOURS}{unit.code}/", hours_form()).status_code == 404


def test_an_agency_administrator_reads_the_provinces_days_off_but_does_not_keep_them(
    land, signed_in
):
    with clock.frozen(MONDAY_8):
        admin = signed_in(land.admin_department)
        page = admin.get(DAYS_OFF)
        refused = admin.post(DAYS_OFF, {"date": "2026-03-02", "kind": "day_off", "name": "Nghỉ"})
    assert page.status_code == 200
    assert "do quản trị UBND tỉnh hoặc quản trị hệ thống nhập" in page.text
    # The public holidays the calendar starts from, this year's and next year's.
    assert "26/04/2026 — Ngày Giỗ Tổ Hùng Vương" in page.text
    assert "01/01/2027 — Tết Dương lịch" in page.text
    assert refused.status_code == 403
    assert not CalendarOverride.objects.exists()


def test_the_provinces_administrator_adds_a_day_off_and_deadlines_count_around_it(land, signed_in):
    tree = land.world.tree
    provincial = OfficerFactory(username="qt.tinh")
    grant(provincial, Role.AGENCY_ADMIN, tree.province)
    admin = signed_in(provincial)
    form = {
        "date": "2026-03-02",
        "kind": "day_off",
        "name": "Nghỉ kỷ niệm ngày thành lập tỉnh",
        "legal_basis": "Quyết định số 12/QĐ-UBND",
    }
    assert admin.post(PROVINCE_DAYS_OFF, form)["Location"] == PROVINCE_DAYS_OFF
    override = CalendarOverride.objects.get()
    assert (override.province, override.date) == (tree.province, date(2026, 3, 2))
    # Received on the day off, a one-day time counts from Tuesday's opening.
    due = calendar_for(agency=tree.division_1).add(MONDAY_8, amount=1, unit="day")
    assert due == datetime(2026, 3, 3, 17, 0, tzinfo=clock.VN_TZ)
    assert not calendar_for(agency=tree.division_1).is_working_day(date(2026, 3, 2))
    assert "Nghỉ kỷ niệm ngày thành lập tỉnh" in admin.get(PROVINCE_DAYS_OFF).text
    assert AuditEntry.objects.filter(action="workdays.add_override", actor_id=provincial.pk)
    twice = admin.post(PROVINCE_DAYS_OFF, form)
    assert twice.status_code == 400
    assert 'id="id_date-error"' in twice.text
    sunday = admin.post(PROVINCE_DAYS_OFF, {**form, "date": "2026-03-08"})
    assert sunday.status_code == 400
    assert "đã là ngày nghỉ" in sunday.text

    remove = f"{PROVINCE_DAYS_OFF}{override.pk}/xoa/"
    assert "Xóa «" in admin.get(remove).text
    assert (
        signed_in(land.admin_department).post(remove.replace(PROVINCE, DEPARTMENT)).status_code
        == 403
    )
    assert admin.post(remove)["Location"] == PROVINCE_DAYS_OFF
    assert not CalendarOverride.objects.exists()
    assert calendar_for(agency=tree.division_1).is_working_day(date(2026, 3, 2))
    assert AuditEntry.objects.filter(action="workdays.remove_override", actor_id=provincial.pk)


def test_the_system_administrator_adds_a_make_up_working_day(land, signed_in):
    admin = signed_in(land.system_admin)
    saturday = {"date": "2026-03-07", "kind": "working_day", "name": "Làm bù"}
    assert admin.post(DAYS_OFF, saturday).status_code == 302
    assert calendar_for(agency=land.world.tree.department).is_working_day(date(2026, 3, 7))
    weekday = admin.post(DAYS_OFF, {**saturday, "date": "2026-03-05"})
    assert weekday.status_code == 400
    assert "đã là ngày làm việc" in weekday.text
