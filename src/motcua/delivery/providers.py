"""The registry of postal providers (dịch vụ bưu chính công ích): the plugins that book a parcel
with a carrier and tell how it travels. Plugins live in `delivery/contrib/<name>/` and register
themselves in `DeliveryConfig.ready()`; `settings.MOTCUA_POSTAL["provider"]` names the one in use,
and `active()` answers None while it is not configured — the desk then books the parcel at the
post office's counter and types the tracking number.

A plugin answers `book` (the parcel → its tracking number and fee) and, when the carrier lets us
ask, `query` (a tracking number → where the parcel is); the carrier's status notifications come to
the plugin's own endpoint, which hands them to `delivery.services.apply_report`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.conf import settings


@dataclass(frozen=True)
class Parcel:
    """What we ask the post to carry: our order code, the recipient, the sending agency."""

    reference: str
    recipient: str
    phone: str
    address: str
    sender_name: str
    sender_phone: str
    sender_address: str
    content: str


@dataclass(frozen=True)
class Booking:
    """The carrier's answer to a booking: its tracking number (số hiệu bưu gửi) and fee (VND)."""

    tracking_number: str
    fee: int


@dataclass(frozen=True)
class Report:
    """Where a parcel is, in our words (`ShipmentStatus`), and since when (None: not said)."""

    tracking_number: str
    status: str
    at: datetime | None


class PostalProvider(Protocol):
    name: str

    def configured(self) -> bool: ...

    def book(self, parcel: Parcel) -> Booking: ...

    def can_query(self) -> bool: ...

    def query(self, tracking_number: str) -> Report: ...


_providers: dict[str, PostalProvider] = {}


def register(provider: PostalProvider) -> None:
    _providers[provider.name] = provider


def get(name: str) -> PostalProvider | None:
    return _providers.get(name)


def active() -> PostalProvider | None:
    """The provider the settings name, once it is configured; None otherwise."""
    conf = settings.MOTCUA_POSTAL or {}
    provider = _providers.get(conf.get("provider", "http_generic"))
    return provider if provider is not None and provider.configured() else None
