"""Payments confirmed by the national portal (Cổng DVC quốc gia / PayGov): the portal tells us a
dossier's fees were paid there, and the dossier is marked paid.

PayGov publishes no specification. Its messages, as provincial systems receive them, carry
`LoaiBanTin`, `PhienBan`, `MaDoiTac`, `MaThamChieu`, `SoTien`, `MaHoSo`, `MaTTHC` and the fee
list `PhiLePhi[{LoaiPhiLePhi, MaPhiLePhi, TenPhiLePhi, SoTien}]` (vn-rules.md, *practice*).
How it is authenticated is agreed per connection; this plugin takes a JSON POST whose raw body
is signed with HMAC-SHA256 of the shared secret `MOTCUA_PAYGOV_SECRET`, hex, in the header
`X-PayGov-Signature`, and answers `{"MaLoi", "MoTa"}`: 00 recorded, 01 no such dossier, 02
already recorded (the same `MaThamChieu`), 04 wrong amount, 97 bad signature, 99 error.
"""

import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.payments import settlement
from motcua.payments.settlement import Answer

logger = logging.getLogger(__name__)

MESSAGES = {
    "00": "Ghi nhận thành công",
    "01": "Không tìm thấy hồ sơ",
    "02": "Giao dịch đã được ghi nhận",
    "04": "Số tiền không khớp",
    "97": "Sai chữ ký",
    "99": "Lỗi không xác định",
}
CODES = {
    Answer.RECORDED: "00",
    Answer.NOT_FOUND: "01",
    Answer.ALREADY: "02",
    Answer.WRONG_AMOUNT: "04",
}


def signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _answer(code: str) -> JsonResponse:
    return JsonResponse({"MaLoi": code, "MoTa": MESSAGES[code]})


@csrf_exempt
@require_POST
def notify(request: HttpRequest) -> HttpResponse:
    secret = settings.MOTCUA_PAYGOV_SECRET
    given = request.headers.get("X-PayGov-Signature", "")
    if not secret or not hmac.compare_digest(given.lower(), signature(request.body, secret)):
        logger.warning("PayGov notification with a bad signature")  # logged, never stored
        return _answer("97")
    try:
        message = json.loads(request.body)
        reference = str(message["MaThamChieu"]).strip()
        amount = message["SoTien"]
        code = str(message["MaHoSo"]).strip()
        if not reference or isinstance(amount, bool) or not isinstance(amount, int):
            raise ValueError("MaThamChieu, SoTien")
    except (ValueError, KeyError, TypeError):
        return _answer("99")
    try:
        answer = settlement.record_national_portal(
            dossier_code=code, reference=reference, amount=amount, data=message
        )
    except Exception:  # the portal sends again on 99; the error is ours to read in the log
        logger.exception("PayGov notification %s", reference)
        return _answer("99")
    return _answer(CODES[answer])
