"""Fixtures for the sign-in tests: both ways of signing in on, text messages kept in
`identity.sms.outbox`, a simulator key of the session, a `requests` transport that carries the
relying party's server-to-server calls (token, userinfo, JWKS) to this Django through the test
client — the real protocol, without a listening socket."""

from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from motcua.identity import sms


@pytest.fixture(autouse=True)
def _identity(settings, tmp_path_factory):
    settings.MOTCUA_VNEID_SIMULATOR = True
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    settings.VAR_DIR = tmp_path_factory.getbasetemp() / "identity-var"
    # Text messages go to `identity.sms.outbox`, as e-mails go to `mail.outbox`.
    settings.MOTCUA_SMS_BACKEND = "motcua.identity.sms.OutboxBackend"
    sms.outbox.clear()


class DjangoTransport(requests.adapters.BaseAdapter):
    """A requests adapter answering from the Django test client; `tamper(path, response)` may
    change an answer on its way back (a forged provider)."""

    def __init__(self, tamper=None):
        super().__init__()
        self.tamper = tamper
        self.calls: list[str] = []

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        self.calls.append(url.path)
        headers = {
            f"HTTP_{name.upper().replace('-', '_')}": value
            for name, value in request.headers.items()
            if name.lower() not in {"content-type", "content-length", "host"}
        }
        answer = Client().generic(
            request.method,
            url.path + (f"?{url.query}" if url.query else ""),
            data=request.body or b"",
            content_type=request.headers.get("Content-Type", ""),
            HTTP_HOST=url.netloc,
            **headers,
        )
        if self.tamper is not None:
            answer = self.tamper(url.path, answer)
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers.items())
        response._content = answer.content
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


@pytest.fixture
def provider(monkeypatch):
    """Routes the loopback address to Django; returns the transport (set `.tamper` to forge)."""
    transport = DjangoTransport()
    original = requests.Session.get_adapter

    def get_adapter(session, url):
        if urlsplit(url).hostname == "127.0.0.1":
            return transport
        return original(session, url)

    monkeypatch.setattr(requests.Session, "get_adapter", get_adapter)
    return transport
