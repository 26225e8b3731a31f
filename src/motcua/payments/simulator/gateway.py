"""The VNPay simulator's side of the protocol (demo and tests only): it checks a payment request
as the gateway does, ends a transaction the way the visitor chose, and signs what it sends back
— the redirect to the merchant's return URL and the IPN to the merchant's server — with the
merchant's secret, exactly as VNPay 2.1.0 does. It also answers `querydr` and `refund`.

The simulator knows the merchants the system knows (their code and secret), as the real gateway
knows the merchants it signed up.
"""

import logging
import secrets
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.core.errors import DomainError
from motcua.payments.contrib.vnpay import protocol as vnp
from motcua.payments.merchants import secret_of
from motcua.payments.models import MerchantAccount, SimulatedTransaction

logger = logging.getLogger(__name__)

REQUIRED = (
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_Amount",
    "vnp_CurrCode",
    "vnp_TxnRef",
    "vnp_OrderInfo",
    "vnp_OrderType",
    "vnp_Locale",
    "vnp_ReturnUrl",
    "vnp_IpAddr",
    "vnp_CreateDate",
)
# What the visitor may choose on the payment page: the response and transaction status codes,
# and whether the IPN is sent (a lost IPN is what the reconciliation job is for).
CHOICES = {
    "pay": (vnp.SUCCESS, "00", True),
    "fail": (vnp.INSUFFICIENT_FUNDS, "02", True),
    "cancel": (vnp.CUSTOMER_CANCELLED, "02", True),
    "pay_silently": (vnp.SUCCESS, "00", False),
}


class Refused(Exception):
    """The request is not one VNPay would show a payment page for; `code` as VNPay says it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Request:
    merchant: MerchantAccount
    secret: str
    params: dict[str, str]

    @property
    def amount(self) -> int:
        return int(self.params["vnp_Amount"]) // 100


def check(params: dict[str, str]) -> Request:
    missing = [name for name in REQUIRED if not params.get(name)]
    if missing:
        raise Refused("03", f"Thiếu tham số: {', '.join(missing)}")
    merchant = MerchantAccount.objects.filter(
        provider="vnpay", merchant_code=params["vnp_TmnCode"]
    ).first()
    if merchant is None:
        raise Refused("02", "Website này chưa được phê duyệt (sai vnp_TmnCode)")
    try:
        secret = secret_of(merchant)
    except DomainError as exc:
        raise Refused("02", str(exc)) from exc
    if not vnp.verify(params, secret):
        raise Refused("70", "Sai chữ ký")
    if params["vnp_Version"] != vnp.VERSION or params["vnp_Command"] != "pay":
        raise Refused("03", "Sai phiên bản hoặc lệnh")
    if not params["vnp_Amount"].isdigit() or int(params["vnp_Amount"]) % 100:
        raise Refused("03", "Số tiền không hợp lệ")
    return Request(merchant=merchant, secret=secret, params=params)


def finish(request: Request, *, choice: str) -> str:
    """End the transaction as the visitor chose; the signed return URL to send them to."""
    code, status, notify = CHOICES[choice]
    params = request.params
    try:
        with transaction.atomic():
            txn = SimulatedTransaction.objects.create(
                merchant_code=request.merchant.merchant_code,
                txn_ref=params["vnp_TxnRef"],
                amount=int(params["vnp_Amount"]),
                order_info=params["vnp_OrderInfo"],
                return_url=params["vnp_ReturnUrl"],
                transaction_no=str(10_000_000 + secrets.randbelow(89_999_999)),
                response_code=code,
                status=status,
                created=params["vnp_CreateDate"],
                paid=vnp.timestamp(),
            )
    except IntegrityError as exc:
        raise Refused("94", "Giao dịch đã tồn tại (trùng vnp_TxnRef)") from exc
    result = _result(txn)
    signed = {**result, vnp.HASH: vnp.sign(result, request.secret)}
    if notify:
        send_ipn(txn, signed)
    return vnp.signed_url(txn.return_url, result, request.secret)


def _result(txn: SimulatedTransaction) -> dict[str, str]:
    return {
        "vnp_Amount": str(txn.amount),
        "vnp_BankCode": txn.bank_code,
        "vnp_BankTranNo": f"VNP{txn.transaction_no}",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": txn.order_info,
        "vnp_PayDate": txn.paid,
        "vnp_ResponseCode": txn.response_code,
        "vnp_TmnCode": txn.merchant_code,
        "vnp_TransactionNo": txn.transaction_no,
        "vnp_TransactionStatus": txn.status,
        "vnp_TxnRef": txn.txn_ref,
    }


def send_ipn(txn: SimulatedTransaction, signed: dict[str, str]) -> str:
    """Call the merchant's IPN URL (GET, signed query) and note its answer."""
    try:
        response = requests.get(settings.MOTCUA_VNPAY_SIMULATOR_IPN_URL, params=signed, timeout=10)
        answer = str(response.json().get("RspCode", response.status_code))
    except (requests.RequestException, ValueError) as exc:
        logger.warning("the simulator's IPN for %s failed: %s", txn.txn_ref, exc)
        answer = "lỗi kết nối"
    SimulatedTransaction.objects.filter(pk=txn.pk).update(ipn_answers=[*txn.ipn_answers, answer])
    return answer


def answer_api(body: dict) -> dict:
    """The merchant web API: `querydr` and `refund`, checksums both ways."""
    command = body.get("vnp_Command")
    merchant = MerchantAccount.objects.filter(
        provider="vnpay", merchant_code=str(body.get("vnp_TmnCode", ""))
    ).first()
    fields = vnp.QUERY_FIELDS if command == "querydr" else vnp.REFUND_FIELDS
    if merchant is None or command not in ("querydr", "refund"):
        return {"vnp_ResponseCode": "02", "vnp_Message": "Merchant is not valid"}
    secret = secret_of(merchant)
    if not vnp.verify_fields(body, fields, secret):
        return {"vnp_ResponseCode": "97", "vnp_Message": "Checksum failed"}
    txn = SimulatedTransaction.objects.filter(
        merchant_code=merchant.merchant_code, txn_ref=str(body.get("vnp_TxnRef", ""))
    ).first()
    answer_fields = vnp.QUERY_ANSWER_FIELDS if command == "querydr" else vnp.REFUND_ANSWER_FIELDS
    base = {"vnp_ResponseId": secrets.token_hex(16), "vnp_Command": command}
    if txn is None:
        answer = {**base, "vnp_ResponseCode": "91", "vnp_Message": "Not found"}
    elif command == "querydr":
        answer = {**base, **_result(txn), "vnp_ResponseCode": "00", "vnp_Message": "OK"}
        answer["vnp_TransactionType"] = "01"
    else:
        answer = {**base, **_refund(txn, body)}
    answer["vnp_TmnCode"] = merchant.merchant_code
    return {**answer, vnp.HASH: vnp.sign_fields(answer, answer_fields, secret)}


def _refund(txn: SimulatedTransaction, body: dict) -> dict:
    amount = str(body.get("vnp_Amount", ""))
    left = txn.amount - txn.refunded
    if txn.status != "00" or not amount.isdigit() or not 0 < int(amount) <= left:
        return {"vnp_ResponseCode": "94", "vnp_Message": "Refund not allowed"}
    with transaction.atomic():
        SimulatedTransaction.objects.filter(pk=txn.pk).update(refunded=txn.refunded + int(amount))
    return {
        **_result(txn),
        "vnp_Amount": amount,
        "vnp_TransactionType": str(body.get("vnp_TransactionType", "02")),
        "vnp_TransactionNo": str(10_000_000 + secrets.randbelow(89_999_999)),
        "vnp_TransactionStatus": "06",  # the refund is sent to the bank
        "vnp_ResponseCode": "00",
        "vnp_Message": "Refund success",
    }
