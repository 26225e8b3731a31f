"""`request_payment` / `confirm_payment` (a wait that stops the clock) and `attach_result` /
`approve` (the result of processing)."""

import pytest

from motcua.audit.models import AuditEntry
from motcua.audit.selectors import verify_chain
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.documents.models import StoredFile
from motcua.dossiers.models import Status, StopKind
from motcua.events.models import OutboxMessage
from tests.dossiers.helpers import act, at, to_approval, walk_in
from tests.dossiers.world import World, build_world, with_payment


@pytest.fixture
def paying_world(db) -> World:
    return build_world(with_payment())


def upload(user) -> StoredFile:
    return StoredFile.objects.create(
        sha256="0" * 64,
        size=1,
        content_type="application/pdf",
        original_name="ket-qua.pdf",
        file="uploads/ket-qua.pdf",
        uploaded_by=user,
        created_at=clock.now(),
    )


# ---------------------------------------------------------------- payment


def test_a_payment_stops_the_clock_and_moves_the_deadlines(paying_world):
    world = paying_world
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        appointment, step_due = dossier.appointment_at, dossier.step_due_at
        dossier = act(
            "request_payment", dossier, user=world.counter_a, amount=50_000, reason="Lệ phí"
        )
    assert dossier.status == Status.AWAITING_PAYMENT
    assert dossier.clock_stopped_at == at(3, 2, 9)
    stop = dossier.clock_stops.get()
    assert (stop.kind, stop.amount, stop.resume_status) == (
        StopKind.PAYMENT,
        50_000,
        Status.RECEIVED,
    )
    assert dossier.supplement_requests == 0
    with clock.frozen(at(3, 2, 10)):
        with pytest.raises(Conflict, match="chờ thực hiện nghĩa vụ tài chính"):
            act("forward", dossier, user=world.counter_a)
        with pytest.raises(Forbidden):
            act("confirm_payment", dossier, user=world.citizen)
        dossier = act("confirm_payment", dossier, user=world.counter_a, note="Biên lai số 12")
    assert dossier.status == Status.RECEIVED
    assert dossier.clock_stopped_at is None
    stop.refresh_from_db()
    assert stop.ended_at == at(3, 2, 10)
    assert stop.stopped.total_seconds() == 3600
    assert dossier.appointment_at == appointment + (at(3, 2, 10) - at(3, 2, 9))
    assert dossier.step_due_at == step_due + (at(3, 2, 10) - at(3, 2, 9))
    assert dossier.step_records.get(ended_at__isnull=True).due_at == dossier.step_due_at
    event = dossier.events.get(action="request_payment")
    assert event.data == {"amount": 50_000}
    assert event.note == "Lệ phí"
    topics = set(OutboxMessage.objects.values_list("topic", flat=True))
    assert {"dossier.request_payment", "dossier.confirm_payment"} <= topics
    assert AuditEntry.objects.filter(action="dossier.confirm_payment").exists()
    assert verify_chain().ok


def test_a_payment_during_processing_comes_back_to_processing(paying_world):
    world = paying_world
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        dossier = act("request_payment", dossier, user=world.specialist_a, amount=1, reason="Phí")
        dossier = act("confirm_payment", dossier, user=world.counter_a)
        assert dossier.status == Status.PROCESSING
        # The receiving desk may ask too, though it does not handle the step.
        dossier = act("request_payment", dossier, user=world.counter_a, amount=2, reason="Phí")
    assert dossier.status == Status.AWAITING_PAYMENT


def test_payment_refusals(paying_world):
    world = paying_world
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        for amount in (0, -5):
            with pytest.raises(ValidationFailed) as raised:
                act("request_payment", dossier, user=world.counter_a, amount=amount, reason="x")
            assert "amount" in raised.value.fields
        with pytest.raises(ValidationFailed):
            act("request_payment", dossier, user=world.counter_a, amount=10, reason=" ")
        with pytest.raises(Forbidden):
            act("request_payment", dossier, user=world.specialist_a, amount=10, reason="x")
        with pytest.raises(NotFound):
            act("request_payment", dossier, user=world.counter_b, amount=10, reason="x")
        with pytest.raises(Conflict):
            act("confirm_payment", dossier, user=world.counter_a)
        dossier = to_approval(world, dossier)  # phe_duyet does not list request_payment
        with pytest.raises(Conflict, match="không có thao tác"):
            act("request_payment", dossier, user=world.leader_a, amount=10, reason="x")
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert not dossier.clock_stops.exists()


def test_the_sample_process_does_not_ask_for_payment(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        with pytest.raises(Conflict):
            act("request_payment", dossier, user=world.counter_a, amount=10, reason="x")


# ---------------------------------------------------------------- result and approval


def test_a_result_is_attached_then_approved_then_finished(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        stored = upload(world.specialist_a)
        dossier = act(
            "attach_result",
            dossier,
            user=world.specialist_a,
            note="Giấy khai sinh bản chính",
            upload=str(stored.pk),
        )
        assert dossier.status == Status.PROCESSING
        assert dossier.result_file == stored
        assert dossier.result_note == "Giấy khai sinh bản chính"
        dossier = act("forward", dossier, user=world.specialist_a)
    with clock.frozen(at(3, 2, 10)):
        with pytest.raises(Forbidden):
            act("approve", dossier, user=world.specialist_a)
        dossier = act("approve", dossier, user=world.leader_a)
    assert dossier.approved_by == world.leader_a
    assert dossier.approved_at == at(3, 2, 10)
    assert dossier.status == Status.PROCESSING
    assert dossier.current_step.key == "phe_duyet"
    with clock.frozen(at(3, 2, 11)):
        dossier = act("finish", dossier, user=world.leader_a)
    assert dossier.status == Status.READY
    assert dossier.events.get(action="attach_result").data == {"file": str(stored.pk)}
    topics = set(OutboxMessage.objects.values_list("topic", flat=True))
    assert {"dossier.attach_result", "dossier.approve"} <= topics
    assert AuditEntry.objects.filter(action="dossier.approve").exists()
    assert verify_chain().ok


def test_a_result_without_a_file_and_a_new_result_clears_the_approval(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        dossier = act("attach_result", dossier, user=world.leader_a, note="Kết quả")
        assert dossier.result_file is None
        dossier = act("forward", dossier, user=world.specialist_a)
        dossier = act("approve", dossier, user=world.leader_a)
        dossier = act("return_back", dossier, user=world.leader_a, reason="Sửa kết quả")
        dossier = act("attach_result", dossier, user=world.specialist_a, note="Kết quả đã sửa")
    assert dossier.approved_by is None
    assert dossier.approved_at is None


def test_result_refusals(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        with pytest.raises(Conflict):
            act("attach_result", dossier, user=world.counter_a, note="Kết quả")  # received
        dossier = act("forward", dossier, user=world.counter_a)
        with pytest.raises(ValidationFailed):
            act("attach_result", dossier, user=world.specialist_a, note="  ")
        with pytest.raises(Forbidden):
            act("attach_result", dossier, user=world.citizen, note="Kết quả")
        with pytest.raises(NotFound):
            act("attach_result", dossier, user=world.counter_b, note="Kết quả")
        someone_elses = upload(world.counter_a)
        with pytest.raises(NotFound):
            act(
                "attach_result",
                dossier,
                user=world.specialist_a,
                note="Kết quả",
                upload=str(someone_elses.pk),
            )
        with pytest.raises(Conflict):
            act("approve", dossier, user=world.leader_a)  # xu_ly does not list approve
        dossier = act("forward", dossier, user=world.specialist_a)
        with pytest.raises(Conflict, match="chưa có kết quả"):
            act("approve", dossier, user=world.leader_a)
        with pytest.raises(Conflict):
            act("attach_result", dossier, user=world.leader_a, note="x")  # not at phe_duyet
    dossier.refresh_from_db()
    assert dossier.result_file is None
    assert dossier.approved_by is None
    assert not dossier.events.filter(action__in=["attach_result", "approve"]).exists()
