"""Delivery: retries with back-off, parking, leases, and what is never run twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connections, transaction

from motcua.events import dispatcher, registry
from motcua.events.delivery import Outcome, deliver, sweep
from motcua.events.models import Delivery, DeliveryStatus, Receipt
from motcua.events.services import first_receipt, publish, retry_parked

pytestmark = pytest.mark.django_db(transaction=True)

# This test's own copy of the retry rule: base 30 s doubling, capped (here at 600 s).
WAITS = [30, 60, 120, 240, 480, 600, 600]


@pytest.fixture(autouse=True)
def _no_kicks(monkeypatch):
    monkeypatch.setattr(dispatcher, "kick", lambda *, message_id: None)


class Failing:
    def __init__(self):
        self.calls = 0

    def __call__(self, message):
        self.calls += 1
        raise ConnectionError(f"SMS gateway down (call {self.calls})")


class Gateway:
    """A consumer whose outside service can be down."""

    def __init__(self, *, up: bool):
        self.up = up
        self.sent = []

    def __call__(self, message):
        if not self.up:
            raise ConnectionError("gateway down")
        self.sent.append(message.id)


class WorkerDied(BaseException):
    """Stands for a worker killed mid-delivery: nothing after the handler runs."""


def test_a_failing_consumer_is_retried_with_back_off_then_parked(frozen, settings):
    settings.MOTCUA_EVENTS_RETRY_MAX_SECONDS = 600
    failing = Failing()
    registry.register("dossier.received", name="tests.failing", handler=failing)
    publish("dossier.received", {})
    assert sweep() == 1
    for attempt, wait in enumerate(WAITS, start=1):
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, attempt)
        assert delivery.next_attempt_at == frozen.now() + timedelta(seconds=wait)
        assert f"SMS gateway down (call {attempt})" in delivery.last_error
        assert delivery.locked_until is None
        frozen.advance(timedelta(seconds=wait - 1))
        assert sweep() == 0
        frozen.advance(timedelta(seconds=1))
        assert sweep() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, failing.calls) == ("parked", 8, 8)
    frozen.advance(timedelta(days=30))
    assert sweep() == 0
    assert failing.calls == 8


def test_a_parked_delivery_is_retried_when_an_administrator_asks(frozen, settings):
    settings.MOTCUA_EVENTS_MAX_ATTEMPTS = 1
    gateway = Gateway(up=False)
    handled = []
    registry.register("dossier.received", name="tests.gateway", handler=gateway)
    registry.register("dossier.returned", name="tests.fine", handler=handled.append)
    publish("dossier.received", {})
    publish("dossier.returned", {})
    sweep()
    assert Delivery.objects.get(consumer="tests.gateway").status == DeliveryStatus.PARKED
    gateway.up = True
    assert retry_parked(deliveries=Delivery.objects.all()) == 1
    parked = Delivery.objects.get(consumer="tests.gateway")
    assert (parked.status, parked.attempts, parked.next_attempt_at) == ("pending", 0, frozen.now())
    assert Delivery.objects.get(consumer="tests.fine").status == DeliveryStatus.DONE
    assert sweep() == 1
    assert (len(gateway.sent), len(handled)) == (1, 1)


def test_a_delivery_already_done_is_not_run_again(frozen):
    handled = []
    registry.register("dossier.received", name="tests.once", handler=handled.append)
    publish("dossier.received", {})
    delivery = Delivery.objects.get()
    assert deliver(delivery.pk) == Outcome.DONE
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.delivered_at) == ("done", 1, frozen.now())
    frozen.advance(timedelta(days=1))
    assert deliver(delivery.pk) == Outcome.SKIPPED
    assert sweep() == 0
    assert len(handled) == 1


def test_an_expired_lease_is_claimed_again(frozen, settings):
    settings.MOTCUA_EVENTS_LEASE_SECONDS = 300
    runs = []

    def dies_the_first_time(message):
        runs.append(message.id)
        if len(runs) == 1:
            raise WorkerDied

    registry.register("dossier.received", name="tests.crashy", handler=dies_the_first_time)
    publish("dossier.received", {})
    with pytest.raises(WorkerDied):
        sweep()
    delivery = Delivery.objects.get()
    assert delivery.locked_until == frozen.now() + timedelta(seconds=300)
    frozen.advance(timedelta(seconds=299))
    assert sweep() == 0
    frozen.advance(timedelta(seconds=1))
    assert sweep() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(runs)) == ("done", 2, 2)
    assert "dừng giữa chừng" in delivery.last_error


def test_a_worker_dying_in_the_last_attempt_parks_the_delivery(frozen, settings):
    settings.MOTCUA_EVENTS_MAX_ATTEMPTS = 1

    def dies(message):
        raise WorkerDied

    registry.register("dossier.received", name="tests.dies", handler=dies)
    publish("dossier.received", {})
    with pytest.raises(WorkerDied):
        sweep()
    frozen.advance(timedelta(seconds=settings.MOTCUA_EVENTS_LEASE_SECONDS))
    assert sweep() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("parked", 1)


def test_a_consumer_no_longer_registered_is_an_error_to_retry(frozen):
    registry.register("dossier.received", name="tests.gone", handler=lambda message: None)
    publish("dossier.received", {})
    registry._consumers.clear()
    assert sweep() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "no event consumer named 'tests.gone'" in delivery.last_error


def test_consumers_never_run_inside_a_transaction():
    registry.register("dossier.received", name="tests.a", handler=lambda message: None)
    publish("dossier.received", {})
    with transaction.atomic(), pytest.raises(RuntimeError, match="outside any transaction"):
        sweep()
    assert Delivery.objects.get().attempts == 0


@pytest.mark.postgres
def test_two_workers_claiming_at_once_run_the_consumer_once():
    entered, release = threading.Event(), threading.Event()
    runs = []

    def slow(message):
        runs.append(threading.get_ident())
        entered.set()
        release.wait(10)

    registry.register("dossier.received", name="tests.slow", handler=slow)
    publish("dossier.received", {})
    delivery_id = Delivery.objects.get().pk
    outcomes = []

    def worker():
        outcomes.append(deliver(delivery_id))
        connections.close_all()

    first = threading.Thread(target=worker)
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=worker)
    second.start()
    second.join(10)
    release.set()
    first.join(10)
    assert sorted(outcomes) == [Outcome.DONE, Outcome.SKIPPED]
    assert len(runs) == 1


def test_receipts_make_a_consumer_idempotent():
    effects = []

    def record(message):
        with transaction.atomic():
            if first_receipt(consumer="tests.receipts", message=message):
                effects.append(message.id)

    registry.register("dossier.received", name="tests.receipts", handler=record)
    message = publish("dossier.received", {})
    sweep()
    delivered = registry.Message(
        id=message.id, topic=message.topic, payload={}, created_at=message.created_at
    )
    record(delivered)
    assert effects == [message.id]
    assert Receipt.objects.get().message_id == message.id


def test_a_receipt_needs_the_consumers_transaction():
    message = publish("dossier.received", {})
    delivered = registry.Message(
        id=message.id, topic=message.topic, payload={}, created_at=message.created_at
    )
    with pytest.raises(RuntimeError, match="transaction"):
        first_receipt(consumer="tests.receipts", message=delivered)

    def receive_then_fail():
        with transaction.atomic():
            assert first_receipt(consumer="tests.receipts", message=delivered)
            raise ConnectionError("the consumer's own change failed")

    with pytest.raises(ConnectionError):
        receive_then_fail()
    assert not Receipt.objects.exists()
