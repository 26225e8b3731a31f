from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "motcua.delivery"
    verbose_name = _("Chuyển phát kết quả qua bưu chính")

    def ready(self) -> None:
        from motcua.delivery.rules import register_rules

        register_rules()
