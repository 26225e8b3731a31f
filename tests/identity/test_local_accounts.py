"""Local password accounts: registration, e-mail code, sign-in, password reset, sign-out."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail

from motcua.accounts.models import User, UserKind
from motcua.accounts.services import register_citizen
from motcua.identity import sms
from motcua.identity.models import EmailVerification

FORM = {
    "full_name": "Lê Thị Cúc",
    "id_number": "099195007777",
    "date_of_birth": "1995-03-08",
    "phone": "0934567890",
    "email": "cuc.le@example.com",
    "password1": "Hoa-sen-2026",
    "password2": "Hoa-sen-2026",
}


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message.body)[1]


@pytest.mark.django_db(transaction=True)  # the code is mailed once committed
def test_register_verify_email_then_sign_in(client):
    response = client.post("/dang-ky/?next=/ho-so/", FORM | {"next": "/ho-so/"})

    assert response.status_code == 302
    assert response["Location"] == "/xac-thuc-email/"
    user = User.objects.get(id_number="099195007777")
    assert (user.kind, user.full_name, user.phone, user.email) == (
        UserKind.CITIZEN,
        "Lê Thị Cúc",
        "0934567890",
        "cuc.le@example.com",
    )
    assert SESSION_KEY not in client.session
    assert [m.to for m in mail.outbox] == [["cuc.le@example.com"]]
    code = code_in(mail.outbox[0])

    # Until the e-mail is confirmed, the password does not sign in: it sends a new code.
    response = client.post(
        "/dang-nhap/",
        {"identifier": "099195007777", "password": "Hoa-sen-2026", "next": "/ho-so/"},
    )
    assert response["Location"] == "/xac-thuc-email/"
    assert SESSION_KEY not in client.session
    assert len(mail.outbox) == 2
    code = code_in(mail.outbox[1])
    wrong = client.post("/xac-thuc-email/", {"code": f"{(int(code) + 1) % 10**6:06d}"})
    assert wrong.status_code == 200
    assert "Mã không đúng" in wrong.content.decode()
    assert SESSION_KEY not in client.session

    response = client.post("/xac-thuc-email/", {"code": code})

    # Signed in; the phone comes next, its code already on its way (it may be left for later).
    assert response.status_code == 302
    assert response["Location"] == "/xac-thuc-so-dien-thoai/?next=%2Fho-so%2F"
    assert client.session[SESSION_KEY] == str(user.pk)
    assert [m.phone for m in sms.outbox] == ["0934567890"]
    assert client.get("/xac-thuc-email/")["Location"] == "/dang-nhap/"
    client.post("/dang-xuat/")
    assert SESSION_KEY not in client.session
    response = client.post(
        "/dang-nhap/", {"identifier": "0991 9500 7777", "password": "Hoa-sen-2026"}
    )
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db(transaction=True)  # the code is mailed once committed
def test_too_many_wrong_codes_need_a_new_one(client):
    client.post("/dang-ky/", FORM)
    code = code_in(mail.outbox[0])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        client.post("/xac-thuc-email/", {"code": wrong})
    response = client.post("/xac-thuc-email/", {"code": code})
    assert "Bạn đã nhập sai quá nhiều lần" in response.content.decode()
    assert EmailVerification.objects.get().attempts == 5

    client.post("/xac-thuc-email/", {"resend": "1"})
    response = client.post("/xac-thuc-email/", {"code": code_in(mail.outbox[-1])})
    assert response.status_code == 302
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_registration_errors_sit_beside_their_fields_and_keep_what_was_typed(client):
    response = client.post(
        "/dang-ky/",
        FORM | {"id_number": "12345", "phone": "12", "password2": "khac-han-2026"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    # The summary at the top links to each field; each field says what to type.
    assert 'id="error-summary"' in html
    assert 'href="#id_id_number"' in html
    assert 'href="#id_password2"' in html
    assert "Nhập số định danh cá nhân gồm 12 chữ số." in html
    assert "Hai mật khẩu chưa khớp" in html
    assert 'aria-describedby="id_password2-error"' in html
    assert 'class="form-control is-invalid"' in html
    # What was typed stays, except the passwords.
    assert 'value="Lê Thị Cúc"' in html
    assert 'value="cuc.le@example.com"' in html
    assert "Hoa-sen-2026" not in html
    assert not User.objects.filter(full_name="Lê Thị Cúc").exists()


@pytest.mark.django_db
def test_the_services_refusals_reach_the_form(client):
    register_citizen(full_name="Lê Thị Cúc", id_type="cccd", id_number="099195007777")
    response = client.post("/dang-ky/", FORM)
    assert "Đã có tài khoản với số giấy tờ này" in response.content.decode()
    response = client.post(
        "/dang-ky/",
        FORM | {"id_number": "099195008888", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert 'href="#id_password1"' in response.content.decode()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_wrong_password_is_said_plainly_and_officers_use_their_own_sign_in(client):
    register_citizen(
        full_name="Trần Thị Bình",
        id_type="cccd",
        id_number="099190001234",
        password="demo@AnHoa2026",
    )
    response = client.post("/dang-nhap/", {"identifier": "099190001234", "password": "sai-roi"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "hoặc mật khẩu chưa đúng" in html
    assert 'value="099190001234"' in html
    assert SESSION_KEY not in client.session

    User.objects.create_user(
        username="0101234567", password="demo@AnHoa2026", kind=UserKind.OFFICER, full_name="X"
    )
    response = client.post(
        "/dang-nhap/", {"identifier": "0101234567", "password": "demo@AnHoa2026"}
    )
    assert SESSION_KEY not in client.session
    response = client.post("/dang-nhap/", {"identifier": "motcua.tinh", "password": "x"})
    assert "Nhập số định danh cá nhân gồm 12 chữ số, hoặc mã số thuế" in response.content.decode()


@pytest.mark.django_db
def test_the_demo_citizens_sign_in_with_the_demo_password(client, demo_province):
    response = client.post(
        "/dang-nhap/?next=/x",
        {"identifier": "099190001234", "password": "demo@AnHoa2026", "next": "/x"},
    )
    assert response["Location"] == "/x"
    response = client.post(
        "/dang-nhap/",
        {
            "identifier": "099190001234",
            "password": "demo@AnHoa2026",
            "next": "https://lua-dao.example/",
        },
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = register_citizen(
        full_name="Trần Thị Bình",
        id_type="cccd",
        id_number="099190001234",
        email="binh.tran@example.com",
        password="mat-khau-cu-2025",
    )
    assert client.get("/quen-mat-khau/").status_code == 200
    response = client.post("/quen-mat-khau/", {"email": "binh.tran@example.com"})
    assert response["Location"] == "/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/quen-mat-khau/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response["Location"] == "/quen-mat-khau/xong/"
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")
    assert "không còn dùng được" in client.get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_sign_out_only_by_post(client):
    user = register_citizen(full_name="A", id_type="cccd", id_number="099190001234")
    client.force_login(user)
    assert client.get("/dang-xuat/").status_code == 405
    assert client.post("/dang-xuat/")["Location"] == "/"
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_without_local_accounts_only_vneid_is_offered(client, settings):
    settings.MOTCUA_LOCAL_ACCOUNTS = False
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập bằng tài khoản định danh điện tử VNeID" in page
    assert 'name="password"' not in page
    for path in (
        "/dang-ky/",
        "/dang-ky/to-chuc/",
        "/xac-thuc-email/",
        "/xac-thuc-so-dien-thoai/",
        "/quen-mat-khau/",
        "/quen-mat-khau/xong/",
    ):
        assert client.get(path).status_code == 404
    assert (
        client.post("/dang-nhap/", {"identifier": "099190001234", "password": "x"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_login_url_is_the_sign_in_page(client, settings):
    from django.contrib.auth.views import redirect_to_login

    assert redirect_to_login("/ho-so/")["Location"] == "/dang-nhap/?next=/ho-so/"
