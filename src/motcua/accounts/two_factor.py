"""Officers' second factor (xác thực hai yếu tố): a time-based code from an authenticator app
(TOTP, RFC 6238, through django-otp) and single-use recovery codes for when the phone is lost.

An officer without a confirmed authenticator enrols on first sign-in: the server makes a secret,
the officer adds it to the app (QR code or typed key) and confirms with a first code; the
recovery codes are then shown once. Every enrolment and every use of a recovery code is audited.
"""

import base64
import secrets
from binascii import unhexlify

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User, UserKind
from motcua.audit import services as audit
from motcua.core.errors import ValidationFailed

APP_DEVICE = "Ứng dụng xác thực"
RECOVERY_DEVICE = "Mã khôi phục"
RECOVERY_CODES = 10


def needs_second_factor(user: User) -> bool:
    """Officers (system administrators included) sign in with two factors."""
    return user.kind == UserKind.OFFICER or user.is_superuser


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being enrolled: the unconfirmed one already made, or a new secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    text = base64.b32encode(unhexlify(device.key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    return device.config_url


def confirm_enrolment(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the pending authenticator with its first code; returns the new recovery codes,
    to be shown once. Any earlier authenticator of the user stops working."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationFailed(_("Phiên cài đặt đã hết; vui lòng bắt đầu lại."), code="stale")
    token = _digits(token)
    if len(token) != 6:
        raise _not_six_digits()
    _ensure_not_throttled(device)
    if not device.verify_token(token):
        raise _wrong_code()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit.record(actor=user, action="accounts.enrol_totp", obj=user)
    return codes


def new_recovery_codes(*, user: User, token: str) -> list[str]:
    """Replace the officer's recovery codes (the old ones stop working), after a code of their
    authenticator app — a desk left signed in must not hand out a lasting second factor; the
    codes are shown once."""
    token = _digits(token)
    if len(token) != 6:
        raise _not_six_digits()
    verify(user=user, token=token)
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record(actor=user, action="accounts.new_recovery_codes", obj=user)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(*, user: User, token: str):
    """The device that accepts `token` — six digits go to the authenticator app, anything else
    to the recovery codes (which is used up) — or `ValidationFailed`. Only the device the token
    is for is throttled by a wrong one, so an app code's typo never delays the recovery codes
    and a correct app code always clears the app's count."""
    token = (token or "").strip().replace(" ", "").replace("-", "").lower()
    if not token:
        raise _not_six_digits()
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    devices = [d for d in devices_for_user(user, confirmed=True) if isinstance(d, kind)]
    for device in devices:
        _ensure_not_throttled(device)
    for device in devices:
        if device.verify_token(token):
            if isinstance(device, StaticDevice):
                audit.record(actor=user, action="accounts.use_recovery_code", obj=user)
            return device
    raise _wrong_code()


def install_known_secret(*, user: User, hex_key: str) -> TOTPDevice:
    """Give `user` a confirmed authenticator with a known secret (the demo prints its officers'
    secrets); the one already there stays when its secret is the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and device.key == hex_key:
        return device
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE, key=hex_key, confirmed=True)


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code.replace("-", "")) for code in codes
    )
    return codes


def _recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())


def _ensure_not_throttled(device) -> None:
    """After wrong codes a device refuses for a while, doubling each time (django-otp's
    throttling); say so rather than call a right code wrong."""
    allowed, why = device.verify_is_allowed()
    if allowed:
        return
    locked_until = (why or {}).get("locked_until")
    seconds = (
        max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
    )
    message = _(
        "Bạn vừa nhập sai mã nhiều lần. Vui lòng đợi %(seconds)s giây rồi nhập mã đang hiện trên "
        "ứng dụng."
    ) % {"seconds": seconds}
    raise ValidationFailed(message, code="throttled", fields={"token": [message]})


def _not_six_digits() -> ValidationFailed:
    message = _("Nhập mã 6 chữ số trên ứng dụng xác thực.")
    return ValidationFailed(message, code="required", fields={"token": [message]})


def _wrong_code() -> ValidationFailed:
    message = _(
        "Mã xác thực chưa đúng hoặc đã hết hạn. Nhập mã đang hiện trên ứng dụng (mã đổi sau "
        "mỗi 30 giây), hoặc một mã khôi phục."
    )
    return ValidationFailed(message, code="wrong_code", fields={"token": [message]})
