"""Helpers for talking to the VNPay plugin and simulator as the gateway and the citizen do."""

import requests

from motcua.payments.contrib.vnpay import protocol as vnp
from motcua.payments.models import Payment
from tests.payments.world import SECRET


def notification(payment: Payment, *, code: str = "00", status: str = "00", **changes) -> dict:
    """What VNPay's IPN says of `payment`, signed with the merchant's secret."""
    params = {
        "vnp_Amount": str(payment.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": f"Nop phi le phi ho so {payment.dossier.key}",
        "vnp_PayDate": "20260302093000",
        "vnp_ResponseCode": code,
        "vnp_TmnCode": payment.merchant.merchant_code,
        "vnp_TransactionNo": "14226112",
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": payment.reference,
        **changes,
    }
    return {**params, vnp.HASH: vnp.sign(params, SECRET)}


def ipn(base_url: str, params: dict) -> dict:
    response = requests.get(f"{base_url}/thanh-toan/vnpay/ipn/", params=params, timeout=30)
    assert response.status_code == 200
    return response.json()
