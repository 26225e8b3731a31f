"""`motcua serve` in the embedded mode: the web server, and beside it the dispatcher thread that
delivers what another process published; both stop cleanly on Ctrl-C or SIGTERM."""

import signal
import subprocess
import urllib.request

import pytest
from django.core.management import call_command

from motcua.events import dispatcher
from motcua.events.management.commands import serve
from tests.events import processes
from tests.events.worker_consumers import CONSUMER, TOPIC


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_delivers_in_process_and_stops_cleanly(shared_database, tmp_path, stop_with):
    database, env = shared_database
    port = processes.free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [processes.BIN / "motcua", "serve", "--port", str(port)],
        env=env,
        cwd=processes.REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        processes.wait_for(lambda: _healthy(port), timeout=30, what="the server")
        message_id = processes.publish(env, TOPIC)
        processes.wait_for(
            lambda: processes.query(database, "SELECT status FROM events_delivery") == [("done",)],
            timeout=30,
            what="the delivery",
        )
        server.send_signal(stop_with)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    log.seek(0)
    output = log.read()
    assert "embedded mode" in output
    assert "the outbox dispatcher stopped" in output
    receipts = processes.query(database, "SELECT consumer, message_id FROM events_receipt")
    assert receipts == [(CONSUMER, message_id.replace("-", ""))]


@pytest.fixture
def runserver(monkeypatch):
    """What `serve` would hand to runserver, and whether the dispatcher ran meanwhile."""
    calls = []

    def fake(name, address, **options):
        calls.append((name, address, options, dispatcher._running is not None))

    monkeypatch.setattr(serve, "call_command", fake)
    return calls


def test_with_redis_serve_leaves_deliveries_to_celery(settings, runserver, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    call_command("serve", "--addr", "::1", "--port", "8123")
    assert runserver == [("runserver", "[::1]:8123", {"use_reloader": False}, False)]
    assert "left to Celery" in caplog.text
