"""The registry of channel plugins (`notifications/contrib/<channel>/plugin.py`).

A plugin sends one message and says how it went: it returns the provider's message id, or
raises `SendFailed` with a Vietnamese explanation for the back office (the message is tried again
later). Each plugin states whether the real service accepts an idempotency key
(`real_api_idempotent`): where it does, a copy sent again after a crash between sending and
recording is dropped by the service; where it does not, delivery is at least once.
"""

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Outgoing:
    recipient: str
    subject: str
    body: str
    idempotency_key: str


class SendFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Plugin(Protocol):
    channel: str
    real_api_idempotent: bool

    def configured(self) -> bool:
        """Whether the installation set this channel up (an unconfigured channel is skipped)."""

    def send(self, outgoing: Outgoing) -> str:
        """Send; the provider's message id, or `SendFailed`."""


_plugins: dict[str, Plugin] = {}


def register(plugin: Plugin) -> None:
    registered = _plugins.get(plugin.channel)
    if registered is not None and type(registered) is not type(plugin):
        raise ImproperlyConfigured(f"a plugin for channel {plugin.channel!r} is already registered")
    _plugins[plugin.channel] = plugin


def get(channel: str) -> Plugin:
    try:
        return _plugins[channel]
    except KeyError:
        raise LookupError(f"no notification plugin for channel {channel!r}") from None


def usable(channel: str) -> bool:
    plugin = _plugins.get(channel)
    return plugin is not None and plugin.configured()


def register_plugins() -> None:
    from motcua.notifications.contrib.email.plugin import EmailPlugin
    from motcua.notifications.contrib.sms_http.plugin import HttpSmsPlugin
    from motcua.notifications.contrib.zalo_oa.plugin import ZaloOaPlugin

    for plugin in (HttpSmsPlugin(), ZaloOaPlugin(), EmailPlugin()):
        register(plugin)
