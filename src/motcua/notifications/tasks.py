"""The Celery task of notifications (used when `REDIS_URL` is set): send one message right after
the commit that queued it. The sweep runs as the periodic job `notifications.sweep`."""

from celery import shared_task

from motcua.notifications import sending


@shared_task(ignore_result=True)
def send_message(message_id: int) -> str:
    return sending.send(message_id)
