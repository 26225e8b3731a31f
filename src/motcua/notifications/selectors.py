"""Reading the messages sent for the back office: those an officer oversees, filtered, with
recipients masked (the list is seen by many; a message's own row names its recipient only in
part)."""

from django.db.models import Q, QuerySet

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import agencies_where, is_active_user, is_system_admin
from motcua.agencies.models import Agency
from motcua.notifications.kinds import Channel
from motcua.notifications.models import Message, Status

# The list's status filter: a message's state, or "retried" — sent, but not at the first try.
RETRIED = "retried"


def _overseen(user: User) -> QuerySet[Agency] | None:
    """The units whose messages `user` oversees; None: every unit."""
    if is_system_admin(user):
        return None
    return agencies_where(user, Role.LEADER) | agencies_where(user, Role.AGENCY_ADMIN)


def oversees_any(user: User) -> bool:
    if not is_active_user(user):
        return False
    units = _overseen(user)
    return units is None or units.exists()


def messages_for(
    user: User, *, status: str = "", channel: str = "", code: str = ""
) -> QuerySet[Message]:
    if not is_active_user(user):
        return Message.objects.none()
    found = Message.objects.select_related("agency")
    units = _overseen(user)
    if units is not None:
        ids = units.values("pk")
        found = found.filter(Q(agency__in=ids) | Q(dossier__receiving_agency__in=ids))
    if status == RETRIED:
        found = found.filter(Q(attempts__gt=1) | Q(manual_retries__gt=0), status=Status.SENT)
    elif status in Status.values:
        found = found.filter(status=status)
    if channel in Channel.values:
        found = found.filter(channel=channel)
    if code.strip():
        found = found.filter(dossier_code__icontains=code.strip())
    return found


def masked(message: Message) -> str:
    """The recipient as the list shows it: 0912***678, b***@example.com, ***4821."""
    address = message.recipient
    if message.channel == Channel.SMS and len(address) > 6:
        return f"{address[:4]}***{address[-3:]}"
    if message.channel == Channel.EMAIL and "@" in address:
        name, domain = address.split("@", 1)
        return f"{name[:1]}***@{domain}"
    return f"***{address[-4:]}"
