"""Signing citizens in: the account a national-identity sign-in stands for, and the e-mail codes
that confirm an account registered on the site."""

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.identity import IdentityDocument, clean_phone
from motcua.accounts.models import User, UserKind
from motcua.accounts.services import register_citizen, update_citizen_details
from motcua.core import clock
from motcua.core.errors import Forbidden, ValidationFailed
from motcua.identity.models import EmailVerification

logger = logging.getLogger(__name__)

CODE_LIFETIME = timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class IdentityClaims:
    """What the national identity states about the person, read through `MOTCUA_VNEID_CLAIMS`."""

    personal_number: str
    full_name: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None


@transaction.atomic
def account_for_identity(*, claims: IdentityClaims) -> User:
    """The citizen's account for a national-identity sign-in: found by the personal number,
    created when missing (with no usable password) and brought up to date with the claims.

    Officers and organisations never sign in this way.
    """
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
    EmailVerification.objects.filter(user=user, verified_at__isnull=True).delete()
    code = f"{secrets.randbelow(10**6):06d}"
    now = clock.now()
    verification = EmailVerification.objects.create(
        user=user,
        email=user.email,
        code_hash=make_password(code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
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
    with transaction.atomic():
        verification = (
            EmailVerification.objects.select_for_update()
            .filter(user=user, verified_at__isnull=True)
            .first()
        )
        problem = _code_problem(verification, code)
        if problem is None:
            verification.verified_at = clock.now()
            verification.save(update_fields=["verified_at"])
            return verification
        if verification is not None and problem is WRONG_CODE:
            verification.attempts += 1
            verification.save(update_fields=["attempts"])
    message = str(problem)
    raise ValidationFailed(message, fields={"code": [message]})


WRONG_CODE = gettext_lazy("Mã không đúng: nhập 6 chữ số trong thư chúng tôi vừa gửi.")


def _code_problem(verification: EmailVerification | None, code: str):
    if verification is None:
        return gettext_lazy("Chưa có mã nào đang chờ: bấm “Gửi lại mã” để nhận mã mới.")
    if verification.expires_at <= clock.now():
        return gettext_lazy("Mã đã hết hạn: bấm “Gửi lại mã” để nhận mã mới.")
    if verification.attempts >= MAX_CODE_ATTEMPTS:
        return gettext_lazy("Bạn đã nhập sai quá nhiều lần: bấm “Gửi lại mã” để nhận mã mới.")
    if not check_password(code.strip(), verification.code_hash):
        return WRONG_CODE
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
