"""Signing officers in for tests: `verified_login` gives a test client a session that passed both
factors, as the sign-in pages would (the sign-in itself is tested in test_sign_in.py)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.accounts.two_factor import needs_second_factor


def verified_login(client: Client, user: User) -> Client:
    """Signed in as `user`; for an officer, with the second factor given too."""
    client.force_login(user)
    if not needs_second_factor(user):
        return client
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def current_code(device: TOTPDevice) -> str:
    """What the officer's authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
