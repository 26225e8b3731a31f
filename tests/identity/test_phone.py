"""Phone verification of local accounts: a 6-digit code by SMS, kept hashed, good for 5 minutes
and 5 wrong tries, at most one a minute; the account records the verified number and when."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail

from motcua.accounts.services import register_citizen
from motcua.core import clock
from motcua.identity import sms
from motcua.identity.models import PhoneVerification
from motcua.identity.selectors import verified_phone

# The expected rules, copied here rather than read from the code they check.
LIFETIME = timedelta(minutes=5)
RESEND_AFTER = timedelta(seconds=60)
MAX_WRONG = 5

MORNING = datetime(2026, 3, 4, 9, 0, tzinfo=clock.VN_TZ)
REGISTRATION = {
    "full_name": "Lê Thị Cúc",
    "id_number": "099195007777",
    "date_of_birth": "1995-03-08",
    "phone": "0934 567 890",
    "email": "cuc.le@example.com",
    "password1": "Hoa-sen-2026",
    "password2": "Hoa-sen-2026",
}


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text)[1]


def other_than(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.fixture
def frozen_clock():
    with clock.frozen(MORNING):
        yield


@pytest.fixture
def registered(client, frozen_clock, django_capture_on_commit_callbacks):
    """Lê Thị Cúc registered and confirmed her e-mail: signed in, an SMS code on its way."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dang-ky/", REGISTRATION)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/xac-thuc-email/", {"code": code_in(mail.outbox[-1].body)})
    assert response["Location"] == "/xac-thuc-so-dien-thoai/?next=%2F"
    assert SESSION_KEY in client.session
    return response.wsgi_request.user


def sms_code() -> str:
    return code_in(sms.outbox[-1].body)


def verify(client, code: str, **extra):
    return client.post("/xac-thuc-so-dien-thoai/", {"code": code, **extra})


@pytest.mark.django_db
def test_the_right_code_verifies_the_phone_and_the_account_records_it(client, registered):
    page = client.get("/xac-thuc-so-dien-thoai/?next=/ho-so-cua-toi/").content.decode()
    assert "0934567890" in page
    assert "5 phút" in page
    [message] = sms.outbox
    assert message.phone == "0934567890"
    assert "Mã xác thực số điện thoại" in message.body
    # Only the hash is kept.
    assert sms_code() not in PhoneVerification.objects.get().code_hash

    clock.advance(timedelta(minutes=2))
    response = verify(client, sms_code(), next="/ho-so-cua-toi/")

    assert response.status_code == 302
    assert response["Location"] == "/ho-so-cua-toi/"
    record = verified_phone(registered)
    assert (record.phone, record.verified_at) == ("0934567890", MORNING + timedelta(minutes=2))
    account = client.get("/tai-khoan/").content.decode()
    assert "đã xác thực lúc 09:02 04/03/2026" in account
    # Verified: the page says so instead of asking again.
    assert client.get("/xac-thuc-so-dien-thoai/")["Location"] == "/tai-khoan/"


@pytest.mark.django_db
def test_a_wrong_code_is_counted_and_five_need_a_new_code(client, registered):
    code = sms_code()
    response = verify(client, other_than(code))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mã không đúng: nhập 6 chữ số trong tin nhắn chúng tôi vừa gửi." in html
    assert 'aria-describedby="id_code-help id_code-error"' in html
    assert PhoneVerification.objects.get().attempts == 1

    for _ in range(MAX_WRONG - 1):
        verify(client, other_than(code))
    response = verify(client, code)

    assert "Bạn đã nhập sai quá nhiều lần" in response.content.decode()
    assert PhoneVerification.objects.get().attempts == MAX_WRONG
    assert verified_phone(registered) is None


@pytest.mark.django_db
def test_a_code_expires_after_five_minutes(client, registered, django_capture_on_commit_callbacks):
    code = sms_code()
    clock.advance(LIFETIME)

    response = verify(client, code)

    assert "Mã đã hết hạn" in response.content.decode()
    assert verified_phone(registered) is None
    # A new code works; the old one no longer does.
    with django_capture_on_commit_callbacks(execute=True):
        with_new = client.post("/xac-thuc-so-dien-thoai/", {"resend": "1"}, follow=True)
    assert "Chúng tôi đã gửi mã xác thực" in with_new.content.decode()
    assert len(sms.outbox) == 2
    if code != sms_code():  # one chance in a million that the new code is the same
        assert "Mã không đúng" in verify(client, code).content.decode()
    assert verify(client, sms_code()).status_code == 302


@pytest.mark.django_db
def test_a_new_code_at_most_once_a_minute(client, registered, django_capture_on_commit_callbacks):
    clock.advance(RESEND_AFTER - timedelta(seconds=20))
    response = client.post("/xac-thuc-so-dien-thoai/", {"resend": "1"}, follow=True)

    assert "Vui lòng chờ 20 giây" in response.content.decode()
    assert len(sms.outbox) == 1

    clock.advance(timedelta(seconds=20))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/xac-thuc-so-dien-thoai/", {"resend": "1"})
    assert len(sms.outbox) == 2
    assert PhoneVerification.objects.count() == 1  # the earlier code stopped working


@pytest.mark.django_db
def test_a_banner_asks_until_the_phone_is_verified(client, registered):
    banner = "Số điện thoại của Ông/Bà chưa được xác thực."
    home = client.get("/").content.decode()
    assert banner in home
    assert "/xac-thuc-so-dien-thoai/?next=/" in home
    assert "chưa xác thực" in client.get("/tai-khoan/").content.decode()

    verify(client, sms_code())

    assert banner not in client.get("/").content.decode()


@pytest.mark.django_db
def test_signing_in_again_brings_the_banner_back_while_unverified(client, registered):
    client.post("/dang-xuat/")
    client.post("/dang-nhap/", {"identifier": "099195007777", "password": "Hoa-sen-2026"})
    assert "chưa được xác thực" in client.get("/").content.decode()


@pytest.mark.django_db
def test_accounts_not_registered_here_see_no_banner_and_officers_have_no_phone_page(client):
    citizen = register_citizen(
        full_name="Trần Thị Bình",
        id_type="cccd",
        id_number="099190001234",
        phone="0912345678",
        password="demo@AnHoa2026",
    )
    client.post("/dang-nhap/", {"identifier": "099190001234", "password": "demo@AnHoa2026"})
    assert client.session[SESSION_KEY] == str(citizen.pk)
    assert "chưa được xác thực" not in client.get("/").content.decode()

    client.post("/dang-xuat/")
    assert client.get("/xac-thuc-so-dien-thoai/")["Location"].startswith("/dang-nhap/?next=")
    assert client.get("/tai-khoan/")["Location"].startswith("/dang-nhap/?next=")
