"""Settings for the processes the events tests start (a Celery worker with beat, `motcua serve`,
a publisher): the project's own, plus the test consumers and timings short enough to wait for."""

import os

from motcua.config.settings import *  # noqa: F403
from motcua.config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.events.worker_app.WorkerTestsConfig"]

MOTCUA_EVENTS_LEASE_SECONDS = 2
MOTCUA_EVENTS_RETRY_BASE_SECONDS = 1
MOTCUA_EVENTS_EMBEDDED_SECONDS = 0.2
CELERY_BEAT_SCHEDULE = {
    "events.sweep": {"task": "motcua.events.tasks.sweep", "schedule": 1.0},
}
# Each test's worker listens on a queue of its own, so parallel test runs never take each
# other's tasks from the shared Redis database.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("MOTCUA_TEST_QUEUE", "celery")
