"""Linking a citizen's account to the province's Zalo Official Account. Zalo gives the OA a user
id per follower and says nothing else about them, so the citizen proves who they are: the
account page gives a code (`new_link_code`), the citizen sends it to the OA in Zalo, and the
OA's webhook brings the message with the sender's id (`receive_event`). Unfollowing the OA
ends the link, as does the citizen on the account page (`unlink`)."""

import re
import secrets
from datetime import timedelta

from django.db import transaction

from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.notifications import services
from motcua.notifications.models import ZaloAccount, ZaloLinkCode

LINK_CODE_LIFETIME = timedelta(minutes=30)
# No 0/O, 1/I/L: the code is read on one screen and typed on another. 31^8 codes, ~40 bits.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_LENGTH = 8
PREFIX = "LK"
_IN_MESSAGE = re.compile(rf"\b{PREFIX}[\s-]*([{_ALPHABET}]{{{_LENGTH}}})\b", re.IGNORECASE)


def new_link_code(*, user: User) -> ZaloLinkCode:
    """A fresh code for `user`, replacing any earlier one."""
    code = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
    now = clock.now()
    with transaction.atomic():
        ZaloLinkCode.objects.filter(user=user).delete()
        return ZaloLinkCode.objects.create(
            user=user, code=code, created_at=now, expires_at=now + LINK_CODE_LIFETIME
        )


def pending_code(user: User) -> ZaloLinkCode | None:
    return ZaloLinkCode.objects.filter(user=user, expires_at__gt=clock.now()).first()


def linked_account(user: User) -> ZaloAccount | None:
    return ZaloAccount.objects.filter(user=user).first()


def unlink(*, user: User) -> bool:
    """End the link from the account page; whether there was one."""
    with transaction.atomic():
        account = ZaloAccount.objects.filter(user=user).first()
        if account is None:
            return False
        audit.record(action="notification.unlink_zalo", actor=user, obj=account, data={})
        account.delete()
    return True


def receive_event(event: dict) -> str:
    """What the OA's webhook event (already authenticated) does: a text with a live code links
    its sender to the code's account ("linked"); a text without one changes nothing
    ("no_code"); an unfollow ends that follower's link ("unlinked"); anything else is
    "ignored"."""
    name = str(event.get("event_name", ""))
    if name == "user_send_text":
        sender = _id(event.get("sender"))
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        found = _IN_MESSAGE.search(str(message.get("text", "")))
        if not sender or found is None:
            return "no_code"
        return "linked" if _link(found[1].upper(), sender) else "no_code"
    if name == "unfollow":
        follower = _id(event.get("follower"))
        account = ZaloAccount.objects.filter(zalo_user_id=follower).first() if follower else None
        if account is None:
            return "ignored"
        with transaction.atomic():
            audit.record(action="notification.unfollow_zalo", actor=None, obj=account, data={})
            account.delete()
        return "unlinked"
    return "ignored"


def _id(part) -> str:
    return str(part.get("id", "")).strip() if isinstance(part, dict) else ""


def _link(code: str, zalo_user_id: str) -> bool:
    with transaction.atomic():
        wanted = (
            ZaloLinkCode.objects.select_for_update()
            .select_related("user")
            .filter(code=code, expires_at__gt=clock.now())
            .first()
        )
        if wanted is None:
            return False
        # The Zalo user was linked to another account before: this message moves the link.
        ZaloAccount.objects.filter(zalo_user_id=zalo_user_id).exclude(user=wanted.user).delete()
        services.link_zalo(user=wanted.user, zalo_user_id=zalo_user_id)
        wanted.delete()
    return True
