"""A local identity provider standing in for VNeID (demo and tests), at /vneid-mo-phong/.

It speaks the OpenID Connect authorization-code flow for real: discovery, an authorization page
listing the demo citizens and organisations (VNeID has organisation accounts since 2024), a token
endpoint that checks the client's credentials and the redirect URI and accepts each code once
before it expires, ID tokens signed RS256 with a key generated once into `VAR_DIR`, userinfo by
bearer token, and the JWKS. Codes and access tokens live in the cache (the demo runs one server
process). Only with `MOTCUA_VNEID_SIMULATOR` on.
"""

import base64
import hashlib
import json
import secrets
import time
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.cache import cache as store
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

CODE_SECONDS = 60
TOKEN_SECONDS = 300
KEY_FILE = "vneid-mo-phong.pem"


def simulator_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.MOTCUA_VNEID_SIMULATOR:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# Keys ------------------------------------------------------------------------------------------


def signing_key() -> rsa.RSAPrivateKey:
    return _load_key(Path(settings.VAR_DIR) / KEY_FILE)


@cache
def _load_key(path: Path) -> rsa.RSAPrivateKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Two processes may start at once: the first writer wins.
        try:
            with path.open("xb") as handle:
                handle.write(pem)
            path.chmod(0o600)
        except FileExistsError:
            pass
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_jwk(key: rsa.RSAPrivateKey) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    # RFC 7638 thumbprint as the key id.
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    kid = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return jwk | {"kid": kid, "alg": "RS256", "use": "sig"}


# The people and organisations it knows -----------------------------------------------------------


def people() -> list[dict]:
    data = json.loads(Path(settings.MOTCUA_VNEID_SIMULATOR_PEOPLE).read_text(encoding="utf-8"))
    return [person for person in data["citizens"] if person.get("id_type") == "cccd"]


def organisations() -> list[dict]:
    """Organisation accounts of VNeID (tài khoản định danh điện tử của tổ chức), by tax code."""
    data = json.loads(Path(settings.MOTCUA_VNEID_SIMULATOR_PEOPLE).read_text(encoding="utf-8"))
    return data.get("organisations", [])


def _key(holder: dict) -> str:
    return holder.get("tax_code") or holder["id_number"]


def _person(number: str) -> dict | None:
    """A citizen by personal number or an organisation by tax code."""
    return next((p for p in people() + organisations() if _key(p) == number), None)


def claims_of(person: dict) -> dict:
    """The citizen or organisation as the provider states them, under the configured claim
    names: a citizen's personal number, or an organisation's tax code."""
    names = settings.MOTCUA_VNEID_CLAIMS
    number = (
        {names["tax_code"]: person["tax_code"]}
        if "tax_code" in person
        else {
            names["personal_number"]: person["id_number"],
            names["date_of_birth"]: person.get("date_of_birth", ""),
        }
    )
    return {
        "sub": hashlib.sha256(_key(person).encode()).hexdigest()[:32],
        **number,
        names["full_name"]: person["full_name"],
        names["phone"]: person.get("phone", ""),
        names["email"]: person.get("email", ""),
    }


# Endpoints -------------------------------------------------------------------------------------


def _issuer(request) -> str:
    return request.build_absolute_uri(reverse("identity:simulator-discovery")).removesuffix(
        ".well-known/openid-configuration"
    )


@simulator_only
@require_GET
def discovery(request):
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"identity:simulator-{name}"))

    return JsonResponse(
        {
            "issuer": _issuer(request),
            "authorization_endpoint": url("authorize"),
            "token_endpoint": url("token"),
            "userinfo_endpoint": url("userinfo"),
            "jwks_uri": url("jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "phone"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "grant_types_supported": ["authorization_code"],
        }
    )


@simulator_only
@require_GET
def jwks(request):
    return JsonResponse({"keys": [public_jwk(signing_key())]})


def _redirect_uri_allowed(request, uri: str) -> bool:
    # The registered redirect URI: the sign-in callback on this same site.
    return urlsplit(uri).path == reverse(
        "identity:vneid-callback"
    ) and url_has_allowed_host_and_scheme(uri, allowed_hosts={request.get_host()})


AUTHORIZE_PARAMS = ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce")


@simulator_only
@require_http_methods(["GET", "POST"])
def authorize(request):
    source = request.GET if request.method == "GET" else request.POST
    params = {name: source.get(name, "") for name in AUTHORIZE_PARAMS}
    # A wrong client or redirect URI is shown here, never redirected to (RFC 6749 §4.1.2.1).
    if params["client_id"] != settings.MOTCUA_VNEID_SIMULATOR_CLIENT_ID or not (
        _redirect_uri_allowed(request, params["redirect_uri"])
    ):
        return render(
            request,
            "identity/simulator/authorize.html",
            {"refused": _("Ứng dụng yêu cầu đăng nhập không hợp lệ.")},
            status=400,
        )

    def back(**answer) -> HttpResponseRedirect:
        answer |= {"state": params["state"]} if params["state"] else {}
        return HttpResponseRedirect(f"{params['redirect_uri']}?{urlencode(answer)}")

    if params["response_type"] != "code":
        return back(error="unsupported_response_type")
    if "openid" not in params["scope"].split():
        return back(error="invalid_scope")
    if request.method == "GET":
        return render(
            request,
            "identity/simulator/authorize.html",
            {"params": params, "people": people(), "organisations": organisations()},
        )
    if "cancel" in request.POST:
        return back(error="access_denied")
    person = _person(request.POST.get("person", ""))
    if person is None:
        return render(
            request,
            "identity/simulator/authorize.html",
            {
                "params": params,
                "people": people(),
                "organisations": organisations(),
                "error": _("Chọn một công dân hoặc một tổ chức trong danh sách."),
            },
            status=400,
        )
    code = secrets.token_urlsafe(32)
    store.set(
        f"vneid-sim:code:{code}",
        {
            "client_id": params["client_id"],
            "redirect_uri": params["redirect_uri"],
            "nonce": params["nonce"],
            "person": _key(person),
        },
        CODE_SECONDS,
    )
    return back(code=code)


def _token_error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


def _client_credentials(request) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return "", ""
        return client_id, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


@csrf_exempt
@simulator_only
@require_POST
def token(request):
    client_id, secret = _client_credentials(request)
    if not (
        constant_time_compare(client_id, settings.MOTCUA_VNEID_SIMULATOR_CLIENT_ID)
        and constant_time_compare(secret, settings.MOTCUA_VNEID_SIMULATOR_CLIENT_SECRET)
    ):
        return _token_error("invalid_client", status=401)
    if request.POST.get("grant_type") != "authorization_code":
        return _token_error("unsupported_grant_type")
    key = f"vneid-sim:code:{request.POST.get('code', '')}"
    grant = store.get(key)
    # Each code once: whoever deletes it first has it.
    if grant is None or not store.delete(key):
        return _token_error("invalid_grant")
    if grant["client_id"] != client_id or grant["redirect_uri"] != request.POST.get("redirect_uri"):
        return _token_error("invalid_grant")
    claims = claims_of(_person(grant["person"]))
    access_token = secrets.token_urlsafe(32)
    store.set(f"vneid-sim:token:{access_token}", grant["person"], TOKEN_SECONDS)
    now = int(time.time())
    key = signing_key()
    id_token = jwt.encode(
        claims
        | {
            "iss": _issuer(request),
            "aud": client_id,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "nonce": grant["nonce"],
        },
        key,
        algorithm="RS256",
        headers={"kid": public_jwk(key)["kid"]},
    )
    response = JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": id_token,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@simulator_only
@require_http_methods(["GET", "POST"])
def userinfo(request):
    header = request.headers.get("Authorization", "")
    number = store.get(f"vneid-sim:token:{header.removeprefix('Bearer ')}")
    if not header.startswith("Bearer ") or number is None:
        response = JsonResponse({"error": "invalid_token"}, status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    return JsonResponse(claims_of(_person(number)))
