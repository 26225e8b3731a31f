"""An officer's browser session reaches the API only once it passed the second factor, and an
authenticator removed by the administrator takes the API with it; API tokens end with a reset
password or a removed authenticator."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from motcua.accounts.models import Role
from motcua.accounts.services import remove_authenticator, reset_password
from tests.backoffice.officers import verified_login
from tests.factories import OfficerFactory, grant, province_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    tree = province_tree()
    officer = OfficerFactory(username="cv.thu")
    grant(officer, Role.SPECIALIST, tree.commune_a)
    chief = OfficerFactory(username="quantri", is_superuser=True, is_staff=True)
    grant(chief, Role.SYSTEM_ADMIN)
    return officer, chief


def test_a_password_only_session_does_not_reach_the_api(people):
    officer, _chief = people
    client = Client()
    client.force_login(officer)
    assert client.get("/api/v1/dossiers").status_code == 401
    verified_login(client, officer)
    assert client.get("/api/v1/dossiers").status_code == 200


def test_removing_the_authenticator_ends_the_sessions_api_and_the_tokens(people):
    officer, chief = people
    client = verified_login(Client(), officer)
    Token.objects.create(user=officer)
    assert client.get("/api/v1/dossiers").status_code == 200
    remove_authenticator(actor=chief, officer=officer)
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.get("/api/v1/dossiers").status_code == 401
    assert client.get("/can-bo/")["Location"].startswith("/can-bo/dang-nhap/")
    assert not Token.objects.filter(user=officer).exists()


def test_a_reset_password_ends_the_tokens(people):
    officer, chief = people
    token = Token.objects.create(user=officer)
    reset_password(actor=chief, officer=officer)
    assert not Token.objects.filter(key=token.key).exists()
