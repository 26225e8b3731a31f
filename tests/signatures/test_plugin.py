"""The signing plug-in on the signer's computer: its simulator (a local HTTP service holding the
token) in a thread, driven first over raw HTTP the way plugin.js drives it, then by Chromium on
the officer's signing page; the PDF it signs validates with pyHanko."""

import base64

import pytest
import requests
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from motcua.core.errors import ValidationFailed
from motcua.signatures import services
from motcua.signatures.models import CredentialKind, SessionStatus, SigningSession
from motcua.signatures.simulators import plugin_service
from motcua.signatures.validation import check_pdf
from tests.backoffice.officers import verified_login
from tests.signatures.pdfs import decision_pdf, demo_pki
from tests.signatures.signing import (
    NEXT,
    PIN,
    leader,
    personal_credential,
    plugin_token,
    use_stores,
)

ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def stores(settings, tmp_path):
    yield from use_stores(settings, tmp_path)


@pytest.fixture
def plugin(stores):
    """The simulator with the leader's token and a stranger's (another CA's certificate)."""
    plugin_token(stores)
    plugin_token(stores, demo_pki().seal, token_id="token-khac")
    server = plugin_service.start(tokens_dir=stores / "tokens", allowed_origins=[ORIGIN])
    yield server
    server.shutdown()
    server.server_close()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_the_plugin_lists_the_tokens_certificates_for_the_installation_only(plugin):
    answer = requests.get(f"{plugin.url}/certificates", headers={"Origin": ORIGIN}, timeout=5)
    assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
    listed = {item["id"]: item for item in answer.json()["certificates"]}
    assert set(listed) == {"token-binh", "token-khac"}
    assert base64.b64decode(listed["token-binh"]["certificate"]) == (
        demo_pki().leader.certificate_der()
    )
    assert listed["token-binh"]["name"] == "Trần Thị Bình — UBND xã Tân Phú"

    elsewhere = requests.get(
        f"{plugin.url}/certificates", headers={"Origin": "http://ke-gian.example"}, timeout=5
    )
    assert elsewhere.status_code == 403
    assert "Access-Control-Allow-Origin" not in elsewhere.headers


def test_the_plugin_refuses_a_wrong_pin(plugin):
    answer = requests.post(
        f"{plugin.url}/sign",
        json={"certificate_id": "token-binh", "data": b64(b"du lieu"), "pin": "000000"},
        timeout=5,
    )
    assert answer.status_code == 403
    assert answer.json() == {"error": "wrong_pin", "message": "Mã PIN không đúng."}


@pytest.mark.django_db
def test_certificate_then_signature_through_the_plugin_signs_the_pdf(plugin):
    user = leader()
    credential = personal_credential(user, CredentialKind.PLUGIN)
    session = services.start(
        user=user,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky_ca_nhan",
        appearance=None,
        reason="Phê duyệt kết quả",
        location="UBND xã Tân Phú",
        purpose="test.plugin:1",
        next_url=NEXT,
    )
    assert session.status == SessionStatus.WAITING_CERTIFICATE
    listed = {
        item["id"]: item
        for item in requests.get(f"{plugin.url}/certificates", timeout=5).json()["certificates"]
    }

    with pytest.raises(ValidationFailed) as wrong:
        services.attach_certificate(
            user=user,
            session=session,
            certificate=base64.b64decode(listed["token-khac"]["certificate"]),
            chain=[],
        )
    assert wrong.value.code == "wrong_certificate"

    to_be_signed = services.attach_certificate(
        user=user,
        session=session,
        certificate=base64.b64decode(listed["token-binh"]["certificate"]),
        chain=[base64.b64decode(der) for der in listed["token-binh"]["chain"]],
    )
    signed = requests.post(
        f"{plugin.url}/sign",
        json={"certificate_id": "token-binh", "data": b64(to_be_signed), "pin": PIN},
        timeout=5,
    ).json()
    session = services.finish_with_signature(
        user=user, session=session, signature=base64.b64decode(signed["signature"])
    )

    assert session.status == SessionStatus.SIGNED
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.signer == "Trần Thị Bình"
    assert check.valid
    assert check.trusted


def _officer_page(chromium, live_server, user):
    client = verified_login(Client(), user)
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def _plugin_at(settings, url: str) -> None:
    """The plug-in's address, and the page's CSP allowing the browser to call it (as settings.py
    does for the configured address)."""
    settings.MOTCUA_SIGNING_PLUGIN_URL = url
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {**policy["DIRECTIVES"], "connect-src": ["'self'", url]},
    }


@pytest.fixture
def browser_plugin(settings, stores, live_server):
    plugin_token(stores)
    server = plugin_service.start(tokens_dir=stores / "tokens", allowed_origins=[live_server.url])
    _plugin_at(settings, server.url)
    yield server
    server.shutdown()
    server.server_close()


def _plugin_session(user) -> SigningSession:
    from motcua.signatures import stamps

    credential = personal_credential(user, CredentialKind.PLUGIN)
    credential.image = stamps.demo_signature_png(user.full_name)
    credential.save()
    appearance = stamps.personal(
        page=-1,
        box=(330.0, 420.0, 540.0, 560.0),
        capacity="KT.",
        title="Chủ tịch\nPhó Chủ tịch",
        name=user.full_name,
        signed_at=demo_pki().leader.certificate.not_valid_before_utc,
        image=None,
    )
    return services.start(
        user=user,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky_ca_nhan",
        appearance={**services.appearance_data(appearance), "image": True},
        reason="Phê duyệt kết quả",
        location="UBND xã Tân Phú",
        description="Quyết định cấp giấy phép xây dựng",
        purpose="test.plugin:browser",
        next_url=NEXT,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_signs_on_the_page_through_the_plugin(chromium, live_server, browser_plugin):
    user = leader()
    session = _plugin_session(user)
    context, page = _officer_page(chromium, live_server, user)
    try:
        page.goto(f"{live_server.url}/can-bo/ky-so/{session.pk}/")
        expect(page.get_by_text("Quyết định cấp giấy phép xây dựng")).to_be_visible()
        expect(page.get_by_label("Chứng thư số")).to_be_enabled()
        expect(page.get_by_label("Chứng thư số")).to_contain_text("Trần Thị Bình")

        page.get_by_label("Mã PIN của thiết bị ký số").fill("000000")
        page.get_by_role("button", name="Ký số", exact=True).click()
        # The server prepares the PDF first: on a cold machine its stamp font is cut from the
        # variable font then (a few seconds), hence the longer wait.
        expect(page.get_by_text("Mã PIN không đúng. Hãy nhập lại.")).to_be_visible(timeout=30_000)

        page.get_by_label("Mã PIN của thiết bị ký số").fill(PIN)
        page.get_by_role("button", name="Ký số", exact=True).click()
        page.wait_for_url(f"{live_server.url}{NEXT}")
    finally:
        context.close()

    session.refresh_from_db()
    assert session.status == SessionStatus.SIGNED
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.signer == "Trần Thị Bình"
    assert check.valid
    assert check.trusted


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_says_when_the_plugin_is_not_running(settings, chromium, live_server, stores):
    _plugin_at(settings, "http://127.0.0.1:9")
    user = leader()
    session = _plugin_session(user)
    context, page = _officer_page(chromium, live_server, user)
    try:
        page.goto(f"{live_server.url}/can-bo/ky-so/{session.pk}/")
        expect(page.get_by_role("alert")).to_contain_text(
            "Chưa kết nối được phần mềm ký số trên máy tính"
        )
        expect(page.get_by_role("button", name="Ký số", exact=True)).to_be_disabled()
    finally:
        context.close()
