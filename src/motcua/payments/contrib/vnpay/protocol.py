"""The VNPay 2.1.0 protocol, both ways (the plugin and the simulator speak it alike).

- Redirect and IPN: the `vnp_*` parameters, sorted by name, joined as `key=quote_plus(value)`
  with `&`, signed with HMAC-SHA512 of the merchant's secret, hex, sent as `vnp_SecureHash`;
  to verify, drop `vnp_SecureHash` and `vnp_SecureHashType` and sign again.
- The merchant web API (`querydr`, `refund`): a JSON POST whose `vnp_SecureHash` signs the
  values named in `QUERY_FIELDS` / `REFUND_FIELDS` joined with `|`, in that order; the answer
  signs `QUERY_ANSWER_FIELDS` / `REFUND_ANSWER_FIELDS` the same way.
- Amounts travel as VND × 100; times as yyyyMMddHHmmss in GMT+7.
"""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote_plus, urlencode

from django.utils.translation import gettext_lazy

from motcua.core import clock

VERSION = "2.1.0"
HASH = "vnp_SecureHash"
UNSIGNED = frozenset({HASH, "vnp_SecureHashType"})

# IPN answers (RspCode) and their messages, as the protocol fixes them.
CONFIRMED = "00"
NOT_FOUND = "01"
ALREADY_CONFIRMED = "02"
WRONG_AMOUNT = "04"
BAD_CHECKSUM = "97"
UNKNOWN_ERROR = "99"
IPN_MESSAGES = {
    CONFIRMED: "Confirm Success",
    NOT_FOUND: "Order not found",
    ALREADY_CONFIRMED: "Order already confirmed",
    WRONG_AMOUNT: "invalid amount",
    BAD_CHECKSUM: "Invalid signature",
    UNKNOWN_ERROR: "Unknow error",
}

# Response codes of a payment (vnp_ResponseCode) the simulator gives and the portal explains.
SUCCESS = "00"
CUSTOMER_CANCELLED = "24"
INSUFFICIENT_FUNDS = "51"
# Why a payment did not go through, by vnp_ResponseCode (VNPay's table of payment codes), as the
# citizen is told on coming back; another code is "an error at the bank or the gateway".
FAILURE_REASONS = {
    "07": gettext_lazy("ngân hàng đã trừ tiền nhưng đang xác minh giao dịch (nghi ngờ bất thường)"),
    "09": gettext_lazy("thẻ hoặc tài khoản chưa đăng ký Internet Banking"),
    "10": gettext_lazy("xác thực thông tin thẻ hoặc tài khoản sai quá 3 lần"),
    "11": gettext_lazy("đã hết thời gian chờ thanh toán"),
    "12": gettext_lazy("thẻ hoặc tài khoản đang bị khóa"),
    "13": gettext_lazy("nhập sai mã OTP"),
    "51": gettext_lazy("tài khoản không đủ số dư"),
    "65": gettext_lazy("tài khoản đã vượt hạn mức giao dịch trong ngày"),
    "75": gettext_lazy("ngân hàng thanh toán đang bảo trì"),
    "79": gettext_lazy("nhập sai mật khẩu thanh toán quá số lần cho phép"),
}

QUERY_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
# What the web API's answers sign; a query's answer adds the promotion, a refund's does not.
REFUND_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)
QUERY_ANSWER_FIELDS = (*REFUND_ANSWER_FIELDS, "vnp_PromotionCode", "vnp_PromotionAmount")
REFUND_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def query_string(params: Mapping[str, str]) -> str:
    """The text the redirect and IPN sign: every signed parameter, sorted, values encoded (an
    empty one too: the gateway signs whatever it sends)."""
    keys = sorted(k for k in params if k.startswith("vnp_") and k not in UNSIGNED)
    return "&".join(f"{k}={quote_plus(str(params[k]))}" for k in keys)


def sign(params: Mapping[str, str], secret: str) -> str:
    return _hmac(secret, query_string(params))


def verify(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get(HASH, "")).lower()
    return bool(given) and hmac.compare_digest(given, sign(params, secret))


def signed_url(base: str, params: Mapping[str, str], secret: str) -> str:
    """`base` with `params` and their signature as its query."""
    return f"{base}?{query_string(params)}&{urlencode({HASH: sign(params, secret)})}"


def sign_fields(values: Mapping[str, str], fields: tuple[str, ...], secret: str) -> str:
    """The web API's signature: the named values joined with `|`, in order."""
    return _hmac(secret, "|".join(str(values.get(name, "")) for name in fields))


def verify_fields(values: Mapping[str, str], fields: tuple[str, ...], secret: str) -> bool:
    given = str(values.get(HASH, "")).lower()
    return bool(given) and hmac.compare_digest(given, sign_fields(values, fields, secret))


def timestamp(moment: datetime | None = None) -> str:
    """`moment` (now by default) as the protocol writes times: yyyyMMddHHmmss in GMT+7."""
    return (moment or clock.now()).astimezone(clock.VN_TZ).strftime("%Y%m%d%H%M%S")


def parse_timestamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=clock.VN_TZ)
    except (TypeError, ValueError):
        return None
