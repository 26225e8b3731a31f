"""The national identity adapter: VNeID sign-in over OpenID Connect (authorization-code flow) with
mozilla-django-oidc.

The library does the protocol (state, nonce, the token request, the ID token's signature against
the provider's JWKS); this module maps the claims to a citizen's or an organisation's account
(`MOTCUA_VNEID_CLAIMS` names the claims), refuses officers with a message, marks the session as
authenticated with VNeID, and resolves endpoints configured as a path ("on this server": the
simulator) to the loopback address for the server-to-server requests.
"""

import logging
from datetime import date

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from motcua.accounts.identity import PERSONAL_NUMBER, TAX_CODE
from motcua.core.errors import DomainError
from motcua.identity.selectors import VNEID_SESSION_KEY
from motcua.identity.services import IdentityClaims, account_for_identity

logger = logging.getLogger(__name__)

SERVER_ENDPOINTS = ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")


def on_this_server(request, endpoint: str) -> str:
    """An endpoint configured as a path is served by this very server: reach it through the
    loopback address on the port the request came in on (never through the Host header)."""
    if not endpoint.startswith("/"):
        return endpoint
    return f"{request.scheme}://127.0.0.1:{request.get_port()}{endpoint}"


def read_claims(claims: dict) -> IdentityClaims | None:
    """The claims as `IdentityClaims`, through the configured claim names: a citizen's with a
    valid personal number, an organisation's with a valid tax code; None otherwise."""
    names = settings.MOTCUA_VNEID_CLAIMS

    def text(key: str) -> str:
        value = claims.get(names[key])
        return str(value).strip() if value is not None else ""

    common = {"full_name": text("full_name"), "phone": text("phone"), "email": text("email")}
    if TAX_CODE.fullmatch(text("tax_code")):
        return IdentityClaims(tax_code=text("tax_code"), **common)
    number = text("personal_number")
    if not PERSONAL_NUMBER.fullmatch(number):
        return None
    try:
        born = date.fromisoformat(text("date_of_birth")) if text("date_of_birth") else None
    except ValueError:
        born = None
    return IdentityClaims(personal_number=number, date_of_birth=born, **common)


class NationalIdentityBackend(OIDCAuthenticationBackend):
    """Authenticates the OIDC callback as the citizen the national identity names."""

    def authenticate(self, request, **kwargs):
        if request is not None:
            for name in SERVER_ENDPOINTS:
                setattr(self, name, on_this_server(request, getattr(self, name)))
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The library leaves the audience unchecked: an ID token issued to another client of
        # the same provider must not sign anyone in here.
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued for another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about another subject than the ID token")
        # Claims may come in the ID token, the userinfo response, or both.
        return payload | userinfo

    def verify_claims(self, claims):
        return read_claims(claims) is not None

    def filter_users_by_claims(self, claims):
        # The account is found (or made) by the personal number in create_user.
        return self.UserModel.objects.none()

    def create_user(self, claims):
        try:
            return account_for_identity(claims=read_claims(claims))
        except DomainError as exc:
            # The callback view tells the citizen why (the library only logs the refusal).
            self.request.identity_refusal = exc.message
            raise SuspiciousOperation(exc.code) from exc


class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider (with state, nonce and the safe `next`)."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.MOTCUA_VNEID:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signs the citizen in, or says why not."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.MOTCUA_VNEID:
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            # A forged or replayed callback, a refused code, a bad signature, an unreachable
            # provider: nobody is signed in, and the citizen may try again.
            logger.warning("VNeID sign-in refused: %s", exc)
            return self.login_failure()

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def login_failure(self):
        if self.request.GET.get("error") == "access_denied":
            messages.error(self.request, _("Bạn đã hủy đăng nhập bằng VNeID."))
        else:
            messages.error(
                self.request,
                getattr(self.request, "identity_refusal", None)
                or _("Không đăng nhập được bằng VNeID. Vui lòng thử lại sau ít phút."),
            )
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        response = super().login_success()
        self.request.session[VNEID_SESSION_KEY] = True
        return response
