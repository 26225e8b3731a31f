"""The payments tests' world: the dossier tests' province and officers, the birth registration
procedure published again with a fee (online cheaper than at the desk) and a charge per copy,
and a VNPay merchant account for commune A pointing at the gateway simulator at `base_url`."""

from motcua.core import clock
from motcua.payments.models import MerchantAccount
from tests.dossiers.helpers import at
from tests.dossiers.world import World, build_world, with_payment
from tests.workflow.builders import procedure

SECRET = "BIMATKIEMTHUVNPAY"
FEES = [
    {"Loai": "le_phi", "Ten": "Lệ phí đăng ký khai sinh", "MucThu": 10000, "MucThuTrucTuyen": 5000},
    {
        "Loai": "phi",
        "Ten": "Phí cấp bản sao trích lục",
        "MucThu": 8000,
        "TinhTheo": "ban",
        "DoiTuongMienGiam": ["Hộ nghèo"],
    },
]


def paying_world(
    *, base_url: str = "http://127.0.0.1:9/_sim/vnpay", due: str = "", fees: list | None = None
) -> World:
    world = build_world(with_payment())
    with clock.frozen(at(2, 2)):
        extra = {"ThoiDiemNopPhi": due} if due else {}
        world.birth = procedure(valid_from="2026-02-02", PhiLePhi=fees or FEES, **extra)
    MerchantAccount.objects.create(
        agency=world.tree.commune_a,
        provider="vnpay",
        merchant_code="XAAKT001",
        demo_secret=SECRET,
        payment_url=f"{base_url}/paymentv2/vpcpay.html",
        api_url=f"{base_url}/merchant_webapi/api/transaction",
    )
    return world
