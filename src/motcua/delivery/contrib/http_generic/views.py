"""The carrier's status notifications for the generic HTTP plugin
(`POST /buu-chinh/http-generic/thong-bao/`): no session, the body's HMAC signature is the
credential. Answers are JSON in the project's error shape: 403 for a bad signature, 400 for a body
that is not a status report, 404 for a tracking number we never booked, 200 otherwise — also for a
report already applied or behind the shipment's status, which changes nothing (carriers repeat
and reorder notifications)."""

import json

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.delivery import services
from motcua.delivery.contrib.http_generic import plugin
from motcua.delivery.models import Shipment


def _answer(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "fields": {}}, status=status)


@csrf_exempt
@require_POST
def callback(request: HttpRequest) -> JsonResponse:
    header = plugin.config()["signature_header"]
    if not plugin.HttpGenericProvider().verify(request.body, request.headers.get(header, "")):
        return _answer(403, "bad_signature", _("Chữ ký của thông báo không hợp lệ."))
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _answer(400, "bad_json", _("Nội dung thông báo không phải JSON."))
    try:
        report = plugin.read_report(body)
    except DomainError as exc:
        return _answer(400, exc.code, exc.message)
    shipment = Shipment.objects.filter(tracking_number=report.tracking_number).first()
    if shipment is None:
        return _answer(
            404, "unknown_tracking_number", _("Không có bưu gửi mang số hiệu này trong hệ thống.")
        )
    if services.apply_report(shipment=shipment, status=report.status, at=report.at):
        return _answer(200, "recorded", _("Đã ghi nhận trạng thái bưu gửi."))
    return _answer(200, "ignored", _("Trạng thái này đã được ghi nhận hoặc cũ hơn: bỏ qua."))
