"""Officers and roles in the agency administration: who may come in, the list, creating an
officer, granting and revoking roles, locking, password reset and removing the authenticator —
each with its effect, its audit entry and its refusals."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Role, RoleAssignment, User
from motcua.accounts.selectors import holds_role
from motcua.audit.models import AuditEntry
from motcua.dossiers.selectors import visible_dossiers
from tests.backoffice.administration.conftest import COMMUNE_A, DEPARTMENT
from tests.dossiers.helpers import walk_in
from tests.factories import OfficerFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

HOME = "/can-bo/quan-tri/"
STAFF_A = f"/can-bo/quan-tri/{COMMUNE_A}/can-bo/"
STAFF_DEPT = f"/can-bo/quan-tri/{DEPARTMENT}/can-bo/"


def audited(action: str, actor: User) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, actor_id=actor.pk))


def test_the_home_lists_the_agencies_the_caller_administers(land, signed_in):
    page = signed_in(land.admin_department).get(HOME)
    assert page.status_code == 200
    assert "Sở Tư pháp" in page.text
    assert "UBND xã An Phú" not in page.text
    everything = signed_in(land.system_admin).get(HOME).text
    assert "Sở Tư pháp" in everything
    assert "UBND xã An Phú" in everything
    # Internal units are administered through their agency, not listed on their own.
    assert "Phòng Hành chính tư pháp" not in everything


def test_officers_who_administer_nothing_and_citizens_are_refused(land, signed_in, client):
    assert signed_in(land.jurist).get(HOME).status_code == 403
    assert signed_in(land.jurist).get(STAFF_DEPT).status_code == 403
    assert signed_in(UserFactory()).get(HOME).status_code == 403
    assert client.get(HOME)["Location"].startswith("/can-bo/dang-nhap/")


def test_another_agencys_officers_are_not_found(land, signed_in):
    admin = signed_in(land.admin_department)
    counter = land.world.counter_a.username
    assert admin.get(STAFF_A).status_code == 404
    assert admin.get(f"{STAFF_A}{counter}/").status_code == 404
    # Nor through the administrator's own agency: the officer is not one of its officers.
    assert admin.get(f"{STAFF_DEPT}{counter}/").status_code == 404
    assert admin.post(f"{STAFF_DEPT}{counter}/khoa/").status_code == 404
    assert User.objects.get(username=counter).is_active
    assert signed_in(land.system_admin).get(f"{STAFF_A}{counter}/").status_code == 200


def test_the_list_shows_the_agencys_and_its_units_officers_in_a_fixed_number_of_queries(
    land, signed_in, django_assert_max_num_queries
):
    admin = signed_in(land.admin_department)
    with django_assert_max_num_queries(14):
        few = admin.get(STAFF_DEPT)
    assert "Đỗ Văn Hải" in few.text
    assert "Lê Thị Hồng" in few.text
    assert "Hoàng Thị Mai" not in few.text  # commune A's counter officer
    tree = land.world.tree
    for n in range(8):
        grant(OfficerFactory(full_name=f"Cán bộ {n}"), Role.SPECIALIST, tree.division_2)
    with django_assert_max_num_queries(14):
        many = admin.get(STAFF_DEPT)
    assert many.text.count("Phòng Bổ trợ tư pháp") >= 8


def test_creating_an_officer_grants_the_first_role_and_shows_the_generated_password_once(
    land, signed_in
):
    dossier = walk_in(land.world)
    admin = signed_in(land.admin_commune)
    form = {
        "username": "motcua.anphu2",
        "full_name": "Trịnh Thu Hà",
        "title": "Công chức Một cửa",
        "email": "ha@anphu.gov.vn",
        "phone": "0912 000 111",
        "password": "",
        "role": Role.COUNTER_OFFICER,
        "unit": "000.01.31.H99",
    }
    response = admin.post(f"/can-bo/quan-tri/{COMMUNE_A}/can-bo-moi/", form)
    assert response.status_code == 302
    page = admin.get(response["Location"])
    password = re.search(r'id="fresh-password">([^<]+)<', page.text)[1]
    assert "Chỉ hiện một lần".lower() in page.text.lower()
    assert 'id="fresh-password"' not in admin.get(response["Location"]).text

    officer = User.objects.get(username="motcua.anphu2")
    assert officer.check_password(password)
    assert (officer.full_name, officer.title, officer.phone) == (
        "Trịnh Thu Hà",
        "Công chức Một cửa",
        "0912000111",
    )
    assert list(visible_dossiers(officer)) == [dossier]
    assert audited("accounts.create_officer", land.admin_commune)
    assert audited("accounts.assign_role", land.admin_commune)


def test_a_refused_officer_keeps_what_was_typed_and_says_why_beside_the_field(land, signed_in):
    admin = signed_in(land.admin_commune)
    form = {
        "username": land.world.counter_a.username,
        "full_name": "Trịnh Thu Hà",
        "role": Role.COUNTER_OFFICER,
        "unit": "000.01.31.H99",
    }
    page = admin.post(f"/can-bo/quan-tri/{COMMUNE_A}/can-bo-moi/", form)
    assert page.status_code == 400
    assert 'value="Trịnh Thu Hà"' in page.text
    assert 'id="id_username-error"' in page.text
    # Only the agency's units and never the system administrator's role are on offer.
    for wrong in ({"unit": DEPARTMENT}, {"role": Role.SYSTEM_ADMIN}):
        page = admin.post(
            f"/can-bo/quan-tri/{COMMUNE_A}/can-bo-moi/", {**form, "username": "moi", **wrong}
        )
        assert page.status_code == 400
    assert not User.objects.filter(username="moi").exists()


def test_granting_a_role_in_one_of_the_agencys_units(land, signed_in):
    admin = signed_in(land.admin_department)
    page = f"{STAFF_DEPT}{land.jurist.username}/"
    response = admin.post(page, {"role": Role.LEADER, "unit": DEPARTMENT})
    assert response.status_code == 302
    assert holds_role(land.jurist, Role.LEADER, land.world.tree.department)
    assert "Lãnh đạo" in admin.get(page).text
    [entry] = audited("accounts.assign_role", land.admin_department)
    assert entry.data["role"] == Role.LEADER
    refused = admin.post(page, {"role": Role.LEADER, "unit": COMMUNE_A})
    assert refused.status_code == 400


def test_revoking_asks_first_and_then_the_officer_no_longer_sees_the_units_dossiers(
    land, signed_in
):
    dossier = walk_in(land.world)
    clerk = OfficerFactory(username="vt.anphu", full_name="Ngô Thị Lan")
    grant(clerk, Role.RECORDS_CLERK, land.world.tree.commune_a)
    assert dossier in visible_dossiers(clerk)
    admin = signed_in(land.admin_commune)
    url = f"{STAFF_A}vt.anphu/thu-hoi/{Role.RECORDS_CLERK}/{COMMUNE_A}/"
    confirm = admin.get(url)
    assert confirm.status_code == 200
    assert "vai trò cuối cùng" in confirm.text
    assert RoleAssignment.objects.filter(user=clerk).exists()
    response = admin.post(url)
    # The officer has no role left here: back to the list, where they no longer appear.
    assert response["Location"] == STAFF_A
    assert not RoleAssignment.objects.filter(user=clerk).exists()
    assert not visible_dossiers(clerk).exists()
    assert audited("accounts.revoke_role", land.admin_commune)


def test_locking_asks_first_ends_the_officers_session_and_unlocking_restores_it(land, signed_in):
    admin = signed_in(land.admin_department)
    jurist = signed_in(land.jurist)
    url = f"{STAFF_DEPT}{land.jurist.username}/khoa/"
    assert "Khóa tài khoản của Đỗ Văn Hải?" in admin.get(url).text
    assert admin.post(url).status_code == 302
    land.jurist.refresh_from_db()
    assert not land.jurist.is_active
    assert jurist.get("/can-bo/").status_code == 302
    assert audited("accounts.deactivate_officer", land.admin_department)
    # Locked twice: said so, nothing changes.
    again = admin.post(url, follow=True)
    assert "đã bị khóa" in again.text
    assert admin.post(f"{STAFF_DEPT}{land.jurist.username}/mo-khoa/").status_code == 302
    land.jurist.refresh_from_db()
    assert land.jurist.is_active
    assert audited("accounts.reactivate_officer", land.admin_department)


def test_resetting_the_password_shows_the_new_one_once_and_the_old_one_stops_working(
    land, signed_in
):
    land.jurist.set_password("cu@MatKhau2026")
    land.jurist.save()
    admin = signed_in(land.admin_department)
    url = f"{STAFF_DEPT}{land.jurist.username}/dat-lai-mat-khau/"
    weak = admin.post(url, {"password": "123"})
    assert weak.status_code == 400
    assert 'id="id_password-error"' in weak.text
    response = admin.post(url, {"password": ""})
    page = admin.get(response["Location"])
    password = re.search(r'id="fresh-password">([^<]+)<', page.text)[1]
    land.jurist.refresh_from_db()
    assert land.jurist.check_password(password)
    assert not land.jurist.check_password("cu@MatKhau2026")
    assert audited("accounts.reset_password", land.admin_department)
    assert password not in str([e.data for e in AuditEntry.objects.all()])


def test_removing_the_authenticator_makes_the_officer_enrol_again(land, signed_in):
    jurist = signed_in(land.jurist)
    assert TOTPDevice.objects.filter(user=land.jurist).exists()
    admin = signed_in(land.admin_department)
    url = f"{STAFF_DEPT}{land.jurist.username}/xoa-xac-thuc/"
    assert "Gỡ ứng dụng xác thực" in admin.get(url).text
    assert admin.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=land.jurist).exists()
    # The session that gave the removed app's code is no longer a signed-in officer's.
    assert jurist.get("/can-bo/")["Location"].startswith("/can-bo/dang-nhap/")
    assert audited("accounts.remove_authenticator", land.admin_department)


def test_an_officer_who_also_works_elsewhere_is_managed_by_the_system_administrator(
    land, signed_in
):
    grant(land.jurist, Role.SPECIALIST, land.world.tree.commune_a_division)
    admin = signed_in(land.admin_department)
    page = admin.get(f"{STAFF_DEPT}{land.jurist.username}/")
    assert page.status_code == 200
    assert "do quản trị hệ thống thực hiện" in page.text
    for action in ("khoa", "dat-lai-mat-khau", "xoa-xac-thuc"):
        assert admin.post(f"{STAFF_DEPT}{land.jurist.username}/{action}/").status_code == 403
    land.jurist.refresh_from_db()
    assert land.jurist.is_active
    # The role at the commune is not the department administrator's to revoke.
    outside = f"{STAFF_DEPT}{land.jurist.username}/thu-hoi/{Role.SPECIALIST}/000.02.31.H99/"
    assert admin.post(outside).status_code == 404
    system = signed_in(land.system_admin)
    assert system.post(f"{STAFF_DEPT}{land.jurist.username}/khoa/").status_code == 302


def test_an_administrator_cannot_lock_themselves(land, signed_in):
    admin = signed_in(land.admin_department)
    own = f"{STAFF_DEPT}{land.admin_department.username}/khoa/"
    assert admin.post(own).status_code == 403
    assert admin.get(f"{STAFF_DEPT}{land.admin_department.username}/nghi-huu/").status_code == 404
