"""Which merchant account collects for a dossier, and its secret.

An agency without an account of its own collects through its parent's (a commune's one-stop
desk may use the district's or the province's account). The secret is read from the
environment variable the account names (MOTCUA_… only, so whoever edits accounts in the admin
cannot read other secrets); a demo account may keep it inline instead, honoured only while the
simulators are on (never in production).
"""

import os

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.core.errors import Conflict
from motcua.payments.models import MerchantAccount


def merchant_for(agency: Agency, *, provider: str | None = None) -> MerchantAccount | None:
    """The active account of `agency` or of its nearest parent that has one."""
    current: Agency | None = agency
    while current is not None:
        accounts = MerchantAccount.objects.filter(agency=current, active=True)
        if provider:
            accounts = accounts.filter(provider=provider)
        found = accounts.order_by("pk").first()
        if found is not None:
            return found
        current = current.parent
    return None


def secret_of(merchant: MerchantAccount) -> str:
    name = merchant.secret_env
    if name and name.startswith("MOTCUA_") and os.environ.get(name):
        return os.environ[name]
    if merchant.demo_secret and not name and settings.MOTCUA_PAYMENT_SIMULATOR:
        return merchant.demo_secret
    raise Conflict(
        _(
            "Tài khoản thu %(merchant)s chưa có khóa bí mật: đặt biến môi trường MOTCUA_… "
            "ghi trong tài khoản."
        )
        % {"merchant": merchant.merchant_code},
        code="merchant_not_configured",
    )
