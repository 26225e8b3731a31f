"""`/api/v1/dossiers/<code>/actions/…`: consult → answer → transfer → transfer_back, and what the
dossier's JSON says about each (`consultations`, `transfers`, `transferred_to`, `register`)."""

import pytest
from rest_framework.test import APIClient

from motcua.core import clock
from tests.dossiers.helpers import act, at, walk_in
from tests.dossiers.world import DEPARTMENT, QUESTION, World, build_world, jurist_of, with_liaison

pytestmark = pytest.mark.django_db

COMMUNE_A = {"code": "000.00.31.H99", "name": "UBND xã An Phú"}
COMMUNE_B = {"code": "000.00.32.H99", "name": "UBND phường Bình Minh"}


@pytest.fixture
def world(db) -> World:
    return build_world(with_liaison())


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(at(3, 2, 9)):
        yield


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _get(user, code: str) -> dict:
    response = _client(user).get(f"/api/v1/dossiers/{code}")
    assert response.status_code == 200, response.json()
    return response.json()


def _post(user, code: str, action: str, **data):
    version = _get(user, code)["version"]
    return _client(user).post(
        f"/api/v1/dossiers/{code}/actions/{action}",
        {"expected_version": version, **data},
        format="json",
    )


def _names(body: dict) -> list[str]:
    return [item["action"] for item in body["actions"]]


def test_consult_answer_transfer_and_transfer_back_over_the_api(world):
    jurist = jurist_of(world)
    code = act("forward", walk_in(world), user=world.counter_a).code

    before = _get(world.specialist_a, code)
    assert before["consultations"] == before["transfers"] == []
    assert before["transferred_to"] is None
    assert before["awaiting_handover"] is False
    assert before["register"] is None
    fields = {item["action"]: item["fields"] for item in before["actions"]}
    assert fields["consult"] == [
        {"name": "unit", "type": "string", "required": False},
        {"name": "question", "type": "string", "required": False},
        {"name": "allowance_hours", "type": "decimal", "required": False},
    ]

    declared = _post(world.specialist_a, code, "consult")
    assert declared.status_code == 200, declared.json()
    asked = _post(
        world.specialist_a,
        code,
        "consult",
        unit=COMMUNE_B["code"],
        question="Xác minh nơi cư trú của mẹ",
        allowance_hours="4",
    )
    assert asked.status_code == 200, asked.json()
    body = asked.json()
    assert [
        (c["unit"], c["question"], c["due_at"], c["answer"], c["answered_at"])
        for c in body["consultations"]
    ] == [
        (
            {"code": DEPARTMENT, "name": "Sở Tư pháp"},
            QUESTION,
            "2026-03-02T11:00:00+07:00",
            "",
            None,
        ),
        (COMMUNE_B, "Xác minh nơi cư trú của mẹ", "2026-03-02T14:30:00+07:00", "", None),
    ]
    assert "forward" not in _names(body)

    held = _post(world.specialist_a, code, "forward")
    assert held.status_code == 409
    assert held.json()["code"] == "action_not_allowed"
    assert held.json()["message"] == "Còn 2 ý kiến chưa trả lời; bước tiếp tục khi đủ ý kiến."

    assert _names(_get(jurist, code)) == ["answer"]
    answered = _post(jurist, code, "answer", answer="Trẻ có quốc tịch Việt Nam.")
    assert answered.status_code == 200, answered.json()
    answered = _post(world.leader_b, code, "answer", answer="Mẹ thường trú tại phường.")
    assert answered.status_code == 200, answered.json()
    by_unit = {c["unit"]["code"]: c for c in answered.json()["consultations"]}
    assert by_unit[DEPARTMENT]["answer"] == "Trẻ có quốc tịch Việt Nam."
    assert by_unit[DEPARTMENT]["answered_by"] == "Phan Thu Hà"
    assert by_unit[COMMUNE_B["code"]]["answered_by"] == "Lý Văn Cường"
    assert by_unit[COMMUNE_B["code"]]["answered_at"] == "2026-03-02T09:00:00+07:00"

    sent = _post(
        world.specialist_a,
        code,
        "transfer",
        to_agency=COMMUNE_B["code"],
        reason="Đăng ký thường trú cho trẻ",
    )
    assert sent.status_code == 200, sent.json()
    body = sent.json()
    assert body["transferred_to"] == COMMUNE_B
    assert body["current_unit"] == COMMUNE_B
    assert body["step_due_at"] == "2026-03-02T14:30:00+07:00"
    assert body["transfers"] == [
        {
            "to_agency": COMMUNE_B,
            "reason": "Đăng ký thường trú cho trẻ",
            "sent_at": "2026-03-02T09:00:00+07:00",
            "due_at": "2026-03-02T14:30:00+07:00",
            "outcome": "",
            "returned_at": None,
        }
    ]
    assert _names(body) == []  # the sending specialist waits
    assert "transfer_back" in _names(_get(world.leader_b, code))
    blocked = _post(world.leader_b, code, "forward")
    assert blocked.status_code == 409
    assert blocked.json()["message"] == (
        "Hồ sơ đang chuyển liên thông tới UBND phường Bình Minh; chờ cơ quan đó trả về."
    )

    back = _post(world.leader_b, code, "transfer_back", outcome="Đã đăng ký thường trú")
    assert back.status_code == 200, back.json()
    body = back.json()
    assert body["transferred_to"] is None
    assert body["current_unit"] == COMMUNE_A
    assert body["current_step"]["key"] == "xu_ly"
    assert body["transfers"][0]["outcome"] == "Đã đăng ký thường trú"
    assert body["transfers"][0]["returned_at"] == "2026-03-02T09:00:00+07:00"
    assert _names(body) == []  # commune B still sees the dossier, and may do nothing more
    history = [(event["action"], event["actor"], event["unit"]) for event in body["history"]]
    assert history[-6:] == [
        ("consult", "Vũ Đức Thắng", "UBND xã An Phú"),
        ("consult", "Vũ Đức Thắng", "UBND xã An Phú"),
        ("answer", "Phan Thu Hà", "UBND xã An Phú"),
        ("answer", "Lý Văn Cường", "UBND xã An Phú"),
        ("transfer", "Vũ Đức Thắng", "UBND phường Bình Minh"),
        ("transfer_back", "Lý Văn Cường", "UBND xã An Phú"),
    ]
    assert all(event["acting_for"] is None for event in body["history"])
    stays = [(entry["unit"], entry["due_at"], entry["end_action"]) for entry in body["timeline"]]
    assert stays[-3:] == [
        ("UBND xã An Phú", "2026-03-02T14:30:00+07:00", "transfer"),
        ("UBND phường Bình Minh", "2026-03-02T14:30:00+07:00", "transfer_back"),
        ("UBND xã An Phú", "2026-03-02T14:30:00+07:00", ""),
    ]
    assert "forward" in _names(_get(world.specialist_a, code))


def test_transfer_needs_a_reason_and_a_known_agency(world):
    code = act("forward", walk_in(world), user=world.counter_a).code
    no_reason = _post(world.specialist_a, code, "transfer", to_agency=COMMUNE_B["code"])
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["fields"]
    blank = _post(world.specialist_a, code, "transfer", to_agency=COMMUNE_B["code"], reason=" ")
    assert blank.status_code == 400
    assert "reason" in blank.json()["fields"]
    unknown = _post(world.specialist_a, code, "transfer", to_agency="000.00.99.H99", reason="X")
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "invalid"
    assert list(unknown.json()["fields"]) == ["to_agency"]
    own = _post(world.specialist_a, code, "transfer", to_agency=COMMUNE_A["code"], reason="X")
    assert own.status_code == 400
    assert own.json()["fields"] == {
        "to_agency": ["Chọn một cơ quan, đơn vị khác đơn vị đang xử lý hồ sơ."]
    }
    assert _get(world.specialist_a, code)["transferred_to"] is None


def test_consult_rejects_an_unknown_unit_and_answer_needs_text(world):
    jurist = jurist_of(world)
    code = act("forward", walk_in(world), user=world.counter_a).code
    unknown = _post(world.specialist_a, code, "consult", unit="000.00.99.H99", question="Hỏi")
    assert unknown.status_code == 400
    assert list(unknown.json()["fields"]) == ["unit"]
    assert _post(world.specialist_a, code, "consult").status_code == 200
    empty = _post(jurist, code, "answer", answer="")
    assert empty.status_code == 400
    assert empty.json()["fields"] == {"answer": ["Nhập ý kiến trả lời."]}
    not_theirs = _post(world.specialist_a, code, "answer", answer="Tự trả lời")
    assert not_theirs.status_code == 403
    hidden = _client(world.leader_b).post(
        f"/api/v1/dossiers/{code}/actions/answer",
        {"expected_version": 99, "answer": "Không được hỏi"},
        format="json",
    )
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "dossier_not_found"


def test_the_register_number_appears_after_approval(world):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    dossier = act("attach_result", dossier, user=world.specialist_a, note="Giấy khai sinh")
    dossier = act("forward", dossier, user=world.specialist_a)
    approved = _post(world.leader_a, dossier.code, "approve")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["register"] == {
        "kind": "civil_status",
        "year": 2026,
        "book": 1,
        "number": 1,
    }
