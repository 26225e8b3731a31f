"""VNPay's two calls to us: the IPN (server to server: record the outcome, answer RspCode) and
the return (the citizen's browser: record it too, since the IPN may be late, then show the
dossier). Neither trusts an unsigned word; both are idempotent."""

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from motcua.core.money import vnd
from motcua.payments import providers, settlement
from motcua.payments.contrib.vnpay import protocol as vnp
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.settlement import Answer

logger = logging.getLogger(__name__)

RSP = {
    Answer.RECORDED: vnp.CONFIRMED,
    Answer.PENDING: vnp.CONFIRMED,
    Answer.ALREADY: vnp.ALREADY_CONFIRMED,
    Answer.NOT_FOUND: vnp.NOT_FOUND,
    Answer.WRONG_AMOUNT: vnp.WRONG_AMOUNT,
}


def _rsp(code: str) -> JsonResponse:
    return JsonResponse({"RspCode": code, "Message": vnp.IPN_MESSAGES[code]})


@csrf_exempt
@require_GET
def ipn(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    try:
        merchant, outcome = providers.get("vnpay").read_notification(params)
    except providers.BadSignature:
        # Logged, not stored: anyone can send these, and they must not fill the database.
        logger.warning("VNPay IPN with a bad signature for %r", params.get("vnp_TxnRef", "")[:64])
        return _rsp(vnp.BAD_CHECKSUM)
    try:
        answer = settlement.record_outcome(
            outcome=outcome, merchant=merchant, kind="ipn", data=params
        )
    except Exception:  # the gateway calls again on 99; the error is ours to read in the log
        logger.exception("VNPay IPN for %s", params.get("vnp_TxnRef"))
        return _rsp(vnp.UNKNOWN_ERROR)
    return _rsp(RSP[answer])


@require_GET
def return_(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    try:
        merchant, outcome = providers.get("vnpay").read_notification(params)
    except providers.BadSignature:
        messages.error(
            request, _("Kết quả thanh toán không hợp lệ (sai chữ ký), không được ghi nhận.")
        )
        return redirect("portal:my-dossiers")
    try:
        settlement.record_outcome(outcome=outcome, merchant=merchant, kind="return", data=params)
    except Exception:  # the IPN and the reconciliation record it all the same
        logger.exception("VNPay return for %s", outcome.reference)
    payment = Payment.objects.select_related("dossier").filter(reference=outcome.reference).first()
    if payment is None:
        return redirect("portal:my-dossiers")
    messages.add_message(request, *_told(payment, outcome))
    return redirect("portal:my-dossier", key=payment.dossier.key)


def _told(payment: Payment, outcome) -> tuple[int, str]:
    """What the citizen is told on coming back from the gateway."""
    if payment.status == PaymentStatus.PAID:
        return messages.SUCCESS, _("Thanh toán thành công %(amount)s đồng.") % {
            "amount": vnd(payment.amount)
        }
    if outcome.paid is None:
        return messages.INFO, _(
            "Ngân hàng chưa báo kết quả thanh toán; trang hồ sơ sẽ cập nhật khi có kết quả."
        )
    if outcome.response_code == vnp.CUSTOMER_CANCELLED:
        return messages.WARNING, _("Ông/Bà đã hủy thanh toán; hồ sơ vẫn chờ nộp phí.")
    reason = vnp.FAILURE_REASONS.get(outcome.response_code) or _(
        "ngân hàng hoặc cổng thanh toán báo lỗi (mã %(code)s)"
    ) % {"code": outcome.response_code}
    return messages.ERROR, _(
        "Thanh toán không thành công: %(reason)s. Chưa có khoản tiền nào được ghi nhận; Ông/Bà "
        "có thể thanh toán lại."
    ) % {"reason": reason}
