"""Settings for the processes the notifications worker test starts (a Celery worker with beat,
`motcua serve` holding the simulators): the events tests' ones, with the notifications' timings
short enough to wait for."""

from tests.events.worker_settings import *  # noqa: F403

MOTCUA_NOTIFY_LEASE_SECONDS = 2
MOTCUA_NOTIFY_SWEEP_SECONDS = 1.0
MOTCUA_NOTIFY_RETRY_BASE_SECONDS = 1
