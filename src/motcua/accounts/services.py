"""Creating accounts and granting roles: every write to `User` and `RoleAssignment` goes through here.

Citizens sign in with their identity number and organisations with their tax code, so those become
the username. Granting and revoking roles asks `accounts.access` first (rule
`accounts.assign_role`): an agency administrator grants within the units they administer, never
the system administrator's role; a system administrator grants anything. Locking an officer's
account, resetting its password or removing its authenticator asks `accounts.manage_officer`.
"""

import secrets
from datetime import date, datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from motcua.accounts import access
from motcua.accounts.absences import may_set_for, work_agencies
from motcua.accounts.identity import clean_id_number, clean_phone, clean_tax_code
from motcua.accounts.models import Delegation, Role, RoleAssignment, User, UserKind
from motcua.accounts.selectors import (
    holds_any_role,
    holds_role_throughout,
)
from motcua.agencies.models import Agency
from motcua.agencies.selectors import is_in_force
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.core.validation import as_validation_failed, full_clean_or_fail


@transaction.atomic
def register_citizen(
    *,
    full_name: str,
    id_type: str,
    id_number: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    date_of_birth: date | None = None,
    password: str | None = None,
) -> User:
    """A citizen's account; the identity number is the username."""
    id_number = clean_id_number(id_type=id_type, value=id_number)
    if User.objects.filter(id_type=id_type, id_number=id_number).exists():
        raise _account_exists("id_number")
    if date_of_birth is not None and date_of_birth > clock.today():
        message = _("Ngày sinh không thể sau hôm nay.")
        raise ValidationFailed(message, fields={"date_of_birth": [message]})
    user = User(
        username=id_number,
        kind=UserKind.CITIZEN,
        full_name=full_name.strip(),
        id_type=id_type,
        id_number=id_number,
        phone=clean_phone(phone),
        email=User.objects.normalize_email(email.strip()),
        address=address.strip(),
        date_of_birth=date_of_birth,
    )
    return _save_new(user, password=password)


@transaction.atomic
def update_citizen_details(
    *,
    user: User,
    full_name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    date_of_birth: date | None = None,
) -> User:
    """A citizen's name and contact details as a trusted source (the national identity) states
    them; a value left None stays as it is."""
    changes = {
        "full_name": full_name.strip() if full_name else None,
        "phone": clean_phone(phone) if phone else None,
        "email": User.objects.normalize_email(email.strip()) if email else None,
        "date_of_birth": date_of_birth,
    }
    changed = [
        name
        for name, value in changes.items()
        if value is not None and value != getattr(user, name)
    ]
    for name in changed:
        setattr(user, name, changes[name])
    if changed:
        full_clean_or_fail(user)
        user.save(update_fields=changed)
    return user


@transaction.atomic
def register_organisation(
    *,
    full_name: str,
    tax_code: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    password: str | None = None,
) -> User:
    """An organisation's or business's account; the tax code is the username."""
    tax_code = clean_tax_code(tax_code)
    if User.objects.filter(tax_code=tax_code).exists():
        raise _account_exists("tax_code")
    user = User(
        username=tax_code,
        kind=UserKind.ORGANISATION,
        full_name=full_name.strip(),
        tax_code=tax_code,
        phone=clean_phone(phone),
        email=User.objects.normalize_email(email.strip()),
        address=address.strip(),
    )
    return _save_new(user, password=password)


@transaction.atomic
def create_officer(
    *,
    actor: User,
    username: str,
    full_name: str,
    role: str,
    agency: Agency | None,
    include_descendants: bool = False,
    email: str = "",
    phone: str = "",
    title: str = "",
    password: str | None = None,
) -> User:
    """An officer's account with its first role: whoever may grant that role may create it (a
    refused grant leaves no account behind)."""
    user = User(
        username=username.strip(),
        kind=UserKind.OFFICER,
        full_name=full_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        phone=clean_phone(phone),
        title=title.strip(),
    )
    _save_new(user, password=password)
    assign_role(
        actor=actor,
        user=user,
        role=role,
        agency=agency,
        include_descendants=include_descendants,
    )
    audit.record(
        action="accounts.create_officer",
        actor=actor,
        obj=user,
        data={"user": user.username, "full_name": user.full_name},
    )
    return user


def generated_password() -> str:
    """A password to hand to an officer once (12 letters and digits in groups of four, without
    look-alikes such as l/1 and O/0); they change it after signing in."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        raw = "".join(secrets.choice(alphabet) for _ in range(12))
        if any(ch.isdigit() for ch in raw) and any(ch.isalpha() for ch in raw):
            return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def deactivate_officer(*, actor: User, officer: User) -> User:
    """Lock the officer's account (nghỉ việc, chuyển công tác): they can no longer sign in and
    their open sessions end; their roles and history stay for the record."""
    access.ensure(actor, "accounts.manage_officer", officer)
    if not officer.is_active:
        raise Conflict(_("Tài khoản này đã bị khóa."), code="already_inactive")
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    audit.record(action="accounts.deactivate_officer", actor=actor, obj=officer, data=_who(officer))
    return officer


@transaction.atomic
def reactivate_officer(*, actor: User, officer: User) -> User:
    access.ensure(actor, "accounts.manage_officer", officer)
    if officer.is_active:
        raise Conflict(_("Tài khoản này đang hoạt động."), code="already_active")
    officer.is_active = True
    officer.save(update_fields=["is_active"])
    audit.record(action="accounts.reactivate_officer", actor=actor, obj=officer, data=_who(officer))
    return officer


@transaction.atomic
def reset_password(*, actor: User, officer: User, password: str | None = None) -> str:
    """Give the officer `password` (else a generated one) and return it, to be handed over once.
    Their open sessions end (Django ties a session to the password), and their API tokens."""
    access.ensure(actor, "accounts.manage_officer", officer)
    password = password or generated_password()
    try:
        validate_password(password, officer)
    except ValidationError as exc:
        raise as_validation_failed(ValidationError({"password": exc.messages}), model=User) from exc
    officer.set_password(password)
    officer.save(update_fields=["password"])
    Token.objects.filter(user=officer).delete()
    audit.record(action="accounts.reset_password", actor=actor, obj=officer, data=_who(officer))
    return password


@transaction.atomic
def remove_authenticator(*, actor: User, officer: User) -> None:
    """Remove the officer's authenticator app and recovery codes (a lost or replaced phone): at
    the next sign-in they enrol again; sessions that gave the old app's code lose their second
    factor (the back office and the API then refuse them) and the API tokens end."""
    access.ensure(actor, "accounts.manage_officer", officer)
    apps = TOTPDevice.objects.filter(user=officer)
    if not apps.exists():
        raise Conflict(
            _("Cán bộ này chưa cài ứng dụng xác thực; lần đăng nhập tới sẽ được hướng dẫn cài."),
            code="no_authenticator",
        )
    apps.delete()
    StaticDevice.objects.filter(user=officer).delete()
    Token.objects.filter(user=officer).delete()
    audit.record(
        action="accounts.remove_authenticator", actor=actor, obj=officer, data=_who(officer)
    )


def _who(officer: User) -> dict[str, str]:
    return {"user": officer.username, "full_name": officer.full_name}


@transaction.atomic
def create_first_system_admin(
    *, username: str, full_name: str, email: str = "", password: str | None = None
) -> User:
    """The installation's first system administrator, who then grants every other role.

    Refused once any system administrator exists: from then on administrators are created by
    another one through `create_officer`.
    """
    if RoleAssignment.objects.select_for_update().filter(role=Role.SYSTEM_ADMIN).exists():
        raise Conflict(
            _("Hệ thống đã có quản trị hệ thống; hãy nhờ người đó tạo thêm tài khoản."),
            code="system_admin_exists",
        )
    user = User(
        username=username.strip(),
        kind=UserKind.OFFICER,
        full_name=full_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        title=_("Quản trị hệ thống"),
        # The Django admin is the system administrator's console for the catalogue and the tree.
        is_staff=True,
        is_superuser=True,
    )
    _save_new(user, password=password)
    RoleAssignment.objects.create(user=user, role=Role.SYSTEM_ADMIN, agency=None)
    return user


@transaction.atomic
def assign_role(
    *,
    actor: User,
    user: User,
    role: str,
    agency: Agency | None,
    include_descendants: bool = False,
) -> RoleAssignment:
    """`user` holds `role` on `agency` (None for the system administrator's role), and with
    `include_descendants` on every unit below it. Granting a role the user holds already only
    updates `include_descendants`."""
    assignment = RoleAssignment.objects.filter(user=user, role=role, agency=agency).first()
    assignment = assignment or RoleAssignment(user=user, role=role, agency=agency)
    assignment.include_descendants = include_descendants and role != Role.SYSTEM_ADMIN
    full_clean_or_fail(assignment)
    if agency is not None and not is_in_force(agency, on=clock.today()):
        message = _("Đơn vị này không còn (hoặc chưa) hoạt động; chọn đơn vị đang hoạt động.")
        raise ValidationFailed(message, fields={"agency": [message]})
    _ensure_may_grant(
        actor, role=role, agency=agency, include_descendants=assignment.include_descendants
    )
    assignment.save()
    audit.record(
        action="accounts.assign_role",
        actor=actor,
        obj=assignment,
        data={"user": user.username, "role": role, "agency": agency.code if agency else None},
    )
    return assignment


@transaction.atomic
def revoke_role(*, actor: User, assignment: RoleAssignment) -> None:
    access.ensure(actor, "accounts.assign_role", assignment.agency)
    if assignment.role == Role.SYSTEM_ADMIN:
        others = (
            RoleAssignment.objects.select_for_update()
            .filter(role=Role.SYSTEM_ADMIN, user__is_active=True)
            .exclude(pk=assignment.pk)
        )
        if not list(others):
            raise Conflict(
                _("Không thể thu hồi quyền của quản trị hệ thống cuối cùng."),
                code="last_system_admin",
            )
    audit.record(
        action="accounts.revoke_role",
        actor=actor,
        obj=assignment,
        data={
            "user": assignment.user.username,
            "role": assignment.role,
            "agency": assignment.agency.code if assignment.agency_id else None,
        },
    )
    assignment.delete()


@transaction.atomic
def delegate(
    *,
    actor: User,
    principal: User,
    substitute: User,
    starts_at: datetime,
    ends_at: datetime,
    reason: str = "",
) -> Delegation:
    """While `principal` is away (`starts_at` to `ends_at`), `substitute` receives their inbox and
    acts for them. Set by the principal, or by a leader or an agency administrator of an agency
    where the principal holds a role; the substitute must hold a role in one of those units too."""
    delegation = Delegation(
        principal=principal,
        substitute=substitute,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=(reason or "").strip(),
        created_by=actor,
        created_at=clock.now(),
    )
    full_clean_or_fail(delegation)
    # The agencies the principal works in (an internal unit counts as its agency), so that a
    # colleague of another phòng or of the one-stop desk may stand in.
    units = work_agencies(principal)
    if not may_set_for(actor, principal):
        raise Forbidden(
            _("Chỉ người vắng mặt, lãnh đạo hoặc quản trị đơn vị của họ được đặt người thay thế."),
            code="forbidden",
        )
    if not substitute.is_active or not any(holds_any_role(substitute, unit) for unit in units):
        message = _("Người thay thế phải là cán bộ đang làm việc tại đơn vị của người vắng mặt.")
        raise ValidationFailed(message, fields={"substitute": [message]})
    overlapping = Delegation.objects.filter(
        principal=principal, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if overlapping.exists():
        message = _("Đã có người thay thế trong khoảng thời gian này.")
        raise Conflict(message, code="delegation_overlaps", fields={"starts_at": [message]})
    delegation.save()
    audit.record(
        action="accounts.delegate",
        actor=actor,
        obj=delegation,
        data={
            "principal": principal.username,
            "substitute": substitute.username,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
        },
    )
    return delegation


def _ensure_may_grant(
    actor: User, *, role: str, agency: Agency | None, include_descendants: bool
) -> None:
    access.ensure(actor, "accounts.assign_role", None if role == Role.SYSTEM_ADMIN else agency)
    # The grantee may not reach further than the granter: "and everything below" needs the
    # granter to administer everything below.
    if (
        include_descendants
        and agency is not None
        and not holds_role_throughout(actor, Role.AGENCY_ADMIN, agency)
    ):
        raise Forbidden(
            _("Bạn chỉ được phân quyền trong phạm vi các đơn vị mình quản trị."), code="forbidden"
        )


def _save_new(user: User, *, password: str | None) -> User:
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise as_validation_failed(
                ValidationError({"password": exc.messages}), model=User
            ) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()  # signs in through VNeID or sets a password later
    full_clean_or_fail(user)
    user.save()
    return user


def _account_exists(field: str) -> Conflict:
    message = _("Đã có tài khoản với số giấy tờ này: hãy đăng nhập hoặc lấy lại mật khẩu.")
    return Conflict(message, code="account_exists", fields={field: [message]})
