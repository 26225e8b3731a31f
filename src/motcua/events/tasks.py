"""The Celery tasks of the outbox (used when `REDIS_URL` is set): deliver one message right after
its commit, sweep everything due (beat, every `MOTCUA_EVENTS_SWEEP_SECONDS`), run a periodic job."""

from uuid import UUID

from celery import shared_task

from motcua.events import delivery, schedule


@shared_task(ignore_result=True)
def deliver_message(message_id: str) -> int:
    return delivery.deliver_message(UUID(message_id))


@shared_task(ignore_result=True)
def sweep() -> int:
    return delivery.sweep()


@shared_task(ignore_result=True)
def run_job(name: str) -> None:
    schedule.run(name)
