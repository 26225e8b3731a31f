"""Changes to notifications: an officer sends a parked message again; a citizen's Zalo account is
linked."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.notifications import sending
from motcua.notifications.models import Message, Status, ZaloAccount


def retry(*, user: User, message: Message) -> Message:
    """Give a parked message a fresh set of attempts, starting now (with Redis a worker takes it
    at once; in the embedded mode the next sweep, within seconds)."""
    access.ensure(user, "notifications.retry", message)
    with transaction.atomic():
        changed = Message.objects.filter(pk=message.pk, status=Status.PARKED).update(
            status=Status.QUEUED,
            attempts=0,
            manual_retries=F("manual_retries") + 1,
            next_attempt_at=clock.now(),
            locked_until=None,
        )
        if not changed:
            raise Conflict(_("Thông báo này không ở trạng thái tạm dừng."), code="not_parked")
        audit.record(
            action="notification.retry",
            actor=user,
            obj=message,
            data={
                "channel": message.channel,
                "kind": message.kind,
                "dossier": message.dossier_code,
            },
        )
        transaction.on_commit(lambda: sending.start_later([message.pk]), robust=True)
    message.refresh_from_db()
    return message


def link_zalo(*, user: User, zalo_user_id: str) -> ZaloAccount:
    """Record the user id the province's Zalo OA knows `user` by (from the OA's follow webhook
    or a linking page); linking again replaces the earlier id."""
    with transaction.atomic():
        account, _created = ZaloAccount.objects.update_or_create(
            user=user, defaults={"zalo_user_id": zalo_user_id, "linked_at": clock.now()}
        )
        audit.record(action="notification.link_zalo", actor=user, obj=account, data={})
    return account
