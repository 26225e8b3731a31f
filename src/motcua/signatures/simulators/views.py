"""The remote-signing simulator under /_sim/ky-so-tu-xa/ (only with
`MOTCUA_REMOTE_SIGNING_SIMULATOR`, DEBUG only): the provider's JSON API in the default field
mapping of `signatures.remote` (client secret checked), and the key holder's "phone" page that
lists the requests waiting for them, confirmed with the PIN or refused."""

import base64
import binascii
import hmac
import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.errors import DomainError
from motcua.signatures.remote import DEFAULTS
from motcua.signatures.simulators import provider
from motcua.signatures.simulators.models import RequestStatus, SimulatedRemoteKey

FIELDS = DEFAULTS["fields"]


def simulator_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.MOTCUA_REMOTE_SIGNING_SIMULATOR:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def api(view):
    """A JSON endpoint: the body parsed, the client's id and secret checked, domain errors as
    JSON (404 for an unknown user or transaction, 400 otherwise)."""

    @csrf_exempt
    @require_POST
    @simulator_only
    @wraps(view)
    def wrapped(request):
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = None
        given = body if isinstance(body, dict) else {}
        client = settings.MOTCUA_REMOTE_SIGNING_SIMULATOR_CLIENT
        given_id = str(given.get(FIELDS["client_id"], ""))
        given_secret = str(given.get(FIELDS["client_secret"], ""))
        if given_id != client["client_id"] or not hmac.compare_digest(
            given_secret.encode(), client["client_secret"].encode()
        ):
            return _error(401, "unauthorised", "Sai mã hoặc khóa bí mật của đơn vị kết nối.")
        if not isinstance(body, dict):
            return _error(400, "bad_json", "Nội dung không phải JSON.")
        try:
            return JsonResponse(view(body))
        except DomainError as exc:
            return _error(404 if exc.status == 404 else 400, exc.code, exc.message)

    return wrapped


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@api
def certificate(body: dict) -> dict:
    issued = provider.issued(provider.key_of(str(body.get(FIELDS["user_id"], ""))))
    return {
        FIELDS["certificate"]: _b64(issued.certificate_der()),
        FIELDS["chain"]: [_b64(der) for der in issued.chain_der()],
    }


@api
def sign(body: dict) -> dict:
    try:
        digest = base64.b64decode(str(body.get(FIELDS["hash"], "")), validate=True)
    except (ValueError, binascii.Error):
        digest = b""
    request = provider.ask(
        user_id=str(body.get(FIELDS["user_id"], "")),
        digest=digest,
        description=str(body.get(FIELDS["description"], "")),
    )
    return {FIELDS["transaction_id"]: str(request.transaction_id), FIELDS["status"]: "pending"}


@api
def status(body: dict) -> dict:
    request = provider.request_of(body.get(FIELDS["transaction_id"], ""))
    answer = {
        FIELDS["transaction_id"]: str(request.transaction_id),
        FIELDS["status"]: request.status,
    }
    if request.status == RequestStatus.SIGNED:
        answer[FIELDS["signature"]] = _b64(bytes(request.signature))
    return answer


@simulator_only
@require_http_methods(["GET"])
def phone(request: HttpRequest) -> HttpResponse:
    user_id = request.GET.get("nguoi-dung", "").strip()
    holder = SimulatedRemoteKey.objects.filter(user_id=user_id).first() if user_id else None
    context = {
        "holders": SimulatedRemoteKey.objects.order_by("user_id"),
        "holder": holder,
        "user_id": user_id,
        "pending": provider.pending_for(holder.user_id) if holder else [],
    }
    return render(request, "signatures/simulator/phone.html", context)


@simulator_only
@require_POST
def answer(request: HttpRequest, transaction_id) -> HttpResponse:
    """Confirm (with the PIN) or refuse one request, then back to the holder's phone."""
    try:
        holder = provider.request_of(transaction_id).key.user_id
        if request.POST.get("action") == "refuse":
            provider.refuse(transaction_id=transaction_id)
            messages.info(request, _("Đã từ chối yêu cầu ký."))
        else:
            provider.confirm(transaction_id=transaction_id, pin=request.POST.get("pin", ""))
            messages.success(request, _("Đã xác nhận và ký."))
    except DomainError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        messages.error(request, exc.message)
    return redirect(
        f"{reverse('remote-signing-simulator:phone')}?{urlencode({'nguoi-dung': holder})}"
    )
