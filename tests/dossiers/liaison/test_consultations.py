"""Xin ý kiến: `consult` opens the step's declared consultations or an ad-hoc question, each
with its own time; `answer` is the consulted unit's; the step waits until all have answered."""

import pytest

from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import act, at, processing, walk_in
from tests.dossiers.world import DEPARTMENT, QUESTION, build_world, with_liaison


def test_consult_without_a_unit_opens_the_steps_declared_consultations(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    assert dossier.open_consultations == 1
    assert dossier.status == "processing"
    (asked,) = dossier.consultations.all()
    assert asked.unit == world.tree.department
    assert asked.question == QUESTION
    assert asked.asking_unit == world.tree.commune_a
    assert asked.asked_by == world.specialist_a
    assert asked.due_at == at(3, 2, 11)  # the declared 2 working hours
    event = dossier.events.latest("pk")
    assert event.action == "consult"
    assert event.note == f"Sở Tư pháp: {QUESTION}"


def test_the_declared_consultations_are_opened_once(world):
    dossier = act("consult", processing(world), user=world.specialist_a)
    with pytest.raises(Conflict) as refused:
        act("consult", dossier, user=world.specialist_a)
    assert refused.value.code == "already_consulted"
    assert refused.value.message == "Đã xin đủ các ý kiến mà bước này quy định."
    assert Dossier.objects.get(pk=dossier.pk).open_consultations == 1


def test_an_ad_hoc_question_gets_sixteen_working_hours_by_default(world):
    dossier = act(
        "consult",
        processing(world),
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Mẹ của trẻ có thường trú tại phường không?",
    )
    (asked,) = dossier.consultations.all()
    assert asked.unit == world.tree.commune_b
    assert asked.spec is None
    assert asked.question == "Mẹ của trẻ có thường trú tại phường không?"
    # Monday 09:00 + 16 working hours: 6.5 on Monday, 8 on Tuesday, 1.5 on Wednesday.
    assert asked.due_at == at(3, 4, 9)


def test_an_ad_hoc_question_may_set_its_own_allowance(world):
    dossier = act(
        "consult",
        processing(world),
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
        allowance_hours=4,
    )
    assert dossier.consultations.get().due_at == at(3, 2, 14, 30)


def test_an_ad_hoc_question_needs_its_text_and_a_sensible_allowance(world):
    dossier = processing(world)
    with pytest.raises(ValidationFailed) as empty:
        act("consult", dossier, user=world.specialist_a, unit=world.tree.commune_b, question=" ")
    assert empty.value.fields == {"question": ["Nhập nội dung xin ý kiến."]}
    with pytest.raises(ValidationFailed) as zero:
        act(
            "consult",
            dossier,
            user=world.specialist_a,
            unit=world.tree.commune_b,
            question="Xác minh",
            allowance_hours=0,
        )
    assert zero.value.message == "Thời gian phải lớn hơn 0 và không quá 2.000 giờ làm việc."
    assert not Dossier.objects.get(pk=dossier.pk).consultations.exists()


def test_asking_the_unit_that_handles_the_dossier_is_refused(world):
    dossier = processing(world)
    with pytest.raises(ValidationFailed) as refused:
        act(
            "consult",
            dossier,
            user=world.specialist_a,
            unit=world.tree.commune_a,
            question="Ý kiến của chính xã",
        )
    assert refused.value.message == "Chọn một cơ quan, đơn vị khác đơn vị đang xử lý hồ sơ."
    assert "unit" in refused.value.fields


def test_asking_the_askers_own_division_is_refused(world):
    # The specialist works in Phòng Kinh tế of commune A, which handles the step: asking it would
    # let them answer their own question and release the step.
    dossier = processing(world)
    with pytest.raises(ValidationFailed) as refused:
        act(
            "consult",
            dossier,
            user=world.specialist_a,
            unit=world.tree.commune_a_division,
            question="Tự hỏi phòng mình",
        )
    assert refused.value.message == "Chọn một cơ quan, đơn vị khác đơn vị đang xử lý hồ sơ."


def test_asking_a_unit_again_while_its_answer_is_awaited_is_refused(world):
    dossier = act(
        "consult",
        processing(world),
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    with pytest.raises(Conflict) as refused:
        act(
            "consult",
            dossier,
            user=world.specialist_a,
            unit=world.tree.commune_b,
            question="Nhắc lại: xác minh nơi cư trú",
        )
    assert refused.value.code == "already_consulted"
    assert refused.value.message == "Đang chờ ý kiến của UBND phường Bình Minh; chưa hỏi lại được."
    assert Dossier.objects.get(pk=dossier.pk).consultations.count() == 1


def test_once_answered_the_unit_may_be_asked_again(world):
    dossier = act(
        "consult",
        processing(world),
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    dossier = act("answer", dossier, user=world.leader_b, answer="Có thường trú.")
    dossier = act(
        "consult",
        dossier,
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh thêm số định danh",
    )
    assert dossier.open_consultations == 1
    assert dossier.consultations.count() == 2


def test_a_step_without_declared_consultations_needs_a_unit(db):
    world = build_world(with_liaison(consultations=[]))
    dossier = processing(world)
    with pytest.raises(ValidationFailed) as refused:
        act("consult", dossier, user=world.specialist_a)
    assert refused.value.message == (
        "Bước này không có nội dung xin ý kiến sẵn; chọn cơ quan, đơn vị cần hỏi."
    )


def test_consult_is_refused_at_a_step_that_does_not_list_it(world):
    dossier = walk_in(world)
    with pytest.raises(Conflict) as refused:
        act("consult", dossier, user=world.counter_a)
    assert refused.value.message == "Bước «Tiếp nhận hồ sơ» không có thao tác «xin ý kiến»."


def test_consult_is_the_steps_actors_not_the_counters(world):
    dossier = processing(world)
    with pytest.raises(Forbidden):
        act("consult", dossier, user=world.counter_a)
    with pytest.raises(NotFound):
        act("consult", dossier, user=world.leader_b)


# ---------------------------------------------------------------- answer


def test_unanswered_consultations_hold_the_step_until_all_have_answered(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    dossier = act(
        "consult",
        dossier,
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    assert dossier.open_consultations == 2
    for action, fields in (("forward", {}), ("return_back", {"reason": "Trả lại"})):
        with pytest.raises(Conflict) as held:
            act(action, dossier, user=world.specialist_a, **fields)
        assert held.value.code == "action_not_allowed"
        assert held.value.message == "Còn 2 ý kiến chưa trả lời; bước tiếp tục khi đủ ý kiến."
    dossier = act("answer", dossier, user=jurist, answer="Trẻ có quốc tịch Việt Nam.")
    with pytest.raises(Conflict) as still:
        act("forward", dossier, user=world.specialist_a)
    assert still.value.message == "Còn 1 ý kiến chưa trả lời; bước tiếp tục khi đủ ý kiến."
    dossier = act("answer", dossier, user=world.leader_b, answer="Mẹ thường trú tại phường.")
    assert dossier.open_consultations == 0
    dossier = act("forward", dossier, user=world.specialist_a)
    assert dossier.current_step.key == "phe_duyet"
    answers = {c.unit.code: (c.answer, c.answered_by) for c in dossier.consultations.all()}
    assert answers == {
        DEPARTMENT: ("Trẻ có quốc tịch Việt Nam.", jurist),
        world.tree.commune_b.code: ("Mẹ thường trú tại phường.", world.leader_b),
    }


def test_open_consultations_hold_finish_and_approve_at_the_leaders_step(world):
    dossier = processing(world)
    dossier = act("attach_result", dossier, user=world.specialist_a, note="Giấy khai sinh")
    dossier = act(
        "consult",
        dossier,
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    dossier = act("answer", dossier, user=world.leader_b, answer="Đúng.")
    dossier = act("forward", dossier, user=world.specialist_a)
    assert dossier.current_step.key == "phe_duyet"
    # The leader's step lists no `consult`: consultations are asked at the specialist's step.
    with pytest.raises(Conflict):
        act(
            "consult",
            dossier,
            user=world.leader_a,
            unit=world.tree.commune_b,
            question="Hỏi thêm",
        )


def test_only_the_consulted_units_specialists_and_leaders_answer(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    for outsider in (world.specialist_a, world.leader_a, world.counter_a):
        with pytest.raises(Forbidden):
            act("answer", dossier, user=outsider, answer="Không phải đơn vị được hỏi")
    # Commune B was not asked: it does not even see the dossier.
    with pytest.raises(NotFound):
        act("answer", dossier, user=world.leader_b, answer="Không phải đơn vị được hỏi")
    assert Dossier.objects.get(pk=dossier.pk).open_consultations == 1
    dossier = act("answer", dossier, user=jurist, answer="Đồng ý.")
    assert dossier.open_consultations == 0
    assert dossier.events.latest("pk").action == "answer"


def test_the_consulted_units_counter_officer_may_not_answer(world):
    dossier = act(
        "consult",
        processing(world),
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    with pytest.raises(Forbidden):
        act("answer", dossier, user=world.counter_b, answer="Bộ phận Một cửa trả lời")


def test_an_answer_needs_text(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    with pytest.raises(ValidationFailed) as refused:
        act("answer", dossier, user=jurist, answer="  ")
    assert refused.value.fields == {"answer": ["Nhập ý kiến trả lời."]}


def test_a_unit_that_has_answered_cannot_answer_again(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    dossier = act(
        "consult",
        dossier,
        user=world.specialist_a,
        unit=world.tree.commune_b,
        question="Xác minh nơi cư trú",
    )
    dossier = act("answer", dossier, user=jurist, answer="Đồng ý.")
    with pytest.raises(Forbidden):
        act("answer", dossier, user=jurist, answer="Đồng ý lần nữa.")
    assert Dossier.objects.get(pk=dossier.pk).open_consultations == 1


def test_an_answer_may_come_while_the_citizen_supplements(world, jurist):
    dossier = act("consult", processing(world), user=world.specialist_a)
    dossier = act(
        "request_supplement",
        dossier,
        user=world.specialist_a,
        missing="Giấy chứng sinh",
        reason="Bản chụp mờ",
    )
    dossier = act("answer", dossier, user=jurist, answer="Đồng ý.")
    assert dossier.status == "awaiting_supplement"
    assert dossier.open_consultations == 0


def test_the_consulted_unit_keeps_seeing_the_dossier_after_answering(world, jurist):
    dossier = processing(world)
    with pytest.raises(NotFound):
        selectors.available_actions(jurist, dossier)
    dossier = act("consult", dossier, user=world.specialist_a)
    assert selectors.available_actions(jurist, dossier) == ["answer"]
    dossier = act("answer", dossier, user=jurist, answer="Đồng ý.")
    assert selectors.available_actions(jurist, dossier) == []
