"""The embedded dispatcher thread, the periodic-job registry and the Celery beat schedule."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_celery_beat.models import PeriodicTask

from motcua.config.celery import app as celery_app
from motcua.events import dispatcher, registry, schedule
from motcua.events.beat import DatabaseScheduler
from motcua.events.models import Delivery
from motcua.events.services import publish


@pytest.fixture
def embedded():
    def start(interval: float):
        return dispatcher.start_embedded(interval=interval)

    yield start
    assert dispatcher.stop_embedded(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_the_thread_delivers_what_a_commit_wakes_it_for(embedded):
    done = threading.Event()
    handled_in = []

    def handler(message):
        handled_in.append(threading.get_ident())
        done.set()

    registry.register("dossier.received", name="tests.threaded", handler=handler)
    # A sweep only every minute: a delivery within seconds comes from the wake-up.
    embedded(60)
    with transaction.atomic():
        publish("dossier.received", {"code": "X-1"})
    assert done.wait(10)
    [handler_thread] = handled_in
    assert handler_thread != threading.get_ident()
    assert dispatcher.stop_embedded(timeout=10)
    assert Delivery.objects.get().status == "done"


@pytest.mark.django_db(transaction=True)
def test_the_thread_sweeps_what_was_left_behind(embedded):
    done = threading.Event()
    registry.register("dossier.received", name="tests.late", handler=lambda message: done.set())
    publish("dossier.received", {})
    embedded(60)
    assert done.wait(10)


def test_the_thread_runs_periodic_jobs_and_survives_a_failing_one(embedded, monkeypatch):
    monkeypatch.setattr("motcua.events.delivery.sweep", lambda: 0)
    ran = threading.Event()

    @schedule.every(0.05, "tests.broken")
    def broken():
        raise ValueError("job failed")

    runs = []

    @schedule.every(0.05, "tests.counter")
    def counter():
        runs.append(1)
        if len(runs) >= 3:
            ran.set()

    embedded(0.02)
    assert ran.wait(10)


def test_a_kick_without_a_running_dispatcher_does_nothing():
    dispatcher.wake()
    assert dispatcher.stop_embedded() is True


def test_one_dispatcher_per_process(embedded):
    embedded(60)
    with pytest.raises(RuntimeError, match="already running"):
        dispatcher.start_embedded(interval=60)


def test_a_job_is_due_one_interval_after_the_start_and_after_each_run():
    @schedule.every(30, "tests.half_minute")
    def job():
        pass

    timetable = schedule.Timetable(started=100.0)
    assert timetable.due(now=129.9) == []
    [due] = timetable.due(now=130.0)
    assert due.name == "tests.half_minute"
    timetable.ran(due, now=131.0)
    assert timetable.due(now=160.0) == []
    assert timetable.due(now=161.0) == [due]


def test_names_are_unique_in_both_registries():
    def handler(message):
        pass

    registry.register("dossier.received", name="tests.same", handler=handler)
    registry.register("dossier.received", name="tests.same", handler=handler)
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        registry.register("dossier.returned", name="tests.same", handler=handler)
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        registry.consumer("dossier.received", "tests.same")(lambda message: None)
    schedule.every(60, "tests.job")(handler)
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        schedule.every(60, "tests.job")(lambda: None)
    with pytest.raises(LookupError):
        schedule.run("tests.unknown")


# The scheduler closes old connections as it works, which a test transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_beat_runs_the_sweep_and_the_registered_jobs():
    @schedule.every(3600, "tests.hourly")
    def hourly():
        pass

    DatabaseScheduler(app=celery_app)
    sweep = PeriodicTask.objects.get(name="events.sweep")
    assert sweep.task == "motcua.events.tasks.sweep"
    assert (sweep.interval.every, sweep.interval.period) == (30, "seconds")
    job = PeriodicTask.objects.get(name="tests.hourly")
    assert job.task == "motcua.events.tasks.run_job"
    assert job.args == '["tests.hourly"]'
    assert (job.interval.every, job.interval.period) == (3600, "seconds")
