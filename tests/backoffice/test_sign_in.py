"""The officers' two-step sign-in: password, then the authenticator's code (or a recovery code);
enrolment on first sign-in; lockout after repeated failures; the session that ends when left idle;
the administration site behind the same two factors."""

import re
import time
from datetime import timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import two_factor
from motcua.accounts.models import UserKind
from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from tests.backoffice.officers import current_code, verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-can-bo-2026"
SIGN_IN = "/can-bo/dang-nhap/"


@pytest.fixture
def officer():
    user = UserFactory(username="motcua.thu", kind=UserKind.OFFICER, full_name="Lê Văn Thu")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def enrolled(officer):
    return TOTPDevice.objects.create(user=officer, name="app", confirmed=True)


def _password_step(client, username="motcua.thu", password=PASSWORD, next_url="/can-bo/"):
    return client.post(SIGN_IN, {"username": username, "password": password, "next": next_url})


def test_password_then_code_signs_in_and_returns_to_the_page_asked_for(client, enrolled):
    assert client.get("/can-bo/")["Location"].startswith(SIGN_IN + "?next=/can-bo/")
    step = _password_step(client, next_url="/can-bo/?tab=overdue")
    assert step.status_code == 302
    assert step["Location"].startswith("/can-bo/dang-nhap/ma-xac-thuc/")
    # The password alone signs nobody in.
    assert client.get("/can-bo/").status_code == 302

    wrong = client.post(step["Location"], {"token": "000000"})
    assert wrong.status_code == 400
    assert "Mã xác thực chưa đúng hoặc đã hết hạn" in wrong.content.decode()
    # Right after a wrong code the app's codes are refused for a second (django-otp throttling),
    # and the page says to wait rather than call the code wrong.
    hurried = client.post(step["Location"], {"token": current_code(enrolled)})
    assert "Vui lòng đợi" in hurried.content.decode()
    time.sleep(1.1)  # one wrong code: one second (it doubles with each further one)

    done = client.post(step["Location"], {"token": current_code(enrolled)})
    assert done["Location"] == "/can-bo/?tab=overdue"
    page = client.get("/can-bo/")
    assert page.status_code == 200
    assert "Lê Văn Thu" in page.content.decode()


def test_a_wrong_password_and_a_citizen_get_the_same_answer(client, enrolled):
    wrong = _password_step(client, password="sai")
    assert wrong.status_code == 400
    message = "Tên đăng nhập hoặc mật khẩu chưa đúng"
    assert message in wrong.content.decode()
    citizen = UserFactory(username="099190001234", kind=UserKind.CITIZEN)
    citizen.set_password(PASSWORD)
    citizen.save()
    refused = _password_step(client, username="099190001234")
    assert refused.status_code == 400
    assert message in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_first_sign_in_enrols_the_app_and_shows_the_recovery_codes_once(client, officer):
    step = _password_step(client)
    assert step["Location"].startswith("/can-bo/dang-nhap/cai-dat-xac-thuc/")
    page = client.get(step["Location"]).content.decode()
    assert "<svg" in page  # the QR code to scan
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = re.search(r'<code class="bo-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) == 32  # 20 random bytes in base32

    assert client.post(step["Location"], {"token": "123"}).status_code == 400
    done = client.post(step["Location"], {"token": current_code(device)})
    assert done.status_code == 200  # the codes are in this answer only, never in the session
    shown = done.content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", shown)
    assert len(codes) == 10
    session_text = str(dict(client.session))
    assert not any(code in session_text for code in codes)
    later = client.get("/can-bo/ma-khoi-phuc/").content.decode()
    assert not set(codes) & set(re.findall(r"[a-z0-9]{5}-[a-z0-9]{5}", later))
    assert "Bạn còn 10 mã khôi phục chưa dùng" in later
    assert AuditEntry.objects.filter(action="accounts.enrol_totp").count() == 1

    # A recovery code signs in once, and only once.
    client.post("/can-bo/dang-xuat/")
    code_step = _password_step(client)["Location"]
    assert client.post(code_step, {"token": codes[0]})["Location"] == "/can-bo/"
    client.post("/can-bo/dang-xuat/")
    code_step = _password_step(client)["Location"]
    assert client.post(code_step, {"token": codes[0]}).status_code == 400
    assert AuditEntry.objects.filter(action="accounts.use_recovery_code").count() == 1


def test_the_code_step_expires_with_the_password_step(client, enrolled):
    with clock.frozen(clock.now()):
        code_step = _password_step(client)["Location"]
        clock.advance(timedelta(minutes=6))
        late = client.post(code_step, {"token": current_code(enrolled)})
    assert late["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_account_from_this_address(client, enrolled):
    for _ in range(4):
        assert _password_step(client, password="sai").status_code == 400
    assert _password_step(client, password="sai").status_code == 429  # the fifth locks
    locked = _password_step(client)  # even the right password now
    assert locked.status_code == 429
    assert "Tài khoản tạm khóa" in locked.content.decode()
    assert "15 phút" in locked.content.decode()


def test_an_idle_officer_is_signed_out_and_brought_back_after_signing_in(client, enrolled):
    verified_login(client, enrolled.user)
    start = clock.now()
    with clock.frozen(start):
        assert client.get("/can-bo/").status_code == 200
    with clock.frozen(start + timedelta(minutes=29)):
        assert client.get("/can-bo/").status_code == 200
    with clock.frozen(start + timedelta(minutes=29 + 31)):
        expired = client.get("/can-bo/?trang=2")
    assert expired.status_code == 302
    assert expired["Location"].startswith(SIGN_IN)
    assert "het-phien=1" in expired["Location"]
    notice = client.get(expired["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc" in notice
    assert "_auth_user_id" not in client.session


def test_the_admin_needs_the_second_factor_too(client, enrolled):
    enrolled.user.is_staff = True
    enrolled.user.is_superuser = True
    enrolled.user.save()
    client.force_login(enrolled.user)  # a password-only session
    to_login = client.get("/admin/")
    assert to_login["Location"].startswith("/admin/login/")
    assert client.get(to_login["Location"])["Location"].startswith(SIGN_IN + "?next=/admin/")
    verified_login(client, enrolled.user)
    assert client.get("/admin/").status_code == 200


def test_citizens_get_no_back_office(client):
    citizen = UserFactory(username="099190001234", kind=UserKind.CITIZEN)
    client.force_login(citizen)
    assert client.get("/can-bo/").status_code == 403


def test_new_recovery_codes_need_the_apps_code(client, enrolled):
    verified_login(client, enrolled.user)
    refused = client.post("/can-bo/ma-khoi-phuc/", {"token": ""})
    assert refused.status_code == 400
    assert "Nhập mã 6 chữ số" in refused.content.decode()
    made = client.post("/can-bo/ma-khoi-phuc/", {"token": current_code(enrolled)})
    assert made.status_code == 200
    assert (
        len(re.findall(r"<li><code>[a-z0-9]{5}-[a-z0-9]{5}</code></li>", made.content.decode()))
        == 10
    )
    assert AuditEntry.objects.filter(action="accounts.new_recovery_codes").count() == 1


def test_typos_of_the_apps_code_never_hold_up_the_recovery_codes(client, enrolled):
    """Wrong six-digit codes count against the app only: a recovery code still works at once,
    and a right app code clears the app's count."""
    codes = two_factor.new_recovery_codes(user=enrolled.user, token=current_code(enrolled))
    for _ in range(3):
        with pytest.raises(ValidationFailed):
            two_factor.verify(user=enrolled.user, token="000000")
    assert two_factor.verify(user=enrolled.user, token=codes[0]).persistent_id.startswith(
        "otp_static"
    )
