from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ"

    def ready(self) -> None:
        from motcua.dossiers.issuing import register_consumers
        from motcua.dossiers.rules import register_rules
        from motcua.dossiers.services.signing import register_handlers

        register_rules()
        register_consumers()
        register_handlers()
