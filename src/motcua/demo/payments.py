"""The demo's online payments: every agency whose one-stop desk collects fees has a VNPay
merchant account pointing at the gateway simulator (/_sim/vnpay/), with a public demo secret,
and an e-receipt form and serial registered with the receipt provider's simulator
(/_sim/bien-lai/). A real installation enters its own accounts and series in the admin, secrets
in MOTCUA_… variables."""

from django.conf import settings

from motcua.accounts.models import Role, RoleAssignment
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.demo.casting import Cast, Days, act, walk_in
from motcua.payments.models import MerchantAccount, ReceiptSeries
from motcua.payments.services import record_cash
from motcua.payments.simulator.receipts import register_series

DEMO_SECRET = "BIMATTHUNGHIEMVNPAYMOPHONG2026"


def seed_merchants() -> int:
    """The demo's merchant accounts, one per collecting agency; how many were added."""
    desks = {
        (unit.parent if unit.kind in INTERNAL_KINDS and unit.parent else unit)
        for unit in (
            assignment.agency
            for assignment in RoleAssignment.objects.filter(
                role=Role.COUNTER_OFFICER
            ).select_related("agency__parent")
        )
    }
    base = f"{settings.MOTCUA_PUBLIC_URL}/_sim/vnpay"
    added = 0
    for number, agency in enumerate(sorted(desks, key=lambda agency: agency.code), start=1):
        _account, created = MerchantAccount.objects.update_or_create(
            agency=agency,
            provider="vnpay",
            defaults={
                "merchant_code": f"MOTCUA{number:02d}",
                "demo_secret": DEMO_SECRET,
                "payment_url": f"{base}/paymentv2/vpcpay.html",
                "api_url": f"{base}/merchant_webapi/api/transaction",
                "account_holder": agency.name,
                "account_number": f"1190{number:08d}",
                "bank": "Kho bạc Nhà nước tỉnh An Hòa (thử nghiệm)",
            },
        )
        added += created
    return added


def seed_receipt_series() -> None:
    """Each collecting agency's e-receipt form and serial, registered with the provider's
    simulator as they would be with the tax authority."""
    for number, account in enumerate(
        MerchantAccount.objects.filter(provider="vnpay").order_by("agency__code"), start=1
    ):
        serial = f"AH{number:02d}-26E"
        ReceiptSeries.objects.get_or_create(
            agency=account.agency,
            form_code="01BLP0-001",
            serial=serial,
            defaults={"provider": "receipt_http"},
        )
        register_series(form_code="01BLP0-001", serial=serial)


def paid_for_copies(cast: Cast, days: Days) -> None:
    """A father at Xã Tân Phú's desk asked for two extra copies of the extract; the specialist
    asked for the copy fee and he paid it in cash at the desk the next morning: the dossier moved
    on by itself, and the e-receipt is made once the server runs (the outbox consumer)."""
    dossier = walk_in(cast, days.at(-4, 9), "motcua.tanphu", copies=2)
    act(dossier, days.at(-4, 9, 30), "forward", cast["motcua.tanphu"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(-4, 10),
        "request_payment",
        cast["cv.tanphu"],
        amount=16_000,
        reason="Phí cấp 02 bản sao trích lục khai sinh (8.000 đồng/bản).",
    )
    with clock.frozen(days.at(-3, 8, 15)):
        record_cash(user=cast["motcua.tanphu"], dossier=dossier, amount=16_000)
