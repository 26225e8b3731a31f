import re

import pytest

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, DossierEvent, Status
from motcua.events.models import OutboxMessage
from tests.dossiers.helpers import act, applicant, at, online, walk_in
from tests.workflow.builders import procedure

pytestmark = pytest.mark.sqlite_smoke


def test_a_citizen_files_online_and_gets_a_reference_only(world):
    with clock.frozen(at(3, 2)):
        dossier = online(world)
    assert re.fullmatch(r"TMP-[A-Z2-7]{10}", dossier.reference)
    assert dossier.code is None
    assert dossier.status == Status.SUBMITTED
    assert dossier.owner == world.citizen
    assert dossier.submitted_by == world.citizen
    assert dossier.channel == "online"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.version == 1
    assert list(DossierEvent.objects.values_list("action", flat=True)) == ["submit"]
    assert OutboxMessage.objects.filter(topic="dossier.submit", key=dossier.reference).exists()
    assert AuditEntry.objects.filter(action="dossier.submit", object_id=str(dossier.pk)).exists()


def test_a_walk_in_is_received_in_the_same_transaction(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
    assert dossier.status == Status.RECEIVED
    assert dossier.code == "000.00.31.H99-260302-0001"
    assert dossier.version == 2
    assert dossier.owner is None
    assert dossier.channel == "direct"
    assert dossier.current_step.key == "tiep_nhan"
    assert dossier.current_unit == world.tree.commune_a
    assert dossier.current_handler == world.counter_a
    assert dossier.received_at == at(3, 2, 9)
    assert dossier.appointment_at == at(3, 3, 9)  # 1 working day
    assert dossier.step_due_at == at(3, 2, 10)  # the step's 1 hour
    assert dossier.process_version.process.procedure == world.birth
    topics = OutboxMessage.objects.values_list("topic", flat=True)
    assert sorted(topics) == ["dossier.receive", "dossier.submit"]


def test_codes_run_per_receiving_agency_per_day(world):
    with clock.frozen(at(3, 2, 9)):
        first, second = walk_in(world), walk_in(world)
        pending = online(world, agency=world.tree.commune_b)
        other = act("receive", pending, user=world.counter_b)
    with clock.frozen(at(3, 3, 9)):
        next_day = walk_in(world)
    assert [first.code, second.code] == ["000.00.31.H99-260302-0001", "000.00.31.H99-260302-0002"]
    assert other.code == "000.00.32.H99-260302-0001"
    assert next_day.code == "000.00.31.H99-260303-0001"


def test_the_code_date_is_the_vietnamese_date(world):
    with clock.frozen(at(3, 3, 0, 30)):  # 17:30 UTC on 2 March
        dossier = walk_in(world)
    assert dossier.code.endswith("-260303-0001")


def test_the_reference_stays_a_lookup_key_and_a_national_code_is_kept(world):
    from motcua.dossiers.selectors import dossier_by_code_or_reference

    with clock.frozen(at(3, 2)):
        dossier = online(world)
        received = act("receive", dossier, user=world.counter_a)
        national = walk_in(world, national_code="G22.99-260302-000123")
    assert dossier_by_code_or_reference(dossier.reference) == received
    assert dossier_by_code_or_reference(received.code) == received
    assert national.code == national.national_code == "G22.99-260302-000123"


def test_receipt_by_another_communes_officer_is_not_found(world):
    with clock.frozen(at(3, 2)):
        dossier = online(world)
        with pytest.raises(NotFound):
            act("receive", dossier, user=world.counter_b)


def test_receipt_by_a_specialist_is_forbidden(world):
    with clock.frozen(at(3, 2)):
        dossier = online(world)
        with pytest.raises(Forbidden):
            act("receive", dossier, user=world.specialist_a)


def test_a_stale_version_is_a_conflict_and_a_second_receipt_is_refused(world):
    with clock.frozen(at(3, 2)):
        dossier = online(world)
        services.receive(user=world.counter_a, dossier=dossier, expected_version=1)
        with pytest.raises(Conflict) as stale:
            services.receive(user=world.counter_a, dossier=dossier, expected_version=1)
        with pytest.raises(Conflict) as again:
            act("receive", dossier, user=world.counter_a)
    assert stale.value.message == "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại."
    assert "Đã tiếp nhận" in again.value.message


def test_a_citizen_cannot_receive_and_an_officer_files_only_at_their_desk(world):
    with clock.frozen(at(3, 2)), pytest.raises(Forbidden):
        online(world, receive=True)
    with clock.frozen(at(3, 2)), pytest.raises(Forbidden):
        walk_in(world, user=world.counter_b)


def test_refusal_needs_a_reason_and_ends_the_dossier(world):
    with clock.frozen(at(3, 2)):
        dossier = online(world)
        with pytest.raises(ValidationFailed) as missing:
            act("refuse", dossier, user=world.counter_a, reason=" ")
        refused = act("refuse", dossier, user=world.counter_a, reason="Không thuộc thẩm quyền")
    assert missing.value.fields == {"reason": ["Nhập lý do không tiếp nhận hồ sơ."]}
    assert refused.status == Status.NOT_RECEIVED
    assert refused.code is None
    assert refused.ended_at == at(3, 2)
    assert refused.end_action == "refuse"
    assert refused.events.last().note == "Không thuộc thẩm quyền"


def test_receipt_without_a_process_is_refused_with_the_reason(world):
    with clock.frozen(at(1, 5, 8)):
        other = procedure("1.000001", "Chứng thực bản sao")
    with clock.frozen(at(3, 2)):
        dossier = online(world, procedure=other)
        with pytest.raises(Conflict) as refused:
            act("receive", dossier, user=world.counter_a)
    assert refused.value.code == "no_process"
    assert "Chưa có quy trình nội bộ" in refused.value.message


def test_filing_checks_phone_and_postal_address(world):
    with clock.frozen(at(3, 2)):
        with pytest.raises(ValidationFailed) as phone:
            online(world, applicant=applicant(phone="12345"))
        with pytest.raises(ValidationFailed) as post:
            online(world, delivery_method=DeliveryMethod.POST)
        with pytest.raises(ValidationFailed) as name:
            online(world, applicant=applicant(name=""))
    assert "applicant_phone" in phone.value.fields
    assert "delivery_address" in post.value.fields
    assert "applicant_name" in name.value.fields


def test_a_receipt_that_rolls_back_leaves_no_gap(world, monkeypatch):
    from motcua.events import services as events

    publish = events.publish

    def failing(topic, payload, **kwargs):
        if topic == "dossier.receive":
            raise RuntimeError("the outbox is down")
        return publish(topic, payload, **kwargs)

    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        monkeypatch.setattr(events, "publish", failing)
        with pytest.raises(RuntimeError):
            act("receive", dossier, user=world.counter_a)
        monkeypatch.setattr(events, "publish", publish)
        dossier.refresh_from_db()
        assert dossier.status == Status.SUBMITTED
        assert dossier.version == 1
        received = act("receive", dossier, user=world.counter_a)
    assert received.code == "000.00.31.H99-260302-0001"
