from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "motcua.events"
    label = "events"
    verbose_name = "Sự kiện và xử lý nền"
