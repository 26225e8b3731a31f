"""A real Celery worker (with beat) on Redis delivers what a commit hands it, and a worker killed
mid-delivery leaves the message to the sweep of the next one: delivered, and handled once."""

import json
import os
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
import redis

from tests.conftest import REDIS_URL
from tests.events import processes
from tests.events.worker_consumers import CONSUMER, TOPIC

pytestmark = pytest.mark.redis


class Worker:
    """`celery worker -B` in a process group of its own, so a kill takes its beat along."""

    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        queue = self.env["MOTCUA_TEST_QUEUE"]
        self.process = subprocess.Popen(
            [
                processes.BIN / "celery",
                "-A",
                "motcua.config.celery",
                "worker",
                "-B",
                "--pool=solo",
                "--queues",
                queue,
                "--hostname",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            env=self.env,
            cwd=processes.REPO,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, how: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, how)
            self.process.wait(timeout=30)


@pytest.fixture
def worker(shared_database, tmp_path):
    database, env = shared_database
    env.update(
        REDIS_URL=REDIS_URL,
        MOTCUA_TEST_QUEUE=f"motcua-test-{uuid.uuid4().hex}",
        MOTCUA_TEST_HOLD=str(tmp_path / "hold"),
    )
    running = Worker(env, tmp_path / "worker.log")
    yield running, database, env
    running.kill(signal.SIGTERM)
    _forget(env["MOTCUA_TEST_QUEUE"])


def _forget(queue: str) -> None:
    """Leave the shared Redis database as it was: this test's queue, its bindings, and the
    messages a killed worker had taken but not acknowledged (entries [message, exchange, queue])."""
    with redis.Redis.from_url(REDIS_URL) as broker:
        for tag, entry in broker.hgetall("unacked").items():
            if json.loads(entry)[-1] == queue:
                broker.hdel("unacked", tag)
                broker.zrem("unacked_index", tag)
        broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def _delivery(database: Path) -> list[tuple]:
    return processes.query(database, "SELECT status, attempts, last_error FROM events_delivery")


def _receipts(database: Path) -> list[tuple]:
    return processes.query(database, "SELECT consumer, message_id FROM events_receipt")


def test_a_worker_delivers_a_published_message(worker):
    running, database, env = worker
    running.start()
    message_id = processes.publish(env, TOPIC)
    processes.wait_for(
        lambda: [row[0] for row in _delivery(database)] == ["done"],
        timeout=60,
        what=f"the worker to deliver (log: {running.log})",
    )
    assert _delivery(database) == [("done", 1, "")]
    assert _receipts(database) == [(CONSUMER, uuid.UUID(message_id).hex)]


def test_a_worker_killed_mid_delivery_is_made_good_by_the_next(worker):
    running, database, env = worker
    hold = Path(env["MOTCUA_TEST_HOLD"])
    hold.touch()
    running.start()
    message_id = processes.publish(env, TOPIC)
    processes.wait_for(
        Path(f"{hold}.started").exists, timeout=60, what=f"the consumer (log: {running.log})"
    )
    running.kill()
    hold.unlink()
    assert [row[:2] for row in _delivery(database)] == [("pending", 1)]
    running.start()
    processes.wait_for(
        lambda: [row[0] for row in _delivery(database)] == ["done"],
        timeout=60,
        what=f"the sweep to deliver again (log: {running.log})",
    )
    [(_status, attempts, last_error)] = _delivery(database)
    assert attempts == 2
    assert "dừng giữa chừng" in last_error
    assert _receipts(database) == [(CONSUMER, uuid.UUID(message_id).hex)]
