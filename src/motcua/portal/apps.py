from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "motcua.portal"
    label = "portal"
    verbose_name = "Cổng dịch vụ công"

    def ready(self) -> None:
        from motcua.portal.notifications import register_consumers

        register_consumers()
