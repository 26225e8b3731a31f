"""`/api/v1/dossiers`: one dossier, its actions, the caller's list."""

import pytest
from rest_framework.test import APIClient

from motcua.core import clock
from motcua.documents.models import StoredFile
from tests.dossiers.helpers import act, at, online, to_approval, walk_in
from tests.dossiers.world import World, build_world, with_payment
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(at(3, 2, 9)):
        yield


def _client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _action(user, dossier, action: str, **data):
    return _client(user).post(
        f"/api/v1/dossiers/{dossier.code or dossier.reference}/actions/{action}",
        data,
        format="json",
    )


def test_an_officer_sees_the_dossier_with_its_units_history_and_actions(world):
    dossier = walk_in(world)
    response = _client(world.counter_a).get(f"/api/v1/dossiers/{dossier.code}")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["code"] == dossier.code
    assert body["status"] == "received"
    assert body["national_status"] == 2
    assert body["version"] == dossier.version
    agency = world.tree.commune_a
    unit = {"code": agency.code, "name": agency.name}
    assert body["receiving_agency"] == body["competent_agency"] == body["return_agency"] == unit
    assert body["appointment_at"].endswith("+07:00")
    assert body["received_at"] == "2026-03-02T09:00:00+07:00"
    assert body["current_step"] == {"key": "tiep_nhan", "name": "Tiếp nhận hồ sơ"}
    assert body["current_unit"] == unit
    assert body["current_handler"]["name"] == "Hoàng Thị Mai"
    assert [event["action"] for event in body["history"]] == ["submit", "receive"]
    actions = {item["action"]: item["fields"] for item in body["actions"]}
    assert "forward" in actions
    assert {field["name"] for field in actions["forward"]} == {"note", "to_step"}
    assert "receive" not in actions
    assert body["overdue"] is False


def test_actions_are_each_callers_own(world):
    dossier = walk_in(world)
    leader = _client(world.leader_a).get(f"/api/v1/dossiers/{dossier.code}").json()
    names = [item["action"] for item in leader["actions"]]
    assert names == ["request_supplement", "forward", "assign"]
    fields = {item["action"]: item["fields"] for item in leader["actions"]}
    assert fields["request_supplement"] == [
        {"name": "missing", "type": "string", "required": True},
        {"name": "reason", "type": "string", "required": True},
    ]
    assert fields["assign"] == [{"name": "handler", "type": "string", "required": True}]
    specialist = _client(world.specialist_a).get(f"/api/v1/dossiers/{dossier.code}").json()
    assert specialist["actions"] == []
    citizen_dossier = online(world)
    mine = _client(world.citizen).get(f"/api/v1/dossiers/{citizen_dossier.reference}").json()
    assert [item["action"] for item in mine["actions"]] == ["withdraw"]


def test_the_dossier_needs_a_login(world):
    dossier = walk_in(world)
    response = _client(None).get(f"/api/v1/dossiers/{dossier.code}")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("who", ["counter_b", "leader_b", "other_citizen"])
def test_another_agency_or_citizen_gets_404_like_a_missing_code(world, who):
    dossier = walk_in(world)
    user = getattr(world, who)
    hidden = _client(user).get(f"/api/v1/dossiers/{dossier.code}")
    missing = _client(user).get("/api/v1/dossiers/KHONG-CO-MA")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    acted = _action(user, dossier, "forward", expected_version=dossier.version)
    assert acted.status_code == 404
    assert acted.json() == missing.json()


def test_an_action_moves_the_dossier_and_answers_it(world):
    dossier = walk_in(world)
    response = _action(
        world.counter_a, dossier, "forward", expected_version=dossier.version, note="Đủ hồ sơ"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "processing"
    assert body["current_step"]["key"] == "xu_ly"
    assert body["version"] == dossier.version + 1
    assert body["history"][-1]["note"] == "Đủ hồ sơ"


def test_assign_names_the_handler_by_username(world):
    dossier = walk_in(world)
    dossier = act("forward", dossier, user=world.counter_a)
    response = _action(
        world.leader_a,
        dossier,
        "assign",
        expected_version=dossier.version,
        handler=world.specialist_a.username,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["current_handler"]["name"] == "Vũ Đức Thắng"
    unknown = _action(
        world.leader_a, dossier, "assign", expected_version=dossier.version + 1, handler="khong"
    )
    assert unknown.status_code == 400
    assert "handler" in unknown.json()["fields"]


def test_a_stale_version_is_a_conflict(world):
    dossier = walk_in(world)
    stale = dossier.version
    act("forward", dossier, user=world.counter_a)
    response = _action(world.specialist_a, dossier, "forward", expected_version=stale)
    assert response.status_code == 409
    assert response.json() == {
        "code": "stale_version",
        "message": "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại.",
        "fields": {},
    }


def test_a_refused_action_says_why_in_vietnamese(world):
    dossier = walk_in(world)
    response = _action(world.counter_a, dossier, "receive", expected_version=dossier.version)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "action_not_allowed"
    assert body["message"] == "Hồ sơ đang ở trạng thái «Đã tiếp nhận», không thể tiếp nhận hồ sơ."


def test_an_action_that_is_not_the_callers_is_403(world):
    dossier = walk_in(world)
    response = _action(
        world.counter_a, dossier, "stop", expected_version=dossier.version, reason="x"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_missing_fields_are_400_in_the_error_shape(world):
    dossier = walk_in(world)
    response = _action(world.leader_a, dossier, "stop", expected_version=dossier.version)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"reason"}
    blank = _action(world.leader_a, dossier, "stop", expected_version=dossier.version, reason=" ")
    assert blank.status_code == 400
    assert blank.json()["message"] == "Nhập lý do dừng giải quyết hồ sơ."


def test_an_unknown_action_is_404(world):
    dossier = walk_in(world)
    response = _action(world.counter_a, dossier, "fly", expected_version=dossier.version)
    assert response.status_code == 404
    assert response.json() == {
        "code": "unknown_action",
        "message": "Không có thao tác này.",
        "fields": {},
    }


def test_the_citizen_withdraws_and_the_desk_accepts(world):
    dossier = online(world)
    response = _action(
        world.citizen, dossier, "withdraw", expected_version=dossier.version, reason="Nộp nhầm"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawal_requested"
    accepted = _action(
        world.counter_a, dossier, "accept_withdrawal", expected_version=dossier.version + 1
    )
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "withdrawn"
    assert accepted.json()["actions"] == []


def test_apologize_takes_a_new_date(world):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    response = _action(
        world.leader_a,
        dossier,
        "apologize",
        expected_version=dossier.version,
        reason="Cần xác minh thêm",
        new_appointment_at="2026-03-06T09:00:00Z",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["new_appointment_at"] == "2026-03-06T16:00:00+07:00"


# ---------------------------------------------------------------- the list


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["code"] or item["reference"] for item in response.json()["results"]]


def test_the_list_shows_only_what_the_caller_may_see(world):
    mine = walk_in(world)
    theirs = walk_in(
        world, user=world.counter_b, receiving_agency=world.tree.commune_b, receive=False
    )
    assert _codes(_client(world.counter_a).get("/api/v1/dossiers")) == [mine.code]
    assert _codes(_client(world.counter_b).get("/api/v1/dossiers")) == [theirs.reference]
    assert _codes(_client(world.other_citizen).get("/api/v1/dossiers")) == []
    assert _client(None).get("/api/v1/dossiers").status_code == 401


def test_the_list_filters_by_status_agency_and_overdue(world):
    received = walk_in(world)
    submitted = online(world)
    officer = _client(world.counter_a)
    assert _codes(officer.get("/api/v1/dossiers", {"status": "submitted"})) == [submitted.reference]
    assert _codes(officer.get("/api/v1/dossiers", {"agency": world.tree.commune_a.code})) == [
        submitted.reference,
        received.code,
    ]
    assert _codes(officer.get("/api/v1/dossiers", {"agency": world.tree.commune_b.code})) == []
    assert _codes(officer.get("/api/v1/dossiers", {"overdue": "true"})) == []
    with clock.frozen(at(6, 1, 9)):
        late = officer.get("/api/v1/dossiers", {"overdue": "true"})
        assert _codes(late) == [received.code]
        assert late.json()["results"][0]["overdue"] is True
        assert _codes(officer.get("/api/v1/dossiers", {"overdue": "false"})) == [
            submitted.reference
        ]
    bad = officer.get("/api/v1/dossiers", {"status": "flying"})
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"status"}


def test_the_list_pages_with_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(3):
        walk_in(world)
    officer = _client(world.counter_a)
    with django_assert_max_num_queries(12):
        small = officer.get("/api/v1/dossiers", {"page_size": 2})
    for _ in range(5):
        walk_in(world)
    with django_assert_max_num_queries(12):
        large = officer.get("/api/v1/dossiers", {"page_size": 100})
    assert small.json()["count"] == 3
    assert len(small.json()["results"]) == 2
    assert large.json()["count"] == 8
    assert len(large.json()["results"]) == 8
    second = officer.get("/api/v1/dossiers", {"page_size": 2, "page": 2})
    assert len(second.json()["results"]) == 2


def test_an_internal_units_specialist_sees_the_communes_dossiers(world):
    dossier = walk_in(world)
    stranger = OfficerFactory()
    assert _codes(_client(world.specialist_a).get("/api/v1/dossiers")) == [dossier.code]
    assert _codes(_client(stranger).get("/api/v1/dossiers")) == []


# ---------------------------------------------------------------- filing


def _filing(world, **changes) -> dict:
    body = {
        "procedure": world.birth.code,
        "receiving_agency": world.tree.commune_a.code,
        "applicant": {
            "name": "Trần Thị Bình",
            "id_type": "cccd",
            "id_number": "099190001234",
            "phone": "84 912 345 678",
        },
        "form": {},
        "components": [{"name": "Giấy chứng sinh", "originals": 1}],
        "delivery": {"method": "online"},
    }
    body.update(changes)
    return body


def _file(user, body, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return _client(user).post("/api/v1/dossiers", body, format="json", headers=headers)


def test_a_citizen_files_online_and_the_dossier_is_submitted(world):
    response = _file(world.citizen, _filing(world))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    assert body["code"] is None
    assert body["reference"].startswith("TMP-")
    assert body["applicant_name"] == "Trần Thị Bình"
    assert body["created_at"] == "2026-03-02T09:00:00+07:00"
    assert [item["action"] for item in body["actions"]] == ["withdraw"]
    tracked = APIClient().get(f"/api/v1/tracking/{body['reference']}", {"phone": "0912345678"})
    assert tracked.status_code == 200


def test_a_counter_officer_files_and_receives_in_one_go(world):
    response = _file(world.counter_a, _filing(world, receive=True))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "received"
    assert body["code"].startswith(world.tree.commune_a.code)
    assert [event["action"] for event in body["history"]] == ["submit", "receive"]


def test_a_citizen_cannot_receive_and_another_desk_cannot_file_here(world):
    refused = _file(world.citizen, _filing(world, receive=True))
    assert refused.status_code == 403
    assert refused.json()["message"] == "Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ."
    elsewhere = _file(world.counter_b, _filing(world, receive=True))
    assert elsewhere.status_code == 403
    assert _file(None, _filing(world)).status_code == 401


def test_filing_errors_name_their_fields(world):
    response = _file(
        world.citizen,
        _filing(world, procedure="9.999999", delivery={"method": "fly"}, applicant={}),
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"delivery", "applicant"}
    unknown = _file(world.citizen, _filing(world, procedure="9.999999"))
    assert unknown.status_code == 400
    assert set(unknown.json()["fields"]) == {"procedure"}
    no_address = _file(world.citizen, _filing(world, delivery={"method": "post"}))
    assert no_address.status_code == 400
    assert set(no_address.json()["fields"]) == {"delivery_address"}
    bad_component = _file(world.citizen, _filing(world, components=[{"component": "X-1"}]))
    assert bad_component.status_code == 400
    assert set(bad_component.json()["fields"]) == {"components"}


def test_the_same_idempotency_key_returns_the_same_dossier(world):
    first = _file(world.citizen, _filing(world), key="k-1")
    again = _file(world.citizen, _filing(world), key="k-1")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    other = _file(world.other_citizen, _filing(world), key="k-1")
    assert other.status_code == 201
    assert other.json()["reference"] != first.json()["reference"]
    fresh = _file(world.citizen, _filing(world), key="k-2")
    assert fresh.status_code == 201
    assert fresh.json()["reference"] != first.json()["reference"]
    without = _file(world.citizen, _filing(world))
    assert without.status_code == 201
    assert without.json()["reference"] != first.json()["reference"]
    assert (
        _codes(_client(world.citizen).get("/api/v1/dossiers")).count(first.json()["reference"]) == 1
    )


def test_a_key_reused_for_another_filing_is_a_conflict(world):
    assert _file(world.citizen, _filing(world), key="k-1").status_code == 201
    changed = _file(world.citizen, _filing(world, delivery={"method": "desk"}), key="k-1")
    assert changed.status_code == 409
    assert changed.json()["code"] == "idempotency_key_reused"


def test_a_refused_filing_keeps_no_key(world):
    assert _file(world.citizen, _filing(world, receive=True), key="k-1").status_code == 403
    assert _file(world.citizen, _filing(world), key="k-1").status_code == 201


def test_the_desk_receives_or_refuses_an_online_filing(world):
    received = online(world)
    response = _action(world.counter_a, received, "receive", expected_version=received.version)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "received"
    assert response.json()["code"].startswith(world.tree.commune_a.code)
    refused = online(world)
    response = _action(
        world.counter_a,
        refused,
        "refuse",
        expected_version=refused.version,
        reason="Không thuộc thẩm quyền",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "not_received"
    assert response.json()["national_status"] == 3
    assert response.json()["history"][-1]["note"] == "Không thuộc thẩm quyền"


def test_payment_is_requested_and_confirmed_through_the_api(db):
    world = build_world(with_payment())
    dossier = walk_in(world)
    offered = _client(world.counter_a).get(f"/api/v1/dossiers/{dossier.code}").json()
    fields = {item["action"]: item["fields"] for item in offered["actions"]}
    assert {"name": "amount", "type": "integer", "required": True} in fields["request_payment"]
    version = dossier.version
    zero = _action(
        world.counter_a, dossier, "request_payment", expected_version=version, amount=0, reason="x"
    )
    assert zero.status_code == 400
    assert set(zero.json()["fields"]) == {"amount"}
    response = _action(
        world.counter_a,
        dossier,
        "request_payment",
        expected_version=version,
        amount=50_000,
        reason="Lệ phí đăng ký",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "awaiting_payment"
    assert body["national_status"] == 6
    assert [item["action"] for item in body["actions"]] == ["confirm_payment"]
    response = _action(
        world.counter_a, dossier, "confirm_payment", expected_version=body["version"]
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "received"


def test_a_result_is_attached_with_an_upload_and_approved_through_the_api(world):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    mine = StoredFile.objects.create(
        sha256="0" * 64,
        size=1,
        content_type="application/pdf",
        file="uploads/ket-qua.pdf",
        uploaded_by=world.specialist_a,
        created_at=clock.now(),
    )
    theirs = StoredFile.objects.create(
        sha256="1" * 64,
        size=1,
        content_type="application/pdf",
        file="uploads/khac.pdf",
        uploaded_by=world.counter_a,
        created_at=clock.now(),
    )
    version = dossier.version
    stolen = _action(
        world.specialist_a,
        dossier,
        "attach_result",
        expected_version=version,
        note="Kết quả",
        upload=str(theirs.pk),
    )
    assert stolen.status_code == 404
    response = _action(
        world.specialist_a,
        dossier,
        "attach_result",
        expected_version=version,
        note="Giấy khai sinh",
        upload=str(mine.pk),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["history"][-1]["action"] == "attach_result"
    dossier = act("forward", dossier, user=world.specialist_a)
    response = _action(world.leader_a, dossier, "approve", expected_version=dossier.version)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "processing"
    dossier.refresh_from_db()
    assert dossier.result_file == mine
    assert dossier.approved_by == world.leader_a


def test_approve_without_a_result_is_a_conflict(world):
    dossier = to_approval(world, walk_in(world))
    response = _action(world.leader_a, dossier, "approve", expected_version=dossier.version)
    assert response.status_code == 409
    assert response.json()["message"] == "Hồ sơ chưa có kết quả đính kèm, chưa thể phê duyệt."
