"""The simulated remote-signing provider's behaviour: the keys it holds, the requests its users
confirm or refuse on the "phone" page, and the signatures it makes over the hashes it is sent
(SHA-256, RSA PKCS#1 v1.5 — what a real provider returns)."""

import hmac
import uuid
from datetime import timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.signatures import pki
from motcua.signatures.simulators.models import (
    RequestStatus,
    SimulatedRemoteKey,
    SimulatedSignRequest,
)

# How long the "phone" waits for the key holder before the request expires.
REQUEST_MINUTES = 5


def key_of(user_id: str) -> SimulatedRemoteKey:
    key = SimulatedRemoteKey.objects.filter(user_id=user_id).first()
    if key is None:
        raise NotFound(_("Không có người dùng này."), code="unknown_user")
    return key


def issued(key: SimulatedRemoteKey) -> pki.Issued:
    return pki.load_pkcs12(bytes(key.pkcs12), passphrase=key.passphrase.encode())


def hold_key(*, user_id: str, full_name: str, pkcs12: bytes, passphrase: str, pin: str):
    """Keep (or replace) the key of `user_id`."""
    key, _created = SimulatedRemoteKey.objects.update_or_create(
        user_id=user_id,
        defaults={
            "full_name": full_name,
            "pkcs12": pkcs12,
            "passphrase": passphrase,
            "pin": pin,
        },
    )
    return key


def ask(*, user_id: str, digest: bytes, description: str) -> SimulatedSignRequest:
    if len(digest) != 32:
        raise ValidationFailed(_("Giá trị băm phải là SHA-256 (32 byte)."), code="bad_hash")
    now = clock.now()
    return SimulatedSignRequest.objects.create(
        key=key_of(user_id),
        digest=digest,
        description=description[:500],
        status=RequestStatus.PENDING,
        created_at=now,
        expires_at=now + timedelta(minutes=REQUEST_MINUTES),
    )


def request_of(transaction_id) -> SimulatedSignRequest:
    try:
        wanted = uuid.UUID(str(transaction_id))
    except ValueError:
        wanted = None
    found = (
        SimulatedSignRequest.objects.select_related("key").filter(transaction_id=wanted).first()
        if wanted
        else None
    )
    if found is None:
        raise NotFound(_("Không có giao dịch này."), code="unknown_transaction")
    if found.status == RequestStatus.PENDING and found.expires_at <= clock.now():
        found.status = RequestStatus.EXPIRED
        found.save(update_fields=["status"])
    return found


def pending_for(user_id: str) -> list[SimulatedSignRequest]:
    requests = SimulatedSignRequest.objects.filter(
        key__user_id=user_id, status=RequestStatus.PENDING, expires_at__gt=clock.now()
    )
    return list(requests.order_by("-created_at"))


@transaction.atomic
def confirm(*, transaction_id, pin: str) -> SimulatedSignRequest:
    """The key holder confirms with their PIN: the hash is signed with the held key."""
    request = request_of(transaction_id)
    if request.status != RequestStatus.PENDING:
        raise ValidationFailed(_("Yêu cầu này không còn chờ xác nhận."), code="not_pending")
    if not hmac.compare_digest(pin.encode(), request.key.pin.encode()):
        raise ValidationFailed(_("Mã PIN không đúng."), code="wrong_pin")
    private_key = issued(request.key).key
    request.signature = private_key.sign(
        bytes(request.digest), padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
    )
    request.status = RequestStatus.SIGNED
    request.save(update_fields=["signature", "status"])
    return request


def refuse(*, transaction_id) -> SimulatedSignRequest:
    request = request_of(transaction_id)
    if request.status != RequestStatus.PENDING:
        raise ValidationFailed(_("Yêu cầu này không còn chờ xác nhận."), code="not_pending")
    request.status = RequestStatus.REJECTED
    request.save(update_fields=["status"])
    return request
