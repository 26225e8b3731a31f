"""Running `motcua` and Celery as separate processes on a database file they all share.

The suite's own test database may be SQLite in memory, which no other process can open, so the
tests that need a second process give every process a fresh SQLite file instead.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def environment(database: Path, var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        MOTCUA_VAR_DIR=str(var_dir),
        PYTHONPATH=str(REPO),
        DJANGO_SETTINGS_MODULE="tests.events.worker_settings",
        **extra,
    )
    return env


def migrated_database(tmp_path_factory, *, into: Path) -> Path:
    """A migrated database file at `into`: a copy of one `motcua migrate` makes once per test
    session (and xdist worker), in the session's temporary directory."""
    template = tmp_path_factory.getbasetemp() / "migrated.sqlite3"
    if not template.exists():
        env = environment(template, template.parent)
        subprocess.run([BIN / "motcua", "migrate", "-v", "0"], env=env, cwd=REPO, check=True)
    shutil.copyfile(template, into)
    return into


def motcua(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [BIN / "motcua", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def publish(env: dict[str, str], topic: str) -> str:
    """Publish from a process of its own; returns the message id."""
    code = (
        "from motcua.events.services import publish; "
        f"print(publish({topic!r}, {{'from': 'test'}}).id)"
    )
    return motcua("shell", "-v", "0", "-c", code, env=env).strip().splitlines()[-1]


def query(database: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(database, timeout=20) as connection:
        return connection.execute(sql, params).fetchall()


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {timeout} s")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
