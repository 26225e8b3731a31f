"""The VNPay 2.1.0 plugin: the redirect to the payment page, the IPN and return reading, and the
merchant web API's `querydr` and `refund` (protocol in `protocol.py`, vn-rules.md "Payments").
"""

import secrets

import requests
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.payments.contrib.vnpay import protocol as vnp
from motcua.payments.merchants import secret_of
from motcua.payments.models import MerchantAccount, Payment
from motcua.payments.providers import BadSignature, GatewayError, Outcome

TIMEOUT = 15  # seconds; the reconciliation asks again if the gateway is slower


class VnpayProvider:
    code = "vnpay"
    label = _("VNPay")

    def start_url(self, payment: Payment, *, return_url: str, client_ip: str) -> str:
        merchant = payment.merchant
        params = {
            "vnp_Version": vnp.VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": merchant.merchant_code,
            "vnp_Amount": str(payment.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": _order_info(payment),
            "vnp_OrderType": "billpayment",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip,
            "vnp_CreateDate": vnp.timestamp(payment.created_at),
            "vnp_ExpireDate": vnp.timestamp(payment.expires_at),
        }
        return vnp.signed_url(merchant.payment_url, params, secret_of(merchant))

    def read_notification(self, params: dict[str, str]) -> tuple[MerchantAccount, Outcome]:
        """What an IPN or a return says, once its signature checks out (else BadSignature)."""
        merchant = MerchantAccount.objects.filter(
            provider=self.code, merchant_code=params.get("vnp_TmnCode", "")
        ).first()
        if merchant is None or not vnp.verify(params, secret_of(merchant)):
            raise BadSignature
        return merchant, _outcome(params)

    def query(self, payment: Payment, *, client_ip: str) -> Outcome:
        values = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": vnp.VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": payment.merchant.merchant_code,
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": _order_info(payment),
            "vnp_TransactionDate": vnp.timestamp(payment.created_at),
            "vnp_CreateDate": vnp.timestamp(),
            "vnp_IpAddr": client_ip,
        }
        answer = self._call(payment.merchant, values, vnp.QUERY_FIELDS, vnp.QUERY_ANSWER_FIELDS)
        if answer.get("vnp_ResponseCode") == "91":  # the gateway has no such transaction
            return Outcome(reference=payment.reference, amount=payment.amount, paid=None)
        if answer.get("vnp_ResponseCode") != "00":
            raise GatewayError(f"querydr answered {answer.get('vnp_ResponseCode')}")
        return _outcome(answer)

    def refund(self, payment: Payment, *, amount: int, by: str, client_ip: str) -> str:
        values = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": vnp.VERSION,
            "vnp_Command": "refund",
            "vnp_TmnCode": payment.merchant.merchant_code,
            "vnp_TransactionType": "02" if amount == payment.amount else "03",
            "vnp_TxnRef": payment.reference,
            "vnp_Amount": str(amount * 100),
            "vnp_TransactionNo": payment.provider_reference,
            "vnp_TransactionDate": vnp.timestamp(payment.created_at),
            "vnp_CreateBy": by,
            "vnp_CreateDate": vnp.timestamp(),
            "vnp_IpAddr": client_ip,
            "vnp_OrderInfo": f"Hoan tien {payment.reference}",
        }
        answer = self._call(payment.merchant, values, vnp.REFUND_FIELDS, vnp.REFUND_ANSWER_FIELDS)
        if answer.get("vnp_ResponseCode") != "00":
            raise GatewayError(f"refund answered {answer.get('vnp_ResponseCode')}")
        return str(answer.get("vnp_TransactionNo", ""))

    def _call(self, merchant, values, fields, answer_fields) -> dict:
        secret = secret_of(merchant)
        body = {**values, vnp.HASH: vnp.sign_fields(values, fields, secret)}
        try:
            response = requests.post(merchant.api_url, json=body, timeout=TIMEOUT)
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise GatewayError(str(exc)) from exc
        if not isinstance(answer, dict) or not vnp.verify_fields(answer, answer_fields, secret):
            raise GatewayError("the answer's signature does not check out")
        return answer


def _order_info(payment: Payment) -> str:
    # Plain ASCII: some banks' statements drop Vietnamese marks.
    return f"Nop phi le phi ho so {payment.dossier.key}"


def _outcome(params) -> Outcome:
    code = str(params.get("vnp_ResponseCode", ""))
    status = str(params.get("vnp_TransactionStatus", ""))
    raw = str(params.get("vnp_Amount", ""))
    # Any amount that is not a whole number of đồng × 100 cannot be the payment's.
    amount = int(raw) // 100 if raw.isdigit() and int(raw) % 100 == 0 else -1
    if code == vnp.SUCCESS and status == "00":
        paid = True
    elif status == "01":  # not finished at the gateway yet
        paid = None
    else:
        paid = False
    return Outcome(
        reference=str(params.get("vnp_TxnRef", "")),
        amount=amount,
        paid=paid,
        provider_reference=str(params.get("vnp_TransactionNo", "")),
        bank_code=str(params.get("vnp_BankCode", "")),
        response_code=code,
        paid_at=vnp.parse_timestamp(str(params.get("vnp_PayDate", ""))) or clock.now(),
    )
