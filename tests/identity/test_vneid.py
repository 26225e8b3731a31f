"""VNeID sign-in through the local identity provider: the whole authorization-code round trip,
and the forged, replayed and refused ones."""

import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.http import JsonResponse

from motcua.accounts.models import User, UserKind
from motcua.accounts.services import register_citizen, register_organisation
from motcua.identity.selectors import authenticated_with_vneid
from motcua.identity.simulator import signing_key

BINH = "099190001234"  # Trần Thị Bình in the demo's people.json


def start(client, next_url=None):
    """The sign-in button: to the provider's authorization page; returns its URL."""
    response = client.get("/dang-nhap/vneid/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/vneid-mo-phong/authorize?")
    return location


def pick(client, authorize_url, person=BINH):
    """Picks a citizen on the provider's page; returns the callback URL it sends the browser to."""
    page = client.get(authorize_url)
    assert page.status_code == 200
    params = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
    response = client.post("/vneid-mo-phong/authorize", params | {"person": person})
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, person=BINH, next_url=None):
    callback = pick(client, start(client, next_url), person)
    return client.get(callback)


def refusal(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.django_db
def test_round_trip_creates_the_citizen_and_marks_the_session(client, provider):
    authorize = start(client)
    query = parse_qs(urlsplit(authorize).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["motcua-mo-phong"]
    assert query["state"]
    assert query["nonce"]
    page = client.get(authorize)
    assert "Trần Thị Bình" in page.content.decode()
    assert "Nguyễn Văn Hùng" in page.content.decode()

    callback = pick(client, authorize)
    assert callback.startswith("http://testserver/dang-nhap/vneid/tra-ve/?")
    assert parse_qs(urlsplit(callback).query)["state"] == query["state"]
    response = client.get(callback)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(id_number=BINH)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert authenticated_with_vneid(response.wsgi_request)
    assert (user.kind, user.full_name, user.phone, user.email, user.date_of_birth) == (
        UserKind.CITIZEN,
        "Trần Thị Bình",
        "0912345678",
        "binh.tran@example.com",
        date(1990, 5, 14),
    )
    assert not user.has_usable_password()
    # The relying party really spoke to the provider: code for tokens, the keys, the claims.
    assert provider.calls == [
        "/vneid-mo-phong/token",
        "/vneid-mo-phong/jwks",
        "/vneid-mo-phong/userinfo",
    ]


@pytest.mark.django_db
def test_an_organisations_vneid_account_signs_in_as_the_organisation(client, provider):
    # Công ty TNHH Thương mại An Phát, an organisation in the demo's people.json.
    assert "Công ty TNHH Thương mại An Phát" in client.get(start(client)).content.decode()
    existing = register_organisation(
        full_name="Cong ty An Phat", tax_code="0109876532", password="Cong-ty-cu-2025"
    )

    response = sign_in(client, person="0109876532")

    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(existing.pk)
    assert authenticated_with_vneid(response.wsgi_request)
    existing.refresh_from_db()
    assert (existing.kind, existing.full_name, existing.phone, existing.email) == (
        UserKind.ORGANISATION,
        "Công ty TNHH Thương mại An Phát",
        "02993812345",
        "lienhe@anphat.example.com",
    )
    assert existing.check_password("Cong-ty-cu-2025")

    # Unknown here yet: the account is made, with no password.
    existing.delete()
    client.post("/dang-xuat/")
    sign_in(client, person="0109876532")
    made = User.objects.get(tax_code="0109876532")
    assert made.kind == UserKind.ORGANISATION
    assert not made.has_usable_password()
    assert client.session[SESSION_KEY] == str(made.pk)


@pytest.mark.django_db
def test_an_existing_citizen_is_brought_up_to_date(client, provider):
    citizen = register_citizen(
        full_name="Tran Thi Binh",
        id_type="cccd",
        id_number=BINH,
        phone="0900000000",
        password="mat-khau-cu-2025",
    )

    sign_in(client)

    citizen.refresh_from_db()
    assert User.objects.filter(id_number=BINH).count() == 1
    assert (citizen.full_name, citizen.phone, citizen.email) == (
        "Trần Thị Bình",
        "0912345678",
        "binh.tran@example.com",
    )
    assert citizen.check_password("mat-khau-cu-2025")
    assert client.session[SESSION_KEY] == str(citizen.pk)


@pytest.mark.django_db
def test_next_is_followed_when_it_stays_on_the_site(client, provider):
    response = sign_in(client, next_url="/ho-so/cua-toi/?trang=2")
    assert response["Location"] == "/ho-so/cua-toi/?trang=2"


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["https://lua-dao.example/", "//lua-dao.example/x"])
def test_an_unsafe_next_is_ignored(client, provider, unsafe):
    response = sign_in(client, next_url=unsafe)
    assert response["Location"] == "/"
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_an_id_token_with_a_bad_signature_signs_nobody_in(client, provider):
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def forge(path, answer):
        if path != "/vneid-mo-phong/token":
            return answer
        body = answer.json()
        claims = jwt.decode(body["id_token"], options={"verify_signature": False})
        header = jwt.get_unverified_header(body["id_token"])
        body["id_token"] = jwt.encode(
            claims | {"name": "Kẻ Giả Mạo"}, forger, algorithm="RS256", headers=header
        )
        return JsonResponse(body)

    provider.tamper = forge
    response = sign_in(client)

    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(id_number=BINH).exists()
    assert "Không đăng nhập được bằng VNeID" in refusal(response)


@pytest.mark.django_db
def test_an_id_token_issued_to_another_client_is_refused(client, provider):
    """Genuinely signed by the provider, but for another of its clients."""

    def other_audience(path, answer):
        if path != "/vneid-mo-phong/token":
            return answer
        body = answer.json()
        claims = jwt.decode(body["id_token"], options={"verify_signature": False})
        header = jwt.get_unverified_header(body["id_token"])
        body["id_token"] = jwt.encode(
            claims | {"aud": "ung-dung-khac"}, signing_key(), algorithm="RS256", headers=header
        )
        return JsonResponse(body)

    provider.tamper = other_audience
    response = sign_in(client)

    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_a_wrong_client_secret_is_refused_by_the_provider(client, provider, settings):
    settings.OIDC_RP_CLIENT_SECRET = "khong-dung"
    response = sign_in(client)

    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in client.session
    assert provider.calls == ["/vneid-mo-phong/token"]


@pytest.mark.django_db
def test_a_code_is_good_once(client, provider, settings):
    callback = pick(client, start(client))
    code = parse_qs(urlsplit(callback).query)["code"][0]
    assert client.get(callback)["Location"] == "/"

    # Replayed at the token endpoint by whoever saw it…
    replay = client.post(
        "/vneid-mo-phong/token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://testserver/dang-nhap/vneid/tra-ve/",
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
        },
    )
    assert replay.status_code == 400
    assert replay.json() == {"error": "invalid_grant"}

    # …or through another browser's fresh sign-in (a valid state of its own).
    other = type(client)()
    state = parse_qs(urlsplit(start(other)).query)["state"][0]
    response = other.get("/dang-nhap/vneid/tra-ve/", {"code": code, "state": state})
    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in other.session


@pytest.mark.django_db
def test_a_callback_without_the_sessions_state_is_refused(client, provider):
    callback = pick(client, start(client))
    stranger = type(client)()
    response = stranger.get(callback)
    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in stranger.session


@pytest.mark.django_db
def test_the_token_endpoint_checks_the_redirect_uri_and_expiry(client, settings, monkeypatch):
    callback = pick(client, start(client))
    code = parse_qs(urlsplit(callback).query)["code"][0]
    credentials = {
        "grant_type": "authorization_code",
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "client_secret": settings.OIDC_RP_CLIENT_SECRET,
    }
    wrong = client.post(
        "/vneid-mo-phong/token",
        credentials | {"code": code, "redirect_uri": "http://testserver/khac/"},
    )
    assert wrong.json() == {"error": "invalid_grant"}

    callback = pick(client, start(client))
    code = parse_qs(urlsplit(callback).query)["code"][0]
    later = time.time() + 61
    # The cache reads the time from `time.time` (a code lives 60 seconds).
    monkeypatch.setattr(time, "time", lambda: later)
    expired = client.post(
        "/vneid-mo-phong/token",
        credentials | {"code": code, "redirect_uri": "http://testserver/dang-nhap/vneid/tra-ve/"},
    )
    assert expired.json() == {"error": "invalid_grant"}


@pytest.mark.django_db
def test_the_provider_refuses_an_unknown_client_on_its_own_page(client):
    response = client.get(
        "/vneid-mo-phong/authorize",
        {
            "response_type": "code",
            "client_id": "ung-dung-la",
            "redirect_uri": "http://testserver/dang-nhap/vneid/tra-ve/",
            "scope": "openid",
            "state": "s",
        },
    )
    assert response.status_code == 400
    response = client.get(
        "/vneid-mo-phong/authorize",
        {
            "response_type": "code",
            "client_id": "motcua-mo-phong",
            "redirect_uri": "https://lua-dao.example/dang-nhap/vneid/tra-ve/",
            "scope": "openid",
            "state": "s",
        },
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_userinfo_needs_a_bearer_token(client):
    assert client.get("/vneid-mo-phong/userinfo").status_code == 401
    response = client.get("/vneid-mo-phong/userinfo", HTTP_AUTHORIZATION="Bearer sai")
    assert response.status_code == 401


@pytest.mark.django_db
def test_an_officer_account_never_signs_in_with_vneid(client, provider):
    officer = User.objects.create(
        username="cv.vneid", kind=UserKind.OFFICER, full_name="Trần Thị Bình"
    )
    User.objects.filter(pk=officer.pk).update(id_type="cccd", id_number=BINH)

    response = sign_in(client)

    assert response["Location"] == "/dang-nhap/"
    assert SESSION_KEY not in client.session
    assert "Tài khoản cán bộ, công chức không đăng nhập bằng VNeID" in refusal(response)
    page = client.get("/dang-nhap/")
    assert "Tài khoản cán bộ, công chức không đăng nhập bằng VNeID" in page.content.decode()


@pytest.mark.django_db
def test_cancel_on_the_provider_page_comes_back_with_a_message(client):
    authorize = start(client)
    params = {k: v[0] for k, v in parse_qs(urlsplit(authorize).query).items()}
    back = client.post("/vneid-mo-phong/authorize", params | {"cancel": "1"})
    assert parse_qs(urlsplit(back["Location"]).query)["error"] == ["access_denied"]

    response = client.get(back["Location"], follow=True)

    assert response.redirect_chain[-1][0] == "/dang-nhap/"
    assert "Bạn đã hủy đăng nhập bằng VNeID." in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_a_local_sign_in_is_not_a_vneid_one(client, provider):
    register_citizen(
        full_name="Trần Thị Bình", id_type="cccd", id_number=BINH, password="demo@AnHoa2026"
    )
    sign_in(client)
    response = client.post("/dang-nhap/", {"identifier": BINH, "password": "demo@AnHoa2026"})
    assert response.status_code == 302
    assert not authenticated_with_vneid(response.wsgi_request)


@pytest.mark.django_db
def test_discovery_and_keys(client):
    config = client.get("/vneid-mo-phong/.well-known/openid-configuration").json()
    assert config["token_endpoint"] == "http://testserver/vneid-mo-phong/token"
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    keys = client.get("/vneid-mo-phong/jwks").json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/vneid-mo-phong/.well-known/openid-configuration",
        "/vneid-mo-phong/authorize",
        "/vneid-mo-phong/jwks",
        "/vneid-mo-phong/userinfo",
    ],
)
def test_with_the_simulator_off_its_urls_are_not_there(client, settings, path):
    settings.MOTCUA_VNEID_SIMULATOR = False
    assert client.get(path).status_code == 404
    assert client.post("/vneid-mo-phong/token").status_code == 404
