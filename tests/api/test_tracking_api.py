"""`GET /api/v1/tracking/<code>?phone=`: public, keyed by the applicant's phone, throttled."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from motcua.core import clock
from tests.dossiers.helpers import act, at, online, walk_in
from tests.dossiers.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def dossier(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        dossier = act("forward", dossier, user=world.counter_a, note="Đủ hồ sơ")
        return act("assign", dossier, user=world.leader_a, handler=world.specialist_a)


def _get(code: str, phone: str | None):
    query = {} if phone is None else {"phone": phone}
    with clock.frozen(at(3, 2, 10)):
        return APIClient().get(f"/api/v1/tracking/{code}", query)


@pytest.mark.parametrize("phone", ["0912345678", "+84 912 345 678", "84912345678", "0912 345 678"])
def test_tracking_by_code_and_any_spelling_of_the_phone(dossier, phone):
    response = _get(dossier.code, phone)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["code"] == dossier.code
    assert body["status"] == "processing"
    assert body["national_status"] == 4
    assert body["appointment_at"].endswith("+07:00")
    assert body["new_appointment_at"] is None
    assert [entry["step"] for entry in body["timeline"]] == ["Tiếp nhận hồ sơ", "Xử lý hồ sơ"]
    current = body["timeline"][1]
    assert current["unit"] == "UBND xã An Phú"
    assert current["handler_name"] == "Vũ Đức Thắng"
    assert current["handler_title"] == "Công chức Tư pháp"
    assert current["given_at"] == "2026-03-02T09:00:00+07:00"
    assert body["timeline"][0]["judgement"] == "on_time"
    assert "applicant_name" not in body


def test_the_temporary_reference_also_works(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
    response = _get(dossier.reference, "0912345678")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["code"] is None
    assert response.json()["timeline"] == []


def test_a_wrong_phone_answers_exactly_like_a_missing_code(dossier):
    missing = _get("KHONG-CO-MA", "0912345678")
    for phone in ("0987654321", "not a phone", "", None):
        wrong = _get(dossier.code, phone)
        assert wrong.status_code == missing.status_code == 404
        assert wrong.json() == missing.json()
        assert wrong.headers.get("Content-Type") == missing.headers.get("Content-Type")
    assert missing.json() == {
        "code": "dossier_not_found",
        "message": "Không tìm thấy hồ sơ.",
        "fields": {},
    }


def test_tracking_needs_no_login_and_ignores_a_bad_token(dossier):
    response = APIClient().get(
        f"/api/v1/tracking/{dossier.code}",
        {"phone": "0912345678"},
        headers={"authorization": "Token not-a-token"},
    )
    assert response.status_code == 200


def test_tracking_is_throttled(dossier):
    client = APIClient()
    statuses = [
        client.get(f"/api/v1/tracking/{dossier.code}", {"phone": "0900000000"}).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    assert client.get(f"/api/v1/tracking/{dossier.code}").json()["code"] == "throttled"


def test_the_settings_may_set_the_tracking_rate(dossier, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"tracking": "2/min"},
    }
    client = APIClient()
    statuses = [client.get(f"/api/v1/tracking/{dossier.code}").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
