"""The postal simulator under /_sim/buu-dien/ (only with `MOTCUA_POSTAL_SIMULATOR`, DEBUG only):
the carrier's JSON API in the generic HTTP plugin's default mapping (the API key checked), and a
page listing the parcels with buttons to move each on, send it back, or repeat its last
notification."""

import hmac
import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.delivery.contrib.http_generic.plugin import DEFAULTS
from motcua.delivery.simulators import post_office
from motcua.delivery.simulators.models import SimulatedParcel

FIELDS = DEFAULTS["create_fields"]
ANSWER = DEFAULTS["response_fields"]


def simulator_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.MOTCUA_POSTAL_SIMULATOR:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, ANSWER["message"]: message}, status=status)


def api(view):
    """A JSON endpoint of the simulated carrier: the API key checked first."""

    @csrf_exempt
    @simulator_only
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        given = request.headers.get(DEFAULTS["api_key_header"], "")
        expected = settings.MOTCUA_POSTAL_SIMULATOR_CLIENT["api_key"]
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return _error(401, "unauthorised", "Sai khóa kết nối (API key).")
        return view(request, *args, **kwargs)

    return wrapped


@api
@require_POST
def create(request: HttpRequest) -> JsonResponse:
    try:
        body = json.loads(request.body or b"")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _error(400, "bad_json", "Nội dung không phải JSON.")
    given = {ours: str(body.get(theirs) or "").strip() for ours, theirs in FIELDS.items()}
    try:
        parcel = post_office.accept(
            order_code=given["reference"],
            receiver_name=given["recipient"],
            receiver_phone=given["phone"],
            receiver_address=given["address"],
            sender_name=given["sender_name"],
            content=given["content"],
            callback_url=given["callback_url"],
        )
    except post_office.Broken:
        return _error(503, "unavailable", "Hệ thống bưu điện đang gián đoạn (mô phỏng).")
    except post_office.Refused as exc:
        return _error(422, "refused", str(exc))
    return JsonResponse(
        {
            ANSWER["tracking_number"]: parcel.tracking_number,
            ANSWER["fee"]: parcel.fee,
            **post_office.report(parcel),
        },
        status=201,
    )


@api
@require_GET
def query(request: HttpRequest, tracking_number: str) -> JsonResponse:
    parcel = SimulatedParcel.objects.filter(tracking_number=tracking_number).first()
    if parcel is None:
        return _error(404, "unknown", "Không có bưu gửi này.")
    return JsonResponse(post_office.report(parcel))


@simulator_only
@require_http_methods(["GET"])
def parcels(request: HttpRequest) -> HttpResponse:
    context = {
        "parcels": SimulatedParcel.objects.all()[:100],
        "moves": post_office.NEXT,
        "sends_back": post_office.SENDS_BACK,
        "step": settings.MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS,
        "markers": (post_office.REFUSE_MARKER, post_office.BREAK_MARKER),
    }
    return render(request, "delivery/simulator/parcels.html", context)


@simulator_only
@require_POST
def move(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """Move one parcel on, send it back, or repeat its last notification; back to the list."""
    parcel = SimulatedParcel.objects.filter(tracking_number=tracking_number).first()
    if parcel is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "return":
            post_office.send_back(parcel)
        elif action == "notify":
            post_office.notify(parcel)
        else:
            post_office.advance(parcel)
    except post_office.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.info(
            request,
            _("%(number)s: %(status)s — thông báo: %(result)s")
            % {
                "number": parcel.tracking_number,
                "status": parcel.get_status_display(),
                "result": parcel.callback_result or _("không có địa chỉ nhận"),
            },
        )
    return redirect("postal-simulator:parcels")
