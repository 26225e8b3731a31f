from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "motcua.delivery"
    verbose_name = _("Chuyển phát kết quả qua bưu chính")

    def ready(self) -> None:
        from motcua.delivery import jobs, providers
        from motcua.delivery.contrib.http_generic.plugin import HttpGenericProvider
        from motcua.delivery.rules import register_rules

        register_rules()
        providers.register(HttpGenericProvider())
        jobs.register_jobs()
        if settings.MOTCUA_POSTAL_SIMULATOR:
            from motcua.delivery.simulators import jobs as simulator_jobs

            simulator_jobs.register_jobs()
