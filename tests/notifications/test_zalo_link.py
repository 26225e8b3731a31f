"""A citizen links their account to the province's Zalo OA: the account page gives a code, the
citizen sends it to the OA, and Zalo's signed webhook event links the sender — driven through
the simulated Zalo platform over real HTTP. Forged events, stale codes and officers change
nothing; unfollowing the OA or unlinking (after a confirmation) ends the link."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client

from motcua.accounts.services import register_citizen
from motcua.core import clock
from motcua.notifications import zalo
from motcua.notifications.contrib.zalo_oa.plugin import event_signature
from motcua.notifications.models import ZaloAccount, ZaloLinkCode
from motcua.notifications.simulators.zalo_events import shaped_event
from tests.notifications.gateways import ZALO_APP, use_gateways

pytestmark = pytest.mark.django_db(transaction=True)
ZALO_ID = "8801234567890123456"


@pytest.fixture
def oa(settings, live_server):
    use_gateways(settings, live_server)
    return live_server


@pytest.fixture
def citizen():
    return register_citizen(
        full_name="Lê Thị Cúc", id_type="cccd", id_number="099195007777", phone="0934567890"
    )


@pytest.fixture
def browser(citizen) -> Client:
    client = Client()
    client.force_login(citizen)
    return client


def _code_on_page(browser: Client) -> str:
    page = browser.post("/tai-khoan/zalo/", follow=True).content.decode()
    return re.search(r'id="zalo-code">LK ([A-Z0-9]{8})<', page)[1]


def _user_writes(text: str, *, event: str = "user_send_text") -> str:
    """The simulator's form: a Zalo user acts; what the page then says."""
    page = Client().post(
        "/_sim/thong-bao/zalo/nguoi-dung/",
        {"zalo_user_id": ZALO_ID, "event": event, "text": text},
        follow=True,
    )
    return page.content.decode()


def test_sending_the_code_to_the_oa_links_the_account(oa, citizen, browser):
    code = _code_on_page(browser)
    said = _user_writes(f"Xin chào, mã của tôi: lk-{code.lower()}")
    assert (
        "Webhook của OA đã nhận sự kiện: đã liên kết người dùng Zalo này với tài khoản có mã (linked)."
        in said
    )

    account = ZaloAccount.objects.get(user=citizen)
    assert account.zalo_user_id == ZALO_ID
    assert not ZaloLinkCode.objects.exists()  # used once
    page = browser.get("/tai-khoan/zalo/").content.decode()
    assert "Tài khoản đã liên kết với Zalo" in page
    # The same code a second time links nothing more.
    assert "(no_code)." in _user_writes(f"LK {code}")


def test_a_text_without_a_live_code_links_nobody(oa, citizen, browser):
    code = _code_on_page(browser)
    assert "(no_code)." in _user_writes("Cho tôi hỏi thủ tục khai sinh")
    assert "(no_code)." in _user_writes("LK ABCDEFGH")
    ZaloLinkCode.objects.update(expires_at=clock.now() - timedelta(seconds=1))
    assert "(no_code)." in _user_writes(f"LK {code}")
    assert not ZaloAccount.objects.exists()


def test_a_forged_or_foreign_event_is_refused_and_changes_nothing(oa, citizen, browser):
    code = _code_on_page(browser)
    shaped = shaped_event(zalo_user_id=ZALO_ID, event="user_send_text", text=f"LK {code}")
    raw = json.dumps(shaped).encode()
    good = event_signature(
        raw, app_id=ZALO_APP["app_id"], timestamp=shaped["timestamp"], secret="khoa-doan-bua"
    )
    foreign = json.dumps(shaped | {"app_id": "999"}).encode()
    for body, signature in [
        (raw, good),  # signed with a guessed secret
        (raw, ""),
        (
            foreign,
            event_signature(
                foreign,
                app_id="999",
                timestamp=shaped["timestamp"],
                secret=ZALO_APP["oa_secret_key"],
            ),
        ),
    ]:
        answer = Client().post(
            "/zalo-oa/webhook/",
            body,
            content_type="application/json",
            HTTP_X_ZEVENT_SIGNATURE=signature,
        )
        assert answer.status_code == 403
    assert not ZaloAccount.objects.exists()
    assert ZaloLinkCode.objects.filter(code=code).exists()


def test_unfollowing_the_oa_ends_the_link(oa, citizen, browser):
    _user_writes(f"LK {_code_on_page(browser)}")
    assert "(unlinked)." in _user_writes("", event="unfollow")
    assert not ZaloAccount.objects.exists()
    assert "Lấy mã liên kết" in browser.get("/tai-khoan/zalo/").content.decode()


def test_unlinking_on_the_account_page_asks_first(oa, citizen, browser):
    _user_writes(f"LK {_code_on_page(browser)}")
    asked = browser.get("/tai-khoan/zalo/huy/").content.decode()
    assert "Hủy liên kết Zalo?" in asked
    assert ZaloAccount.objects.filter(user=citizen).exists()
    done = browser.post("/tai-khoan/zalo/huy/", follow=True).content.decode()
    assert "Đã hủy liên kết Zalo." in done
    assert not ZaloAccount.objects.exists()


def test_a_new_code_replaces_the_old_one(oa, citizen, browser):
    first = _code_on_page(browser)
    second = _code_on_page(browser)
    assert first != second
    assert "(no_code)." in _user_writes(f"LK {first}")
    assert "(linked)." in _user_writes(f"LK {second}")


def test_without_zalo_the_page_says_so_and_gives_no_code(settings, citizen, browser):
    settings.MOTCUA_NOTIFY_ZALO = {}
    page = browser.post("/tai-khoan/zalo/", follow=True).content.decode()
    assert "Hiện cơ quan chưa gửi thông báo qua Zalo" in page
    assert not ZaloLinkCode.objects.exists()
    assert (
        Client().post("/zalo-oa/webhook/", b"{}", content_type="application/json").status_code
        == 404
    )


def test_the_link_code_alphabet_avoids_lookalikes(citizen):
    codes = {zalo.new_link_code(user=citizen).code for _ in range(50)}
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", code) for code in codes)
    assert ZaloLinkCode.objects.count() == 1
