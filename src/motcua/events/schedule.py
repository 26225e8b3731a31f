"""Periodic jobs: `every(seconds, name)` registers one, for whichever runner the installation has.

With Redis, Celery beat runs each job as the task `run_job(name)` (`events.beat` feeds the
registered jobs to django-celery-beat's scheduler); in the embedded mode the dispatcher thread
runs them itself. Apps register their jobs in `AppConfig.ready()`::

    @every(3600, "dossiers.flag_overdue")
    def flag_overdue() -> None: ...

A job may run twice or be skipped once around a restart, so it must be safe to repeat.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

Job = Callable[[], None]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    seconds: float
    func: Job


_jobs: dict[str, PeriodicJob] = {}


def every(seconds: float, name: str) -> Callable[[Job], Job]:
    """Run the decorated function every `seconds`; the first run comes one interval after the
    runner starts. Registering the same function again is harmless; another one under a taken
    name is refused."""
    if seconds <= 0 or not name:
        raise ImproperlyConfigured("a periodic job needs a name and a positive interval")

    def decorate(func: Job) -> Job:
        wanted = PeriodicJob(name=name, seconds=float(seconds), func=func)
        registered = _jobs.get(name)
        if registered is not None and registered != wanted:
            raise ImproperlyConfigured(f"a periodic job named {name!r} is already registered")
        _jobs[name] = wanted
        return func

    return decorate


def jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def run(name: str) -> None:
    try:
        job = _jobs[name]
    except KeyError:
        raise LookupError(f"no periodic job named {name!r} is registered") from None
    job.func()


def beat_entries() -> dict[str, dict]:
    """The registered jobs as Celery beat schedule entries."""
    return {
        job.name: {
            "task": "motcua.events.tasks.run_job",
            "schedule": job.seconds,
            "args": (job.name,),
        }
        for job in _jobs.values()
    }


class Timetable:
    """When each job last ran in this process (the embedded runner), on a monotonic clock."""

    def __init__(self, *, started: float) -> None:
        self._started = started
        self._last_run: dict[str, float] = {}

    def due(self, *, now: float) -> list[PeriodicJob]:
        return [
            job
            for job in _jobs.values()
            if now - self._last_run.get(job.name, self._started) >= job.seconds
        ]

    def ran(self, job: PeriodicJob, *, now: float) -> None:
        self._last_run[job.name] = now
