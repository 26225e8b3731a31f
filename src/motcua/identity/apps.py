from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "motcua.identity"
    label = "identity"
    verbose_name = _("Đăng nhập và định danh")

    def ready(self) -> None:
        checks.register(sms_gateway_check, checks.Tags.security)


def sms_gateway_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Local accounts verify phones by SMS: without a gateway, registration would fail."""
    from motcua.identity.sms import get_backend

    if not settings.MOTCUA_LOCAL_ACCOUNTS:
        return []
    try:
        get_backend()
    except ImproperlyConfigured as refused:
        return [
            checks.Error(
                "MOTCUA_LOCAL_ACCOUNTS is on but no SMS gateway is configured for phone "
                f"verification ({refused}).",
                hint="Set MOTCUA_NOTIFY_SMS (docs/OPERATIONS.md), or turn local accounts off.",
                id="identity.E001",
            )
        ]
    return []
