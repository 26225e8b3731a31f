"""A Celery worker on Redis killed while the SMS gateway holds its request — after the gateway
took the message, before the worker could record it as sent — leaves the message to the sweep of
the next worker, which sends it again with the same idempotency key: the gateway (the simulator,
served by `motcua serve` in a process of its own) keeps it once, and the message is sent."""

import signal
import subprocess
import urllib.request
import uuid

import pytest

from tests.conftest import REDIS_URL
from tests.events import processes
from tests.events.test_worker import Worker, _forget

pytestmark = pytest.mark.redis

PHONE = "0912345678"


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture
def gateway_and_worker(tmp_path_factory, tmp_path):
    database = processes.migrated_database(tmp_path_factory, into=tmp_path / "db.sqlite3")
    port = processes.free_port()
    env = processes.environment(database, tmp_path)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.notifications.worker_settings",
        REDIS_URL=REDIS_URL,
        MOTCUA_TEST_QUEUE=f"motcua-test-{uuid.uuid4().hex}",
        MOTCUA_PUBLIC_URL=f"http://127.0.0.1:{port}",
        MOTCUA_NOTIFY_SIMULATORS="true",
    )
    server = subprocess.Popen(
        [processes.BIN / "motcua", "serve", "--port", str(port)],
        env=env,
        cwd=processes.REPO,
        stdout=(tmp_path / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    worker = Worker(env, tmp_path / "worker.log")
    try:
        processes.wait_for(lambda: _healthy(port), timeout=60, what="the simulators' server")
        yield worker, database, env
    finally:
        worker.kill(signal.SIGTERM)
        server.terminate()
        server.wait(timeout=30)
        _forget(env["MOTCUA_TEST_QUEUE"])


def _queue_sms(env) -> None:
    """Queue an SMS from a process of its own and hand it to Celery, as the outbox consumer
    does after its commit."""
    code = (
        "import uuid; from motcua.core import clock; "
        "from motcua.notifications import sending; "
        "from motcua.notifications.models import Message; "
        "now = clock.now(); "
        f"m = Message.objects.create(channel='sms', kind='dossier.finish', recipient={PHONE!r}, "
        "body='Ho so H01 da co ket qua.', idempotency_key=uuid.uuid4().hex, "
        "next_attempt_at=now, created_at=now); "
        "sending.start([m.pk])"
    )
    processes.motcua("shell", "-v", "0", "-c", code, env=env)


def _received(database) -> list[tuple]:
    return processes.query(
        database, "SELECT recipient, duplicates FROM notifications_simulatedmessage"
    )


def _message(database) -> list[tuple]:
    return processes.query(
        database, "SELECT status, attempts, last_error FROM notifications_message"
    )


def test_a_worker_killed_mid_delivery_leaves_one_message_at_the_gateway(gateway_and_worker):
    worker, database, env = gateway_and_worker
    # The gateway takes the first request's message, then holds the answer back.
    processes.query(
        database,
        "INSERT INTO notifications_simulatedfault (channel, recipient, kind, seconds, remaining) "
        "VALUES ('sms', ?, 'slow', 60, 1)",
        PHONE,
    )
    worker.start()
    _queue_sms(env)
    processes.wait_for(
        lambda: _received(database) == [(PHONE, 0)],
        timeout=60,
        what=f"the gateway to take the message (log: {worker.log})",
    )
    worker.kill()
    assert [row[:2] for row in _message(database)] == [("queued", 1)]
    worker.start()
    processes.wait_for(
        lambda: [row[0] for row in _message(database)] == ["sent"],
        timeout=60,
        what=f"the sweep to send again (log: {worker.log})",
    )
    [(_status, attempts, last_error)] = _message(database)
    assert attempts == 2
    assert "dừng giữa chừng" in last_error
    # Sent twice, kept once: the second request was recognised by its idempotency key.
    assert _received(database) == [(PHONE, 1)]
