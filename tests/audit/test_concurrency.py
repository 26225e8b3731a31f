"""Appends from many writers at once still make one unbroken chain: on PostgreSQL by the lock on
the chain head, on SQLite by its write lock (`BEGIN IMMEDIATE`), across processes."""

import subprocess
import threading

import pytest
from django.db import connections

from motcua.audit.models import AuditEntry, ChainHead
from motcua.audit.selectors import verify_chain
from motcua.audit.services import record
from tests.events import processes

THREADS = 20
EACH = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("head", ["migrated", "flushed"])
def test_twenty_threads_append_one_chain(head):
    if head == "flushed":
        # A database emptied since migrating (test runs flush theirs): every first append finds
        # no head at once, and exactly one chain must still come out.
        ChainHead.objects.all().delete()
    start = threading.Barrier(THREADS)
    failures = []

    def append(n: int) -> None:
        try:
            start.wait()
            for step in range(EACH):
                record(action="dossier.forward", object_id=f"thread-{n}", data={"step": step})
        except Exception as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, THREADS * EACH + 1))
    assert verify_chain().ok
    assert verify_chain().count == THREADS * EACH


def test_processes_append_one_chain_on_sqlite(tmp_path_factory, tmp_path):
    database = processes.migrated_database(tmp_path_factory, into=tmp_path / "db.sqlite3")
    env = processes.environment(database, tmp_path)
    code = (
        "from motcua.audit.services import record\n"
        f"for step in range({EACH * 2}): record(action='dossier.forward', data={{'step': step}})"
    )
    writers = [
        subprocess.Popen(
            [processes.BIN / "motcua", "shell", "-v", "0", "-c", code],
            env=env,
            cwd=processes.REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for writer in writers:
        assert writer.wait(timeout=60) == 0, writer.stderr.read()
    assert processes.motcua("audit_verify", env=env) == f"OK {EACH * 2 * 3}\n"
