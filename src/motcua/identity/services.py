"""Signing citizens and organisations in: the account a national-identity sign-in stands for, the
local password accounts registered on the site (citizens and organisations), and the one-time
codes that confirm their e-mail address and their phone number."""

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.identity import IdentityDocument, clean_id_number, clean_phone
from motcua.accounts.models import User, UserKind
from motcua.accounts.services import (
    register_citizen,
    register_organisation,
    update_citizen_details,
)
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.identity import sms
from motcua.identity.models import (
    EmailVerification,
    OneTimeCode,
    OrganisationProfile,
    PhoneVerification,
)
from motcua.identity.selectors import organisation_with_email
from motcua.identity.tax_codes import clean_checked_tax_code

logger = logging.getLogger(__name__)

EMAIL_CODE_LIFETIME = timedelta(minutes=15)
PHONE_CODE_LIFETIME = timedelta(minutes=5)
PHONE_RESEND_INTERVAL = timedelta(seconds=60)
MAX_CODE_ATTEMPTS = 5
CODE_LIFETIMES = {EmailVerification: EMAIL_CODE_LIFETIME, PhoneVerification: PHONE_CODE_LIFETIME}


@dataclass(frozen=True)
class IdentityClaims:
    """What the national identity states about the person (their personal number) or the
    organisation (its tax code), read through `MOTCUA_VNEID_CLAIMS`."""

    personal_number: str = ""
    tax_code: str = ""
    full_name: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None


@transaction.atomic
def account_for_identity(*, claims: IdentityClaims) -> User:
    """The citizen's account for a national-identity sign-in: found by the personal number,
    created when missing (with no usable password) and brought up to date with the claims.

    An organisation's VNeID account names it by its tax code instead. Officers never sign in
    this way.
    """
    if claims.tax_code:
        return _organisation_for_identity(claims)
    user = (
        User.objects.select_for_update()
        .filter(id_type=IdentityDocument.PERSONAL_NUMBER, id_number=claims.personal_number)
        .first()
    )
    if user is None:
        return register_citizen(
            full_name=claims.full_name,
            id_type=IdentityDocument.PERSONAL_NUMBER,
            id_number=claims.personal_number,
            phone=_usable_phone(claims.phone),
            email=claims.email,
            date_of_birth=claims.date_of_birth,
            password=None,
        )
    if user.kind != UserKind.CITIZEN:
        raise Forbidden(
            _(
                "Tài khoản cán bộ, công chức không đăng nhập bằng VNeID. "
                "Hãy đăng nhập tại trang dành cho cán bộ."
            ),
            code="officer_identity",
        )
    return update_citizen_details(
        user=user,
        full_name=claims.full_name or None,
        phone=_usable_phone(claims.phone) or None,
        email=claims.email or None,
        date_of_birth=claims.date_of_birth,
    )


def _organisation_for_identity(claims: IdentityClaims) -> User:
    user = User.objects.select_for_update().filter(tax_code=claims.tax_code).first()
    if user is None:
        return register_organisation(
            full_name=claims.full_name,
            tax_code=claims.tax_code,
            phone=_usable_phone(claims.phone),
            email=claims.email,
            password=None,
        )
    if user.kind != UserKind.ORGANISATION:
        raise Forbidden(
            _("Mã số thuế này thuộc một tài khoản không phải của tổ chức, doanh nghiệp."),
            code="not_an_organisation",
        )
    return update_citizen_details(
        user=user,
        full_name=claims.full_name or None,
        phone=_usable_phone(claims.phone) or None,
        email=claims.email or None,
    )


def _usable_phone(phone: str) -> str:
    # A number the identity provider holds in a form we cannot read is left out, not a reason
    # to refuse the sign-in.
    try:
        return clean_phone(phone)
    except ValidationFailed:
        logger.warning("identity claim phone number not understood; ignored")
        return ""


@transaction.atomic
def send_email_code(*, user: User) -> EmailVerification:
    """A new 6-digit code to the account's e-mail; earlier unused codes stop working."""
    verification, code = _new_code(EmailVerification, user=user, email=user.email)
    minutes = int(EMAIL_CODE_LIFETIME.total_seconds() // 60)
    body = _(
        "Xin chào {name},\n\nMã xác thực email của bạn là: {code}\n"
        "Mã có hiệu lực trong {minutes} phút.\n\n"
        "Nếu bạn không đăng ký tài khoản tại {site}, hãy bỏ qua thư này."
    ).format(
        name=user.full_name, code=code, minutes=minutes, site=settings.MOTCUA_INSTALLATION_NAME
    )
    transaction.on_commit(
        lambda: send_mail(
            _("Mã xác thực email: {code}").format(code=code),
            body,
            None,
            [user.email],
        )
    )
    return verification


def confirm_email(*, user: User, code: str) -> EmailVerification:
    """Confirms the account's e-mail with the code it was sent. A wrong code counts as an
    attempt (kept, not rolled back with the refusal)."""
    return _confirm(
        EmailVerification,
        user=user,
        code=code,
        wrong=gettext_lazy("Mã không đúng: nhập 6 chữ số trong thư chúng tôi vừa gửi."),
    )


@transaction.atomic
def send_phone_code(*, user: User) -> PhoneVerification:
    """A new 6-digit code by SMS to the account's phone; earlier unused codes stop working. At
    most one code a minute (an SMS costs the province money and annoys the phone's owner)."""
    if not user.phone:
        message = _("Tài khoản chưa có số điện thoại để nhận mã.")
        raise ValidationFailed(message, code="no_phone")
    last = PhoneVerification.objects.filter(user=user).first()
    if last is not None and last.created_at + PHONE_RESEND_INTERVAL > clock.now():
        wait = (last.created_at + PHONE_RESEND_INTERVAL - clock.now()).total_seconds()
        raise Conflict(
            _("Mã vừa được gửi. Vui lòng chờ {seconds} giây rồi bấm “Gửi lại mã”.").format(
                seconds=max(1, ceil(wait))
            ),
            code="code_sent_recently",
        )
    # Chosen before anything is written: without a gateway nothing is sent and nothing kept.
    backend = sms.get_backend()
    verification, code = _new_code(PhoneVerification, user=user, phone=user.phone)
    minutes = int(PHONE_CODE_LIFETIME.total_seconds() // 60)
    body = _(
        "Mã xác thực số điện thoại của Ông/Bà là {code}, có hiệu lực trong {minutes} phút. "
        "Không cung cấp mã này cho bất kỳ ai."
    ).format(code=code, minutes=minutes)
    transaction.on_commit(lambda: backend.send(phone=verification.phone, body=body))
    return verification


def confirm_phone(*, user: User, code: str) -> PhoneVerification:
    """Confirms the account's phone with the code sent by SMS; the confirmed row records which
    number was verified and when. A wrong code counts as an attempt."""
    return _confirm(
        PhoneVerification,
        user=user,
        code=code,
        wrong=gettext_lazy("Mã không đúng: nhập 6 chữ số trong tin nhắn chúng tôi vừa gửi."),
    )


def _new_code(model: type[OneTimeCode], *, user: User, **target) -> tuple[OneTimeCode, str]:
    model.objects.filter(user=user, verified_at__isnull=True).delete()
    code = f"{secrets.randbelow(10**6):06d}"
    now = clock.now()
    verification = model.objects.create(
        user=user,
        code_hash=make_password(code),
        created_at=now,
        expires_at=now + CODE_LIFETIMES[model],
        **target,
    )
    return verification, code


def _confirm(model: type[OneTimeCode], *, user: User, code: str, wrong) -> OneTimeCode:
    with transaction.atomic():
        verification = (
            model.objects.select_for_update().filter(user=user, verified_at__isnull=True).first()
        )
        problem = _code_problem(verification, code, wrong=wrong)
        if problem is None:
            verification.verified_at = clock.now()
            verification.save(update_fields=["verified_at"])
            return verification
        if problem is wrong:
            verification.attempts += 1
            verification.save(update_fields=["attempts"])
    message = str(problem)
    raise ValidationFailed(message, fields={"code": [message]})


def _code_problem(verification: OneTimeCode | None, code: str, *, wrong):
    if verification is None:
        return gettext_lazy("Chưa có mã nào đang chờ: bấm “Gửi lại mã” để nhận mã mới.")
    if verification.expires_at <= clock.now():
        return gettext_lazy("Mã đã hết hạn: bấm “Gửi lại mã” để nhận mã mới.")
    if verification.attempts >= MAX_CODE_ATTEMPTS:
        return gettext_lazy("Bạn đã nhập sai quá nhiều lần: bấm “Gửi lại mã” để nhận mã mới.")
    if not check_password(code.strip(), verification.code_hash):
        return wrong
    return None


@transaction.atomic
def register_with_password(
    *,
    full_name: str,
    id_number: str,
    date_of_birth: date,
    phone: str,
    email: str,
    password: str,
) -> User:
    """A citizen's local password account, which signs in once its e-mail is confirmed with the
    code sent now."""
    user = register_citizen(
        full_name=full_name,
        id_type=IdentityDocument.PERSONAL_NUMBER,
        id_number=id_number,
        phone=phone,
        email=email,
        date_of_birth=date_of_birth,
        password=password,
    )
    send_email_code(user=user)
    return user


@transaction.atomic
def create_organisation_account(
    *,
    name: str,
    tax_code: str,
    address: str,
    representative_name: str,
    representative_id_number: str,
    phone: str,
    email: str,
    password: str | None,
) -> User:
    """An organisation's or business's account with its legal representative; the tax code (its
    check digit checked) is the username. Nothing is sent: see `register_organisation_with_password`."""
    problems: dict[str, list[str]] = {}
    for field, value, message in (
        ("name", name, _("Nhập tên tổ chức, doanh nghiệp.")),
        ("address", address, _("Nhập địa chỉ trụ sở chính.")),
        ("representative_name", representative_name, _("Nhập họ và tên người đại diện.")),
        ("phone", phone, _("Nhập số điện thoại, ví dụ 0912345678.")),
        ("email", email, _("Nhập địa chỉ email để nhận mã xác thực.")),
    ):
        if not (value or "").strip():
            problems[field] = [message]
    checks = (
        ("tax_code", lambda: clean_checked_tax_code(tax_code)),
        (
            "representative_id_number",
            lambda: clean_id_number(
                id_type=IdentityDocument.PERSONAL_NUMBER, value=representative_id_number
            ),
        ),
        ("phone", lambda: clean_phone(phone)),
    )
    cleaned = {}
    for field, check in checks:
        try:
            cleaned[field] = check()
        except ValidationFailed as exc:
            problems.setdefault(field, [exc.message])
    if problems:
        first = next(iter(problems.values()))[0]
        raise ValidationFailed(first, fields=problems)
    if User.objects.filter(tax_code=cleaned["tax_code"]).exists():
        message = _("Đã có tài khoản với mã số thuế này: hãy đăng nhập hoặc lấy lại mật khẩu.")
        raise Conflict(message, code="account_exists", fields={"tax_code": [message]})
    email = User.objects.normalize_email(email.strip())
    if organisation_with_email(email) is not None:
        message = _(
            "Email này đã dùng cho tài khoản của một tổ chức khác: nhập email riêng của tổ chức."
        )
        raise Conflict(message, code="email_taken", fields={"email": [message]})
    user = register_organisation(
        full_name=name,
        tax_code=cleaned["tax_code"],
        phone=cleaned["phone"],
        email=email,
        address=address,
        password=password,
    )
    OrganisationProfile.objects.create(
        user=user,
        representative_name=representative_name.strip(),
        representative_id_number=cleaned["representative_id_number"],
    )
    return user


@transaction.atomic
def register_organisation_with_password(**details) -> User:
    """An organisation's local password account (`create_organisation_account`), which signs in
    once its e-mail is confirmed with the code sent now."""
    user = create_organisation_account(**details)
    send_email_code(user=user)
    return user
