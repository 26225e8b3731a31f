"""Organisation accounts (tổ chức, doanh nghiệp): registration with a checked tax code and a legal
representative, e-mail then phone verification, sign-in by tax code or e-mail, and what the
filing wizard pre-fills for them."""

import json
import re
from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command

from motcua.accounts.models import User, UserKind
from motcua.accounts.services import register_organisation
from motcua.core.errors import ValidationFailed
from motcua.identity import sms
from motcua.identity.models import OrganisationProfile
from motcua.identity.tax_codes import check_digit, clean_checked_tax_code

FORM = {
    "name": "Công ty TNHH Mẫu An Hòa",
    "tax_code": "0107654326",
    "address": "Số 5 đường Trần Phú, phường An Hòa, tỉnh An Hòa",
    "representative_name": "Phạm Văn Đức",
    "representative_id_number": "099180001111",
    "email": "lienhe@mauanhoa.example.com",
    "phone": "0243 812 3456",
    "password1": "Cong-ty-Mau-2026",
    "password2": "Cong-ty-Mau-2026",
}


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text)[1]


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        # Published examples of the rule (python-stdnum's stdnum.vn.mst, the tax circular's own).
        ("0100233488", True),
        ("0314409058-002", True),
        ("0100047516", True),
        ("0100233480", False),
        ("0101234567", False),
        # First nine digits whose weighted sum leaves 0: no tenth digit makes them valid.
        ("0109876543", False),
        # No sequence number, no branch number.
        ("0100000003", False),
        ("0314409058-000", False),
    ],
)
def test_the_tax_codes_check_digit(code, valid):
    if valid:
        assert clean_checked_tax_code(f" {code} ") == code
    else:
        with pytest.raises(ValidationFailed) as refusal:
            clean_checked_tax_code(code)
        assert "chữ số kiểm tra" in refusal.value.fields["tax_code"][0]


def test_check_digit_of_the_circulars_worked_example():
    assert check_digit("010004751") == "6"
    assert check_digit("010987654") is None


@pytest.mark.django_db(transaction=True)  # the codes are sent once committed
def test_an_organisation_registers_verifies_and_signs_in_by_tax_code_or_email(client):
    assert "/dang-ky/to-chuc/" in client.get("/dang-ky/").content.decode()

    response = client.post("/dang-ky/to-chuc/", FORM)

    assert response["Location"] == "/xac-thuc-email/"
    user = User.objects.get(tax_code="0107654326")
    assert (user.kind, user.username, user.full_name, user.address, user.phone, user.email) == (
        UserKind.ORGANISATION,
        "0107654326",
        "Công ty TNHH Mẫu An Hòa",
        "Số 5 đường Trần Phú, phường An Hòa, tỉnh An Hòa",
        "02438123456",
        "lienhe@mauanhoa.example.com",
    )
    profile = OrganisationProfile.objects.get(user=user)
    assert (profile.representative_name, profile.representative_id_number) == (
        "Phạm Văn Đức",
        "099180001111",
    )
    assert SESSION_KEY not in client.session

    response = client.post("/xac-thuc-email/", {"code": code_in(mail.outbox[-1].body)})
    assert response["Location"] == "/xac-thuc-so-dien-thoai/?next=%2F"
    response = client.post("/xac-thuc-so-dien-thoai/", {"code": code_in(sms.outbox[-1].body)})
    assert response["Location"] == "/"
    account = client.get("/tai-khoan/").content.decode()
    assert "Phạm Văn Đức" in account
    assert account.count("đã xác thực lúc") == 2

    for identifier in ("0107654326", "LienHe@MauAnHoa.example.com"):
        client.post("/dang-xuat/")
        response = client.post(
            "/dang-nhap/", {"identifier": identifier, "password": "Cong-ty-Mau-2026"}
        )
        assert response["Location"] == "/", identifier
        assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_a_bad_tax_code_and_id_number_are_said_beside_their_fields(client):
    response = client.post(
        "/dang-ky/to-chuc/",
        FORM | {"tax_code": "0101234567", "representative_id_number": "12345", "address": ""},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_tax_code"' in html
    assert "sai chữ số kiểm tra" in html
    assert 'aria-describedby="id_tax_code-help id_tax_code-error"' in html
    assert "Nhập số định danh cá nhân gồm 12 chữ số." in html
    assert "Nhập địa chỉ trụ sở chính." in html
    assert 'value="Công ty TNHH Mẫu An Hòa"' in html
    assert "Cong-ty-Mau-2026" not in html
    response = client.post("/dang-ky/to-chuc/", FORM | {"tax_code": "01076543"})
    assert "Nhập mã số thuế gồm 10 chữ số" in response.content.decode()
    assert not User.objects.filter(kind=UserKind.ORGANISATION).exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_tax_code_or_an_email_already_registered_is_refused(client):
    register_organisation(
        full_name="Công ty cũ", tax_code="0107654326", email="lienhe@mauanhoa.example.com"
    )

    response = client.post("/dang-ky/to-chuc/", FORM)
    assert "Đã có tài khoản với mã số thuế này" in response.content.decode()
    assert 'href="#id_tax_code"' in response.content.decode()

    # A branch has its own account, but not with the head office's e-mail.
    response = client.post("/dang-ky/to-chuc/", FORM | {"tax_code": "0107654326-001"})
    assert "Email này đã dùng cho tài khoản của một tổ chức khác" in response.content.decode()
    assert User.objects.filter(kind=UserKind.ORGANISATION).count() == 1
    assert (
        client.post(
            "/dang-ky/to-chuc/", FORM | {"tax_code": "0107654326-001", "email": "cn1@example.com"}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_email_sign_in_is_for_one_organisation_and_never_for_citizens(client):
    for tax_code in ("0100233488", "0314409058"):
        register_organisation(
            full_name=f"Công ty {tax_code}",
            tax_code=tax_code,
            email="chung@example.com",
            password="Cong-ty-Mau-2026",
        )
    response = client.post(
        "/dang-nhap/", {"identifier": "chung@example.com", "password": "Cong-ty-Mau-2026"}
    )
    assert response.status_code == 200
    assert "hoặc mật khẩu chưa đúng" in response.content.decode()
    assert SESSION_KEY not in client.session
    response = client.post(
        "/dang-nhap/", {"identifier": "0314409058", "password": "Cong-ty-Mau-2026"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_demo_organisation_signs_in_and_the_wizard_prefills_it(client, demo_province):
    logins = json.loads((demo_province / "demo-logins.json").read_text(encoding="utf-8"))
    [mau] = [login for login in logins if login["name"] == "Công ty TNHH Mẫu An Hòa"]
    assert (mau["login"], mau["role"]) == ("0107654326", "organisation")
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(tax_code="0107654326").count() == 1
    for identifier in ("lienhe@mauanhoa.example.com", "0107654326"):
        response = client.post(
            "/dang-nhap/", {"identifier": identifier, "password": mau["password"]}
        )
        assert response["Location"] == "/", identifier
    assert "chưa được xác thực" not in client.get("/").content.decode()

    started = client.get("/nop-ho-so/1.001193/")
    base = started["Location"].rsplit("/", 2)[0]
    page = client.get(f"{base}/nguoi-nop/").content.decode()

    assert 'value="Công ty TNHH Mẫu An Hòa"' in page
    assert 'value="0107654326"' in page
    assert "Số 5 đường Trần Phú, phường An Hòa, tỉnh An Hòa" in page
    assert "Mã số thuế" in page
    assert "Tên tổ chức, doanh nghiệp" in page
    assert "Họ và tên người yêu cầu" not in page
