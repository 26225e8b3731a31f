"""`POST /api/v1/auth/token`: a token for good credentials, one answer for every bad one, a limit."""

import time

import pytest
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.backoffice.officers import current_code
from tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token"
PASSWORD = "Mat-khau-2026!"
WRONG = {
    "code": "invalid_credentials",
    "message": "Tên đăng nhập hoặc mật khẩu không đúng. Công dân đăng nhập bằng số định danh cá "
    "nhân; quên mật khẩu thì liên hệ Bộ phận Một cửa.",
    "fields": {},
}


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The throttle counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen():
    user = UserFactory(username="099190001234")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_citizen_gets_a_token_that_authenticates_later_requests(citizen):
    client = APIClient()
    response = client.post(URL, {"username": "099190001234", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=citizen).key
    again = client.post(URL, {"username": "099190001234", "password": PASSWORD}, format="json")
    assert again.json() == {"token": token}

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/uploads", {}, format="multipart").status_code == 400


def test_form_encoded_credentials_work_too(citizen):
    response = APIClient().post(URL, {"username": "099190001234", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("username", "password"),
    [("099190001234", "sai-mat-khau"), ("000000000000", PASSWORD), ("099190001234 ", "x")],
)
def test_wrong_credentials_answer_the_same_whether_or_not_the_user_exists(
    citizen, username, password
):
    response = APIClient().post(URL, {"username": username, "password": password}, format="json")
    assert response.status_code == 400
    assert response.json() == WRONG
    assert not Token.objects.exists()


def test_an_inactive_account_is_refused_like_a_wrong_password():
    officer = OfficerFactory(username="cv.nghiviec", is_active=False)
    officer.set_password(PASSWORD)
    officer.save()
    response = APIClient().post(
        URL, {"username": "cv.nghiviec", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == WRONG


def test_missing_fields_are_named_in_vietnamese():
    response = APIClient().post(URL, {"username": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"] == {
        "username": ["Nhập tên đăng nhập (công dân nhập số định danh cá nhân)."],
        "password": ["Nhập mật khẩu."],
    }


def test_attempts_are_throttled_per_address_in_the_error_shape(citizen):
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(10):
        response = client.post(URL, {"username": "x", "password": "y"}, format="json")
        assert response.status_code == 400

    response = client.post(URL, {"username": "099190001234", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response.json() == {
        "code": "throttled",
        "message": "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
        "fields": {},
    }
    assert int(response["Retry-After"]) > 0

    other = APIClient(REMOTE_ADDR="203.0.113.8")
    assert other.post(URL, {"username": "x", "password": "y"}, format="json").status_code == 400


def test_the_endpoint_is_documented(client):
    schema = client.get("/api/v1/schema", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/auth/token"]["post"]
    assert set(operation["responses"]) == {"200", "400", "429"}
    assert operation["security"] == [{}]


def test_an_officer_needs_the_authenticator_code_too():
    client = APIClient()
    officer = OfficerFactory(username="cv.thu")
    officer.set_password(PASSWORD)
    officer.save()
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    bare = client.post(URL, {"username": "cv.thu", "password": PASSWORD}, format="json")
    assert bare.status_code == 400
    assert bare.json()["code"] == "otp_required"
    assert "otp" in bare.json()["fields"]
    wrong = client.post(
        URL, {"username": "cv.thu", "password": PASSWORD, "otp": "000000"}, format="json"
    )
    assert wrong.json()["code"] == "wrong_code"
    assert not Token.objects.filter(user=officer).exists()
    time.sleep(1.1)  # django-otp refuses any code for a second after a wrong one
    good = client.post(
        URL,
        {"username": "cv.thu", "password": PASSWORD, "otp": current_code(device)},
        format="json",
    )
    assert good.status_code == 200
    assert good.json()["token"] == Token.objects.get(user=officer).key
