"""The officer's signing-session page, `/can-bo/ky-so/<uuid>/`: what is being signed and, by the
credential's kind, the wait for the remote provider's confirmation (htmx asks again every 2 s;
without JavaScript a "Kiểm tra lại" button does) or the signing plug-in flow
(`signatures/plugin.js`, which posts the certificate and then the signature here as JSON). A
signed session goes on to the page that started it; only its creator sees it (404 otherwise).
"""

import base64
import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.decorators import officer_required
from motcua.core.errors import DomainError, NotFound
from motcua.signatures import plugin, selectors, services
from motcua.signatures.models import CredentialKind, SessionStatus


def _session(request: HttpRequest, session_id):
    try:
        return selectors.session_for(request.user, session_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _next_url(request: HttpRequest, session) -> str:
    if session.next_url and url_has_allowed_host_and_scheme(
        session.next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return session.next_url
    return reverse("backoffice:home")


@officer_required
@require_GET
def session(request: HttpRequest, session_id) -> HttpResponse:
    signing = _session(request, session_id)
    error = ""
    if signing.credential.kind == CredentialKind.REMOTE and signing.waiting:
        try:
            signing = services.poll(session=signing, user=request.user)
        except DomainError as exc:
            error = exc.message
    if signing.status == SessionStatus.SIGNED:
        target = _next_url(request, signing)
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
    context = {
        "signing": signing,
        "error": error,
        "kinds": CredentialKind,
        "statuses": SessionStatus,
        "next_url": _next_url(request, signing),
        "plugin_url": plugin.plugin_url(),
    }
    if request.htmx:
        return render(request, "backoffice/signing/parts/remote_status.html", context)
    return render(request, "backoffice/signing/session.html", context)


def _json_body(request: HttpRequest) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    return body if isinstance(body, dict) else {}


def _error(exc: DomainError) -> JsonResponse:
    return JsonResponse(
        {"code": exc.code, "message": exc.message, "fields": exc.fields}, status=exc.status
    )


@officer_required
@require_POST
def certificate(request: HttpRequest, session_id) -> JsonResponse:
    """The certificate the plug-in reported → the bytes it must sign (base64)."""
    signing = _session(request, session_id)
    try:
        der, chain = plugin.read_certificate(_json_body(request))
        to_be_signed = services.attach_certificate(
            user=request.user, session=signing, certificate=der, chain=chain
        )
    except DomainError as exc:
        return _error(exc)
    return JsonResponse({"to_be_signed": base64.b64encode(to_be_signed).decode()})


@officer_required
@require_POST
def signature(request: HttpRequest, session_id) -> JsonResponse:
    """The plug-in's signature → the session completed, and where to go next."""
    signing = _session(request, session_id)
    try:
        signing = services.finish_with_signature(
            user=request.user, session=signing, signature=plugin.read_signature(_json_body(request))
        )
    except DomainError as exc:
        return _error(exc)
    return JsonResponse({"next_url": _next_url(request, signing)})
