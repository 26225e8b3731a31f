"""Starting delivery after a commit, and the embedded dispatcher thread.

With Redis (`REDIS_URL` set), `kick()` sends the Celery task `deliver_message`, and Celery beat
runs the sweep and the periodic jobs. Without it (the embedded default), `kick()` only wakes the
dispatcher thread that `motcua serve` starts beside the web server: the consumer never runs in
the thread that published. The thread also sweeps every few seconds and runs the periodic jobs
(`events.schedule`), one after the other. In a process without the thread (a management
command), a kick does nothing and the next sweep of the running server delivers.
"""

import logging
import threading
import time
from uuid import UUID

from django.conf import settings
from django.db import close_old_connections, connections

from motcua.events import delivery, schedule, tasks

logger = logging.getLogger(__name__)


def uses_celery() -> bool:
    return bool(settings.REDIS_URL)


def kick(*, message_id: UUID) -> None:
    """Start delivering a committed message, without running any consumer here."""
    if uses_celery():
        tasks.deliver_message.delay(str(message_id))
    else:
        wake()


class Dispatcher:
    """The embedded runner: sweeps when woken and at least every `interval` seconds."""

    def __init__(self, *, interval: float) -> None:
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="motcua-dispatcher", daemon=True)
        self._timetable = schedule.Timetable(started=time.monotonic())

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, *, timeout: float) -> bool:
        """Ask the thread to finish its current delivery and end; False if it is still busy."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._cycle()
                self._wake.wait(self.interval)
                self._wake.clear()
        finally:
            connections.close_all()

    def _cycle(self) -> None:
        try:
            delivery.sweep()
            for job in self._timetable.due(now=time.monotonic()):
                if self._stop.is_set():
                    return
                self._timetable.ran(job, now=time.monotonic())
                try:
                    job.func()
                except Exception:
                    logger.exception("periodic job %s failed", job.name)
        except Exception:
            # The database may be briefly unreachable; the next cycle tries again.
            logger.exception("the event dispatcher's sweep failed")
        finally:
            close_old_connections()


_lock = threading.Lock()
_running: Dispatcher | None = None


def start_embedded(*, interval: float | None = None) -> Dispatcher:
    """Start this process's dispatcher thread (one per process)."""
    global _running
    with _lock:
        if _running is not None:
            raise RuntimeError("the embedded event dispatcher is already running")
        _running = Dispatcher(
            interval=interval if interval is not None else settings.MOTCUA_EVENTS_EMBEDDED_SECONDS
        )
        _running.start()
        return _running


def stop_embedded(*, timeout: float = 10.0) -> bool:
    global _running
    with _lock:
        running, _running = _running, None
    return running.stop(timeout=timeout) if running is not None else True


def wake() -> None:
    running = _running
    if running is not None:
        running.wake()
