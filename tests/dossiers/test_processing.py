import pytest

from motcua.audit.selectors import verify_chain
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.dossiers.models import Status
from motcua.dossiers.selectors import (
    available_actions,
    dossier_by_code_or_reference,
    national_code_of,
    timeline,
    visible_dossiers,
)
from motcua.events.models import OutboxMessage
from tests.dossiers.helpers import act, at, online, to_approval, walk_in


def test_a_dossier_walks_its_whole_process(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        dossier = act("forward", dossier, user=world.counter_a, note="Đủ hồ sơ")
        assert dossier.status == Status.PROCESSING
        assert dossier.current_step.key == "xu_ly"
        assert dossier.current_unit == world.tree.commune_a
        assert dossier.step_due_at == at(3, 2, 14, 30)  # 4 working hours, lunch skipped
        dossier = act("assign", dossier, user=world.leader_a, handler=world.specialist_a)
        assert dossier.current_handler == world.specialist_a
    with clock.frozen(at(3, 2, 11)):
        dossier = act("forward", dossier, user=world.specialist_a)
        assert dossier.current_step.key == "phe_duyet"
    with clock.frozen(at(3, 2, 14)):
        dossier = act("finish", dossier, user=world.leader_a)
        assert dossier.status == Status.READY
        assert dossier.current_step.key == "tra_ket_qua"
        assert dossier.finished_at == at(3, 2, 14)
    with clock.frozen(at(3, 3, 8)):
        dossier = act(
            "return_result", dossier, user=world.counter_a
        )  # the return step's hour is over
    assert dossier.status == Status.RETURNED
    assert dossier.version == 7  # one per action
    assert national_code_of(dossier.status) == 10
    entries = timeline(dossier)
    assert [entry.step_name for entry in entries] == [
        "Tiếp nhận hồ sơ",
        "Xử lý hồ sơ",
        "Phê duyệt kết quả",
        "Trả kết quả",
    ]
    assert entries[1].handler_name == "Vũ Đức Thắng"
    assert entries[1].handler_title == "Công chức Tư pháp"
    assert entries[1].given_by_name == "Hoàng Thị Mai"
    assert entries[1].note == "Đủ hồ sơ"
    # Nobody was assigned to approve: the leader who acted is the one named.
    assert entries[2].handler_name == world.leader_a.full_name
    assert [entry.judgement for entry in entries] == ["on_time", "on_time", "on_time", "late"]
    assert entries[3].unit_name == "UBND xã An Phú"
    assert [event.action for event in dossier.events.all()] == [
        "submit",
        "receive",
        "forward",
        "assign",
        "forward",
        "finish",
        "return_result",
    ]
    topics = set(OutboxMessage.objects.values_list("topic", flat=True))
    assert topics == {f"dossier.{event.action}" for event in dossier.events.all()}
    assert verify_chain().ok


def test_refusals_say_why(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        with pytest.raises(Conflict) as not_listed:
            act("finish", dossier, user=world.leader_a)
        act(
            "request_supplement",
            dossier,
            user=world.counter_a,
            missing="Giấy chứng sinh",
            reason="Thiếu",
        )
        with pytest.raises(Conflict) as waiting:
            act("forward", dossier, user=world.counter_a)
    assert "Hồ sơ đang ở trạng thái «Đã tiếp nhận»" in not_listed.value.message
    assert waiting.value.message == "Hồ sơ đang chờ bổ sung, chưa thể chuyển bước tiếp theo."


def test_a_step_that_does_not_list_an_action_refuses_it(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        with pytest.raises(Conflict) as refused:
            act("finish", dossier, user=world.leader_a)
    assert (
        refused.value.message
        == "Bước «Xử lý hồ sơ» không có thao tác «hoàn thành, chuyển kết quả về Bộ phận Một cửa»."
    )


def test_return_back_needs_a_reason_and_goes_to_where_it_came_from(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = to_approval(world, walk_in(world))
        with pytest.raises(ValidationFailed):
            act("return_back", dossier, user=world.leader_a, reason="")
        dossier = act("return_back", dossier, user=world.leader_a, reason="Sai tên cha")
    assert dossier.current_step.key == "xu_ly"
    assert dossier.status == Status.PROCESSING
    assert dossier.events.last().note == "Sai tên cha"


def test_assign_is_for_the_units_leader_and_a_handler_with_the_role(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        with pytest.raises(Forbidden):
            act("assign", dossier, user=world.specialist_a, handler=world.specialist_a)
        with pytest.raises(ValidationFailed) as wrong:
            act("assign", dossier, user=world.leader_a, handler=world.counter_b)
    assert "handler" in wrong.value.fields


def test_stop_is_a_leaders_with_a_reason(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        with pytest.raises(Forbidden):
            act("stop", dossier, user=world.specialist_a, reason="Người dân đề nghị")
        with pytest.raises(ValidationFailed):
            act("stop", dossier, user=world.leader_a, reason="")
        dossier = act("stop", dossier, user=world.leader_a, reason="Có tranh chấp")
    assert dossier.status == Status.STOPPED
    assert dossier.end_action == "stop"
    assert national_code_of(dossier.status) == 8


def test_the_owner_withdraws_and_the_desk_accepts(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        with pytest.raises(NotFound):
            act("withdraw", dossier, user=world.other_citizen, reason="Nộp nhầm")
        with pytest.raises(Forbidden):
            act("withdraw", dossier, user=world.counter_a, reason="Nộp nhầm")
        dossier = act("withdraw", dossier, user=world.citizen, reason="Nộp nhầm")
        assert dossier.status == Status.WITHDRAWAL_REQUESTED
        with pytest.raises(Forbidden):
            act("accept_withdrawal", dossier, user=world.citizen)
        dossier = act("accept_withdrawal", dossier, user=world.counter_a)
    assert dossier.status == Status.WITHDRAWN
    assert dossier.ended_at == at(3, 2, 9)


def test_two_officers_acting_at_once_one_wins(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        seen = dossier.version
        from motcua.dossiers import services

        services.forward(user=world.counter_a, dossier=dossier, expected_version=seen)
        with pytest.raises(Conflict) as late:
            services.request_supplement(
                user=world.counter_a,
                dossier=dossier,
                expected_version=seen,
                missing="Giấy chứng sinh",
                reason="Thiếu",
            )
    assert late.value.code == "stale_version"


def test_another_communes_officer_neither_sees_nor_acts(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        for officer in (world.counter_b, world.leader_b):
            assert not visible_dossiers(officer).exists()
            with pytest.raises(NotFound):
                dossier_by_code_or_reference(dossier.code, user=officer)
            with pytest.raises(NotFound):
                act("stop", dossier, user=officer, reason="x")
        with pytest.raises(NotFound):
            available_actions(world.counter_b, dossier)
    assert list(visible_dossiers(world.specialist_a)) == [dossier]
    assert list(visible_dossiers(world.counter_a)) == [dossier]
    assert not visible_dossiers(world.citizen).exists()


def test_filing_at_another_communes_desk_is_seen_by_both(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_a,
        )
        assert dossier.code.startswith("000.00.32.H99-260302-")
        dossier = act("forward", dossier, user=world.counter_b)
    assert dossier.current_unit == world.tree.commune_a
    assert list(visible_dossiers(world.counter_b)) == [dossier]
    assert list(visible_dossiers(world.specialist_a)) == [dossier]
    assert visible_dossiers(world.citizen).count() == 0


def test_available_actions_follow_status_step_and_person(world):
    with clock.frozen(at(3, 2, 9)):
        pending = online(world)
        assert available_actions(world.counter_a, pending) == [
            "receive",
            "refuse",
            "request_supplement",
        ]
        assert available_actions(world.citizen, pending) == ["withdraw"]
        dossier = act("receive", pending, user=world.counter_a)
        assert available_actions(world.counter_a, dossier) == ["request_supplement", "forward"]
        assert available_actions(world.leader_a, dossier) == [
            "request_supplement",
            "forward",
            "assign",
        ]
        dossier = act("forward", dossier, user=world.counter_a)
    assert available_actions(world.specialist_a, dossier) == [
        "request_supplement",
        "forward",
        "return_back",
        "attach_result",
    ]
    assert available_actions(world.citizen, dossier) == ["withdraw"]


def test_the_national_code_mapping_is_an_editable_table(world):
    from motcua.dossiers.models import NationalStatusMapping

    assert national_code_of(Status.WITHDRAWN) == 7
    NationalStatusMapping.objects.update_or_create(
        status=Status.AWAITING_SUPPLEMENT, defaults={"national_code": 4}
    )
    assert national_code_of(Status.AWAITING_SUPPLEMENT) == 4


def test_return_result_is_the_return_desks(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = to_approval(world, walk_in(world))
        dossier = act("finish", dossier, user=world.leader_a)
        with pytest.raises(Forbidden):
            act("return_result", dossier, user=world.specialist_a)
        with pytest.raises(NotFound):
            act("return_result", dossier, user=world.counter_b)
        dossier = act("return_result", dossier, user=world.counter_a)
    assert dossier.status == Status.RETURNED
    assert dossier.returned_at == at(3, 2, 9)


def test_a_supplement_during_processing_comes_back_to_processing(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        dossier = act("forward", dossier, user=world.counter_a)
        dossier = act(
            "request_supplement",
            dossier,
            user=world.specialist_a,
            missing="Bản sao giấy đăng ký kết hôn",
            reason="Cần đối chiếu",
        )
        with pytest.raises(NotFound):
            act("supply", dossier, user=world.other_citizen)
        dossier = act("supply", dossier, user=world.citizen)
    assert dossier.status == Status.PROCESSING
    assert dossier.current_step.key == "xu_ly"
    assert list(visible_dossiers(world.citizen)) == [dossier]
    assert dossier_by_code_or_reference(dossier.reference.lower(), user=world.citizen) == dossier
