from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    verbose_name = _("Thông báo qua SMS, thư điện tử, Zalo")

    def ready(self) -> None:
        from motcua.notifications import channels, consumers, reminders, rules, sending

        channels.register_plugins()
        consumers.register_consumers()
        reminders.register_jobs()
        sending.register_jobs()
        rules.register_rules()
