"""The payment-gateway registry: each plugin (`payments/contrib/<name>/`) says how to start a
payment, read what the gateway sends back, ask about a transaction and refund one. Plugins
register in `PaymentsConfig.ready()`; a merchant account names its plugin by `code`.

A plugin only speaks its gateway's protocol; what a payment becomes is decided by
`payments.services`, the same for every gateway.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from motcua.payments.models import MerchantAccount, Payment


@dataclass(frozen=True)
class Outcome:
    """What the gateway says of one payment: `paid` True or False when it has ended, None while
    it has not (or the gateway does not know it yet)."""

    reference: str
    amount: int  # VND
    paid: bool | None
    provider_reference: str = ""
    bank_code: str = ""
    response_code: str = ""
    paid_at: datetime | None = None


class BadSignature(Exception):
    """The message does not carry a valid signature of the merchant's secret."""


class GatewayError(Exception):
    """The gateway could not be reached or refused the request; `str()` says why."""


class PaymentProvider(Protocol):
    code: str
    label: str

    def start_url(self, payment: Payment, *, return_url: str, client_ip: str) -> str: ...

    def read_notification(self, params: dict[str, str]) -> tuple[MerchantAccount, Outcome]: ...

    def query(self, payment: Payment, *, client_ip: str) -> Outcome: ...

    def refund(self, payment: Payment, *, amount: int, by: str, client_ip: str) -> str: ...


_providers: dict[str, PaymentProvider] = {}


def register(provider: PaymentProvider) -> None:
    known = _providers.get(provider.code)
    if known is not None and type(known) is not type(provider):
        raise ImproperlyConfigured(f"a payment provider {provider.code!r} is already registered")
    _providers[provider.code] = provider


def get(code: str) -> PaymentProvider:
    try:
        return _providers[code]
    except KeyError:
        raise ImproperlyConfigured(f"no payment provider {code!r} is registered") from None


def choices() -> list[tuple[str, str]]:
    return [(code, provider.label) for code, provider in sorted(_providers.items())]
