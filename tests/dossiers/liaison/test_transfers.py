"""Liên thông: `transfer` hands the dossier to another agency for its part, which only
`transfer_back` ends; the step then begins again at the sending unit."""

import pytest

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import act, at, online, processing
from tests.dossiers.liaison.conftest import NOW
from tests.dossiers.world import World
from tests.factories import OfficerFactory, grant

# ---------------------------------------------------------------- transfer


def transferred(world: World) -> Dossier:
    """At the specialist's step, transferred to commune B at Monday 09:00."""
    return act(
        "transfer",
        processing(world),
        user=world.specialist_a,
        to_agency=world.tree.commune_b,
        reason="Xác nhận nơi cư trú của mẹ",
    )


def test_transfer_hands_the_dossier_to_the_other_agency_with_the_steps_allowance(world):
    dossier = transferred(world)
    assert dossier.status == "processing"
    assert dossier.transferred_to == world.tree.commune_b
    assert dossier.current_unit == world.tree.commune_b
    assert dossier.current_step.key == "xu_ly"
    assert dossier.current_handler is None
    assert dossier.step_due_at == at(3, 2, 14, 30)  # xu_ly's 4 working hours
    sent = dossier.transfers.get()
    assert (sent.from_unit, sent.to_agency) == (world.tree.commune_a, world.tree.commune_b)
    assert sent.reason == "Xác nhận nơi cư trú của mẹ"
    assert sent.returned_at is None


def test_transfer_may_set_the_other_agencys_allowance(world):
    dossier = act(
        "transfer",
        processing(world),
        user=world.specialist_a,
        to_agency=world.tree.commune_b,
        reason="Xác minh",
        allowance_hours=16,
    )
    assert dossier.step_due_at == dossier.transfers.get().due_at == at(3, 4, 9)


def test_transfer_needs_a_reason_and_another_agency(world):
    dossier = processing(world)
    with pytest.raises(ValidationFailed) as no_reason:
        act("transfer", dossier, user=world.specialist_a, to_agency=world.tree.commune_b, reason="")
    assert no_reason.value.fields == {
        "reason": ["Nhập nội dung cần cơ quan liên thông giải quyết."]
    }
    with pytest.raises(ValidationFailed) as own:
        act(
            "transfer",
            dossier,
            user=world.specialist_a,
            to_agency=world.tree.commune_a,
            reason="Tự chuyển",
        )
    assert own.value.fields == {
        "to_agency": ["Chọn một cơ quan, đơn vị khác đơn vị đang xử lý hồ sơ."]
    }
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.transferred_to is None
    assert stored.current_unit == world.tree.commune_a


def test_transfer_waits_for_open_consultations(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    with pytest.raises(Conflict) as held:
        act(
            "transfer",
            dossier,
            user=world.specialist_a,
            to_agency=world.tree.commune_b,
            reason="Xác minh",
        )
    assert held.value.message == "Còn 1 ý kiến chưa trả lời; bước tiếp tục khi đủ ý kiến."


def test_transfer_is_the_steps_actors(world):
    dossier = processing(world)
    with pytest.raises(Forbidden):
        act(
            "transfer",
            dossier,
            user=world.counter_a,
            to_agency=world.tree.commune_b,
            reason="Xác minh",
        )


HELD = "Hồ sơ đang chuyển liên thông tới UBND phường Bình Minh; chờ cơ quan đó trả về."


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("forward", {}),
        ("return_back", {"reason": "Trả lại"}),
        ("stop", {"reason": "Dừng"}),
        ("request_supplement", {"missing": "Giấy chứng sinh", "reason": "Thiếu"}),
        ("attach_result", {"note": "Giấy khai sinh"}),
        ("assign", {}),
        ("transfer", {"reason": "Chuyển tiếp"}),
        ("consult", {"question": "Hỏi"}),
    ],
)
def test_while_transferred_the_other_agency_can_only_send_it_back(world, action, fields):
    dossier = transferred(world)
    if action == "assign":
        fields = {"handler": world.leader_b}
    if action == "transfer":
        fields = {**fields, "to_agency": world.tree.department}
    if action == "consult":
        fields = {**fields, "unit": world.tree.department}
    with pytest.raises(Conflict) as held:
        act(action, dossier, user=world.leader_b, **fields)
    assert held.value.code == "action_not_allowed"
    assert held.value.message == HELD
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_while_transferred_the_sending_unit_cannot_move_it(world):
    dossier = transferred(world)
    for action, fields in (("forward", {}), ("stop", {"reason": "Dừng"})):
        with pytest.raises((Conflict, Forbidden)):
            act(action, dossier, user=world.leader_a, **fields)
    assert Dossier.objects.get(pk=dossier.pk).transferred_to == world.tree.commune_b


def test_while_transferred_the_current_units_leader_may_still_apologize(world):
    # docs/dossier-lifecycle.md: apologize is for "a leader of the current unit" — during a
    # transfer that is the other agency's.
    dossier = transferred(world)
    with pytest.raises(Forbidden):
        act(
            "apologize",
            dossier,
            user=world.leader_a,
            reason="Chờ xác minh liên thông",
            new_appointment_at=at(3, 6, 16),
        )
    dossier = act(
        "apologize",
        dossier,
        user=world.leader_b,
        reason="Chờ xác minh liên thông",
        new_appointment_at=at(3, 6, 16),
    )
    assert dossier.events.latest("pk").action == "apologize"
    assert dossier.transferred_to == world.tree.commune_b


def test_while_transferred_the_citizen_may_withdraw_and_the_withdrawal_can_be_settled(world):
    dossier = act(
        "transfer",
        act("forward", _online_received(world), user=world.counter_a),
        user=world.specialist_a,
        to_agency=world.tree.commune_b,
        reason="Xác minh",
    )
    dossier = act("withdraw", dossier, user=world.citizen, reason="Không còn nhu cầu")
    assert dossier.status == "withdrawal_requested"
    # Commune B hands the dossier back, and the sending unit accepts the withdrawal.
    dossier = act("transfer_back", dossier, user=world.leader_b, outcome="Dừng do công dân rút")
    dossier = act("accept_withdrawal", dossier, user=world.specialist_a)
    assert dossier.status == "withdrawn"


def _online_received(world: World) -> Dossier:
    return act("receive", online(world), user=world.counter_a)


# ---------------------------------------------------------------- transfer back


def test_only_the_other_agencys_specialists_and_leaders_send_it_back(world):
    dossier = transferred(world)
    for outsider in (world.specialist_a, world.leader_a, world.counter_b):
        with pytest.raises(Forbidden):
            act("transfer_back", dossier, user=outsider, outcome="Đã xác minh")
    with pytest.raises(NotFound):
        act("transfer_back", dossier, user=world.other_citizen, outcome="Đã xác minh")
    assert Dossier.objects.get(pk=dossier.pk).transferred_to == world.tree.commune_b


def test_transfer_back_needs_the_outcome(world):
    dossier = transferred(world)
    with pytest.raises(ValidationFailed) as refused:
        act("transfer_back", dossier, user=world.leader_b, outcome="")
    assert refused.value.fields == {"outcome": ["Nhập kết quả giải quyết liên thông."]}


def test_transfer_back_restarts_the_step_at_the_sending_unit(world):
    dossier = transferred(world)
    with clock.frozen(at(3, 2, 14)):
        dossier = act(
            "transfer_back", dossier, user=world.leader_b, outcome="Mẹ thường trú tại phường"
        )
    assert dossier.transferred_to is None
    assert dossier.status == "processing"
    assert dossier.current_unit == world.tree.commune_a
    assert dossier.current_step.key == "xu_ly"
    assert dossier.current_handler == world.specialist_a
    assert dossier.step_started_at == at(3, 2, 14)
    assert dossier.step_due_at == at(3, 3, 8, 30)  # 3 working hours on Monday, 1 on Tuesday
    sent = dossier.transfers.get()
    assert sent.outcome == "Mẹ thường trú tại phường"
    assert sent.returned_by == world.leader_b
    dossier = act("forward", dossier, user=world.specialist_a)
    assert dossier.current_step.key == "phe_duyet"


def test_transfer_back_returns_to_the_handler_the_leader_had_assigned(world):
    colleague = OfficerFactory(full_name="Trương Thị Nga")
    grant(colleague, Role.SPECIALIST, world.tree.commune_a_division)
    dossier = act("assign", processing(world), user=world.leader_a, handler=colleague)
    dossier = act(
        "transfer",
        dossier,
        user=world.leader_a,
        to_agency=world.tree.commune_b,
        reason="Xác nhận nơi cư trú của mẹ",
    )
    assert dossier.current_handler is None
    dossier = act("transfer_back", dossier, user=world.leader_b, outcome="Đã xác nhận")
    assert dossier.current_handler == colleague


def test_the_timeline_shows_the_other_agencys_stay_with_its_due(world):
    dossier = transferred(world)
    with clock.frozen(at(3, 2, 14)):
        dossier = act("transfer_back", dossier, user=world.leader_b, outcome="Đã xác minh")
    stays = [
        (entry.step_name, entry.unit_name, entry.due_at, entry.ended_at, entry.end_action)
        for entry in selectors.timeline(dossier)
    ]
    assert stays[1:] == [
        ("Xử lý hồ sơ", "UBND xã An Phú", at(3, 2, 14, 30), NOW, "transfer"),
        ("Xử lý hồ sơ", "UBND phường Bình Minh", at(3, 2, 14, 30), at(3, 2, 14), "transfer_back"),
        ("Xử lý hồ sơ", "UBND xã An Phú", at(3, 3, 8, 30), None, ""),
    ]


def test_the_other_agency_sees_the_dossier_during_and_after_the_transfer(world):
    dossier = processing(world)
    with pytest.raises(NotFound):
        selectors.available_actions(world.leader_b, dossier)
    dossier = transferred(world)
    assert "transfer_back" in selectors.available_actions(world.leader_b, dossier)
    assert selectors.available_actions(world.specialist_a, dossier) == []
    dossier = act("transfer_back", dossier, user=world.leader_b, outcome="Đã xác minh")
    assert selectors.available_actions(world.leader_b, dossier) == []
    assert "forward" in selectors.available_actions(world.specialist_a, dossier)
