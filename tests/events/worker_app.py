"""The app that registers the test consumer (`worker_consumers`) in the processes the tests start."""

from django.apps import AppConfig


class WorkerTestsConfig(AppConfig):
    name = "tests.events"
    label = "events_tests"

    def ready(self) -> None:
        from motcua.events import registry
        from tests.events.worker_consumers import CONSUMER, TOPIC, record_receipt

        registry.register(TOPIC, name=CONSUMER, handler=record_receipt)
