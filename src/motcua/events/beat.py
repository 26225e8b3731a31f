"""The Celery beat scheduler (`CELERY_BEAT_SCHEDULER`): django-celery-beat's, which keeps the
schedule in the database for administrators, fed also with the jobs of `events.schedule`.

Those jobs are registered in `AppConfig.ready()`, after the settings' `CELERY_BEAT_SCHEDULE` was
read, so they are added here, when beat starts and every app is ready.
"""

from django_celery_beat import schedulers

from motcua.events import schedule


class DatabaseScheduler(schedulers.DatabaseScheduler):
    def setup_schedule(self) -> None:
        super().setup_schedule()
        self.update_from_dict(schedule.beat_entries())
