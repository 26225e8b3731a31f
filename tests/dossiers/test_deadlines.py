from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.dossiers.deadlines import judge
from motcua.dossiers.models import Status
from motcua.dossiers.selectors import judgement, overdue_now, step_judgements, steps_overdue_now
from tests.dossiers.helpers import act, at, online, to_approval, walk_in

pytestmark = pytest.mark.sqlite_smoke

APPOINTMENT = at(3, 3, 9)
# The test's own copy of the rule: (end, supplement requests) → judgement.
JUDGEMENTS = [
    (at(3, 2, 16), 0, "early"),
    (at(3, 3, 8), 0, "on_time"),
    (at(3, 3, 9), 0, "on_time"),
    (at(3, 3, 9, 1), 0, "late"),
    (at(3, 2, 16), 1, "early"),
    (at(3, 2, 16), 2, "late"),
    (None, 0, None),
]


@pytest.mark.parametrize(("end", "requests", "expected"), JUDGEMENTS)
def test_the_judgement_rule(end, requests, expected):
    assert judge(end=end, appointment=APPOINTMENT, supplement_requests=requests) == expected


def test_a_dossier_received_before_tet_is_due_after_it(world):
    with clock.frozen(at(2, 13, 16, 30)):  # a Friday; Tết 2026 closes 16–20 February
        dossier = walk_in(world)
    assert dossier.appointment_at == at(2, 23, 16, 30)
    assert dossier.step_due_at == at(2, 23, 8)


def test_a_supplement_stops_the_clock_and_moves_the_deadlines(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("receive", online(world), user=world.counter_a)
    with clock.frozen(at(3, 2, 9, 30)):
        dossier = act(
            "request_supplement",
            dossier,
            user=world.counter_a,
            missing="Giấy chứng sinh",
            reason="Thiếu giấy chứng sinh",
        )
        assert dossier.status == Status.AWAITING_SUPPLEMENT
    with clock.frozen(at(3, 4, 10)):  # stopped 6 + 8 + 2.5 working hours
        assert not overdue_now().exists()
        dossier = act("supply", dossier, user=world.citizen)
    assert dossier.status == Status.RECEIVED
    assert dossier.supplement_requests == 1
    assert dossier.clock_stops.get().stopped == timedelta(hours=16, minutes=30)
    assert dossier.appointment_at == at(3, 5, 9, 30)
    assert dossier.step_due_at == at(3, 4, 10, 30)
    assert dossier.step_records.get().due_at == at(3, 4, 10, 30)


def test_supplement_before_receipt_returns_to_submitted(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        dossier = act(
            "request_supplement", dossier, user=world.counter_a, missing="Tờ khai", reason="Thiếu"
        )
        with pytest.raises(Forbidden):
            act("supply", dossier, user=world.specialist_a)
        with pytest.raises(ValidationFailed):
            act("request_supplement", dossier, user=world.counter_a, missing="", reason="x")
        dossier = act("supply", dossier, user=world.citizen)
    assert dossier.status == Status.SUBMITTED
    assert dossier.appointment_at is None


def _finish(world, dossier, when):
    with clock.frozen(when):
        dossier = to_approval(world, dossier)
        return act("finish", dossier, user=world.leader_a)


def test_early_on_time_and_late(world):
    with clock.frozen(at(3, 2, 9)):
        early, on_time, late = walk_in(world), walk_in(world), walk_in(world)
    assert judgement(_finish(world, early, at(3, 2, 16))) == "early"
    assert judgement(_finish(world, on_time, at(3, 3, 8, 30))) == "on_time"
    assert judgement(_finish(world, late, at(3, 3, 10))) == "late"


def test_two_supplement_requests_are_late_whatever_the_dates(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        for _ in range(2):
            dossier = act(
                "request_supplement",
                dossier,
                user=world.counter_a,
                missing="Tờ khai",
                reason="Thiếu",
            )
            dossier = act("supply", dossier, user=world.counter_a)
    assert judgement(_finish(world, dossier, at(3, 2, 10))) == "late"


def test_an_apology_keeps_the_original_appointment_and_does_not_erase_lateness(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        with pytest.raises(Forbidden):
            act(
                "apologize",
                dossier,
                user=world.specialist_a,
                reason="x",
                new_appointment_at=at(3, 6),
            )
        with pytest.raises(ValidationFailed):
            act("apologize", dossier, user=world.leader_a, reason="", new_appointment_at=at(3, 6))
        with pytest.raises(ValidationFailed):
            act(
                "apologize",
                dossier,
                user=world.leader_a,
                reason="x",
                new_appointment_at=at(3, 3, 8),
            )
        dossier = act(
            "apologize",
            dossier,
            user=world.leader_a,
            reason="Phải xác minh thông tin",
            new_appointment_at=at(3, 6, 16),
        )
        with pytest.raises(Conflict) as twice:
            act("apologize", dossier, user=world.leader_a, reason="x", new_appointment_at=at(3, 9))
    assert dossier.appointment_at == at(3, 3, 9)
    assert dossier.new_appointment_at == at(3, 6, 16)
    assert twice.value.code == "already_apologized"
    with clock.frozen(at(3, 4, 9)):
        dossier = act("forward", dossier, user=world.specialist_a)
        dossier = act("finish", dossier, user=world.leader_a)
    assert judgement(dossier) == "late"


def test_an_apology_needs_a_working_day_left(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
    with clock.frozen(at(3, 2, 9, 1)), pytest.raises(Conflict) as refused:
        act("apologize", dossier, user=world.leader_a, reason="x", new_appointment_at=at(3, 6))
    assert (
        refused.value.message
        == "Chỉ được xin lỗi khi còn ít nhất một ngày làm việc trước ngày hẹn trả."
    )


def test_overdue_now_is_a_query(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        finished = walk_in(world)
    _finish(world, finished, at(3, 2, 10))
    assert list(steps_overdue_now(now=at(3, 2, 10, 30))) == [dossier]
    assert not overdue_now(now=at(3, 3, 9)).exists()
    assert list(overdue_now(now=at(3, 3, 9, 1))) == [dossier]


def test_lateness_of_a_step_belongs_to_its_unit(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
    with clock.frozen(at(3, 3, 9)):
        dossier = act("forward", dossier, user=world.specialist_a)
        verdicts = [
            (record.step.key, record.unit, verdict) for record, verdict in step_judgements(dossier)
        ]
    assert verdicts == [
        ("tiep_nhan", world.tree.commune_a, "on_time"),
        ("xu_ly", world.tree.commune_a, "late"),
        ("phe_duyet", world.tree.commune_a, None),
    ]
