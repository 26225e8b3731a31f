"""Publishing: rows written in the caller's transaction, delivery started only after it commits."""

import math
from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest
from django.db import transaction

from motcua.events import dispatcher, registry, tasks
from motcua.events.delivery import sweep
from motcua.events.models import Delivery, DeliveryStatus, OutboxMessage
from motcua.events.services import publish


class Calls:
    """A consumer that remembers what it was given."""

    def __init__(self):
        self.messages: list[registry.Message] = []

    def __call__(self, message):
        self.messages.append(message)


@pytest.fixture
def kicks(monkeypatch):
    started = []
    monkeypatch.setattr(dispatcher, "kick", lambda *, message_id: started.append(message_id))
    return started


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_publish_delivers_nothing(kicks):
    calls = Calls()
    registry.register("dossier.received", name="tests.a", handler=calls)

    def receive_then_fail():
        with transaction.atomic():
            publish("dossier.received", {"code": "H33.01-250303-0001"})
            raise Rollback

    with pytest.raises(Rollback):
        receive_then_fail()
    assert not OutboxMessage.objects.exists()
    assert not Delivery.objects.exists()
    assert sweep() == 0
    assert calls.messages == []
    assert kicks == []


@pytest.mark.django_db(transaction=True)
def test_each_consumer_of_the_topic_gets_the_message_once(kicks, frozen):
    first, second, other = Calls(), Calls(), Calls()
    registry.register("dossier.received", name="tests.first", handler=first)
    registry.register("dossier.received", name="tests.second", handler=second)
    registry.register("dossier.returned", name="tests.other", handler=other)
    with transaction.atomic():
        message = publish("dossier.received", {"code": "X-1", "fees": [1, 2]}, key="X-1")
        assert kicks == []
    assert kicks == [message.id]
    assert sorted(Delivery.objects.values_list("consumer", "status", "attempts")) == [
        ("tests.first", "pending", 0),
        ("tests.second", "pending", 0),
    ]
    assert sweep() == 2
    assert sweep() == 0
    for calls in (first, second):
        assert len(calls.messages) == 1
        received = calls.messages[0]
        assert received.id == message.id
        assert received.topic == "dossier.received"
        assert received.payload == {"code": "X-1", "fees": [1, 2]}
        assert received.created_at == frozen.now()
    assert other.messages == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DONE}
    assert OutboxMessage.objects.get().key == "X-1"


@pytest.mark.django_db(transaction=True)
def test_a_consumer_cannot_change_what_another_receives(kicks):
    seen = []

    def meddle(message):
        message.payload["code"] = "changed"
        with pytest.raises(FrozenInstanceError):
            message.topic = "other.topic"

    registry.register("dossier.received", name="tests.meddler", handler=meddle)
    registry.register("dossier.received", name="tests.reader", handler=seen.append)
    publish("dossier.received", {"code": "X-1"})
    sweep()
    assert seen[0].payload == {"code": "X-1"}
    assert OutboxMessage.objects.get().payload == {"code": "X-1"}


@pytest.mark.django_db
def test_a_topic_without_consumers_is_recorded_without_deliveries(kicks):
    publish("agency.updated", {"code": "000.00.00.H33"})
    assert OutboxMessage.objects.get().topic == "agency.updated"
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_tuples_are_stored_as_the_lists_consumers_will_read(kicks):
    message = publish("dossier.received", {"steps": (1, 2)})
    message.refresh_from_db()
    assert message.payload == {"steps": [1, 2]}


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"at": datetime(2025, 1, 1)}, TypeError),
        ({"ratio": math.nan}, TypeError),
        (["not", "a", "mapping"], TypeError),
        ({1j: "complex key"}, TypeError),
    ],
)
def test_a_payload_must_be_a_json_object(payload, error):
    with pytest.raises(error):
        publish("dossier.received", payload)


@pytest.mark.parametrize("topic", ["", "Dossier.Received", "received", "dossier received"])
def test_a_topic_is_a_dotted_machine_name(topic):
    with pytest.raises(ValueError, match="topic"):
        publish(topic, {})


@pytest.mark.django_db
def test_with_redis_the_commit_hands_the_message_to_celery(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    sent = []
    monkeypatch.setattr(tasks.deliver_message, "delay", sent.append)
    registry.register("dossier.received", name="tests.a", handler=Calls())
    with django_capture_on_commit_callbacks(execute=True):
        message = publish("dossier.received", {})
        assert sent == []
    assert sent == [str(message.id)]


@pytest.mark.django_db
def test_a_broker_that_is_down_does_not_fail_the_publisher(
    settings, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"

    def refuse(message_id):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.deliver_message, "delay", refuse)
    registry.register("dossier.received", name="tests.a", handler=Calls())
    with django_capture_on_commit_callbacks(execute=True):
        publish("dossier.received", {})
    assert "Redis is down" in caplog.text
    assert Delivery.objects.get().status == DeliveryStatus.PENDING


@pytest.mark.django_db
def test_without_redis_the_commit_only_wakes_the_dispatcher(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls, woken = Calls(), []
    monkeypatch.setattr(dispatcher, "wake", lambda: woken.append(True))
    registry.register("dossier.received", name="tests.a", handler=calls)
    with django_capture_on_commit_callbacks(execute=True):
        publish("dossier.received", {})
    assert woken == [True]
    assert calls.messages == []
