"""Fixtures for the outbox tests: an empty consumer and job registry per test, the embedded
mode, a frozen clock, and the database file shared with other processes."""

from datetime import datetime

import pytest

from motcua.core import clock
from motcua.events import registry, schedule
from tests.events import processes

START = datetime(2025, 3, 3, 9, 0, tzinfo=clock.VN_TZ)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, settings):
    """Each test registers its own consumers and jobs, and runs in the embedded mode unless it
    says otherwise."""
    monkeypatch.setattr(registry, "_consumers", {})
    monkeypatch.setattr(schedule, "_jobs", {})
    settings.REDIS_URL = ""


@pytest.fixture
def frozen():
    with clock.frozen(START):
        yield clock


@pytest.fixture
def shared_database(tmp_path_factory, tmp_path):
    """A migrated SQLite file for this test, and the environment of processes that use it."""
    database = processes.migrated_database(tmp_path_factory, into=tmp_path / "db.sqlite3")
    return database, processes.environment(database, tmp_path)
