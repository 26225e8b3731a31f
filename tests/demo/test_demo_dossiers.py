"""The demo's dossiers: every status the engine has, filed through the services in the weeks
before today, judged early / on time / late, with an apology, an overdue one, cross-commune
ones on paper hand-over lists, transfers, consultations, a substitute and register numbers; the
audit chain stays whole."""

from datetime import timedelta

import pytest

from motcua.audit.selectors import verify_chain
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent, RegisterEntry
from motcua.dossiers.selectors import judgement, overdue_now

# Our own copy of the statuses the demo must show (not imported from src/).
STATUSES = {
    "submitted",
    "not_received",
    "received",
    "processing",
    "awaiting_supplement",
    "awaiting_payment",
    "withdrawal_requested",
    "withdrawn",
    "stopped",
    "ready",
    "returned",
}
AN_HOA, TAN_PHU, POLICE = "000.00.31.H99", "000.00.34.H99", "000.00.20.H99"

pytestmark = [pytest.mark.sqlite_smoke, pytest.mark.django_db]


def test_every_status_is_there_at_both_communes(demo_province):
    dossiers = Dossier.objects.all()
    assert set(dossiers.values_list("status", flat=True)) == STATUSES
    assert set(dossiers.values_list("procedure_version__procedure__code", flat=True)) == {
        "1.001193"
    }
    assert set(dossiers.values_list("receiving_agency__code", flat=True)) == {AN_HOA, TAN_PHU}


def test_everything_happened_in_the_weeks_before_today(demo_province):
    today = clock.today()
    moments = list(DossierEvent.objects.values_list("at", flat=True))
    assert moments
    for moment in moments:
        local = moment.astimezone(clock.VN_TZ)
        assert today - timedelta(weeks=5) <= local.date() < today


def test_returned_dossiers_are_early_on_time_and_late(demo_province):
    returned = Dossier.objects.filter(status="returned")
    assert {judgement(dossier) for dossier in returned} >= {"early", "on_time", "late"}
    late = [dossier for dossier in returned if judgement(dossier) == "late"]
    assert any(dossier.finished_at > dossier.appointment_at for dossier in late)


def test_supplemented_dossier_is_processing_again_and_one_still_waits(demo_province):
    supplied = Dossier.objects.filter(
        supplement_requests=1, status="processing", clock_stopped_at__isnull=True
    )
    assert supplied.filter(events__action="supply").exists()
    waiting = Dossier.objects.get(status="awaiting_supplement")
    assert waiting.clock_stopped_at is not None


def test_an_apology_with_a_new_date(demo_province):
    apologised = Dossier.objects.get(new_appointment_at__isnull=False)
    assert apologised.new_appointment_at > apologised.appointment_at
    assert apologised.new_appointment_at > clock.now()  # the new date is still ahead
    assert apologised.status == "processing"
    assert apologised.apology_reason
    assert apologised.events.filter(action="apologize").exists()


def test_a_dossier_is_overdue_now(demo_province):
    overdue = overdue_now()
    assert overdue.filter(status="processing", step_due_at__lt=clock.now()).exists()


def test_filed_at_one_communes_desk_for_another_travels_on_paper(demo_province):
    crossed = Dossier.objects.filter(receiving_agency__code=AN_HOA, competent_agency__code=TAN_PHU)
    done = crossed.get(status="returned")
    assert TAN_PHU in set(done.step_records.values_list("unit__code", flat=True))
    handed = done.step_records.get(unit__code=TAN_PHU, step__key="xu_ly")
    assert handed.batch.accepted_at is not None
    assert handed.given_at < handed.received_at == handed.batch.accepted_at
    # One is still on the open list: its step's clock has not started.
    waiting = crossed.get(status="processing")
    pending = waiting.step_records.get(ended_at__isnull=True)
    assert pending.batch.accepted_at is None
    assert pending.received_at is None
    assert waiting.step_due_at is None


def test_transfers_to_the_police_one_open_one_returned(demo_province):
    open_now = Dossier.objects.get(transferred_to__code=POLICE)
    assert open_now.current_unit.code == POLICE
    returned = Dossier.objects.get(transfers__returned_at__isnull=False)
    assert returned.status == "returned"
    assert returned.events.filter(action="transfer_back", actor__username="cv.congan").exists()


def test_consultations_one_answered_one_awaited(demo_province):
    awaited = Dossier.objects.get(open_consultations=1)
    assert awaited.consultations.get().unit.code == TAN_PHU
    answered = Dossier.objects.filter(consultations__answered_at__isnull=False).get()
    assert answered.open_consultations == 0
    assert answered.current_step.key == "phe_duyet"


def test_a_substitute_acted_for_the_absent_specialist(demo_province):
    event = DossierEvent.objects.filter(acting_for__username="cv.anhoa").first()
    assert event is not None
    assert event.actor.username == "motcua.anhoa"


def test_approved_births_are_numbered_in_each_communes_register(demo_province):
    for code in (AN_HOA, TAN_PHU):
        entries = RegisterEntry.objects.filter(register__agency__code=code)
        numbers = sorted(entries.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) >= 3


def test_citizens_own_the_online_dossiers(demo_province):
    online = Dossier.objects.filter(channel="online")
    assert online.exists()
    assert set(online.values_list("owner__username", flat=True)) == {
        "099190001234",
        "099085004321",
    }
    assert Dossier.objects.filter(status="submitted", channel="online").exists()


def test_the_audit_chain_verifies_after_seeding(demo_province):
    assert verify_chain().ok
