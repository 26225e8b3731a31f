"""A session that expires in the middle of the wizard: what the citizen typed on the page they
posted is kept, they sign in again and find it on that step; nobody else who signs in on that
browser gets it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from motcua.core import clock
from motcua.demo.seed import DEMO_PASSWORD
from motcua.filing.kept import SESSION_KEY
from motcua.filing.models import Draft
from tests.filing.wizard import AN_HOA, BINH, HUNG, applicant_data, form_data, start

pytestmark = pytest.mark.django_db

KEPT_NOTICE = "Phiên làm việc đã hết hạn; những gì Ông/Bà vừa nhập đã được giữ lại."


@pytest.fixture
def browser(demo_province, private_root, settings, client):
    settings.MOTCUA_LOCAL_ACCOUNTS = True
    return client


def _sign_in(client, username: str, next_url: str = "") -> str:
    data = {"identifier": username, "password": DEMO_PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/dang-nhap/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _expire(client) -> None:
    """The session times out on the server, as it does after a long pause; the browser still
    sends its cookie."""
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=clock.now() - timedelta(days=1))


def _draft(base: str) -> Draft:
    return Draft.objects.get(pk=base.rstrip("/").rsplit("/", 1)[1])


def _typed_by_binh():
    return applicant_data(
        name="Trần Thị Bình",
        phone="0987 654 321",
        address="Số 45 đường Trần Phú, phường An Hòa",
    )


def test_what_was_typed_survives_an_expired_session_and_a_new_sign_in(browser):
    _sign_in(browser, BINH)
    base = start(browser)
    browser.post(base + "noi-nop/", {"agency": AN_HOA, "action": "next"})
    _expire(browser)

    response = browser.post(base + "nguoi-nop/", _typed_by_binh())
    step_url = base + "nguoi-nop/"
    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next={step_url}"
    assert "nguoi-nop" not in _draft(base).data
    sign_in_page = browser.get(response["Location"]).content.decode()
    assert "Ông/Bà vui lòng đăng nhập lại để tiếp tục" in sign_in_page

    assert _sign_in(browser, BINH, next_url=step_url) == step_url
    page = browser.get(step_url)
    text = page.content.decode()
    assert page.status_code == 200
    assert KEPT_NOTICE in text
    assert 'value="0987 654 321"' in text
    assert "Số 45 đường Trần Phú, phường An Hòa" in text
    assert _draft(base).data["nguoi-nop"]["phone"] == "0987 654 321"
    assert "action" not in _draft(base).data["nguoi-nop"]
    # Kept once: the next visit shows the saved draft without the notice.
    again = browser.get(step_url).content.decode()
    assert KEPT_NOTICE not in again
    assert 'value="0987 654 321"' in again


def test_a_field_checked_after_the_session_expired_is_kept_too(browser):
    _sign_in(browser, BINH)
    base = start(browser)
    _expire(browser)
    typed = form_data(ho_ten_tre="Nguyễn Trần An Khuê")
    del typed["action"]
    checked = browser.post(
        base + "to-khai/kiem-tra/?field=ho_ten_tre", typed, headers={"HX-Request": "true"}
    )
    # Nothing is swapped into the page; its button then leads to the sign-in.
    assert checked.status_code == 204
    _sign_in(browser, BINH, next_url=base + "to-khai/")
    text = browser.get(base + "to-khai/").content.decode()
    assert KEPT_NOTICE in text
    assert 'value="Nguyễn Trần An Khuê"' in text


def test_someone_else_signing_in_on_that_browser_gets_nothing(browser):
    _sign_in(browser, BINH)
    base = start(browser)
    _expire(browser)
    browser.post(base + "nguoi-nop/", _typed_by_binh())

    _sign_in(browser, HUNG, next_url=base + "nguoi-nop/")
    response = browser.get(base + "nguoi-nop/")
    assert response.status_code == 404
    assert "0987 654 321" not in response.content.decode()
    assert "nguoi-nop" not in _draft(base).data
    assert not browser.session.get(SESSION_KEY)
    # His own filing shows no notice and nothing of hers.
    his = start(browser)
    text = browser.get(his + "nguoi-nop/").content.decode()
    assert KEPT_NOTICE not in text
    assert "0987 654 321" not in text
