"""Who oversees the notifications sent, registered in `NotificationsConfig`: the leaders and
agency administrators of the unit a message belongs to (or of the dossier's receiving unit),
and system administrators. `notifications.oversee` (the object is None) opens the back-office
list; `notifications.retry` sends a parked message again."""

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.notifications import selectors
from motcua.notifications.models import Message


def may_oversee(user: User, _obj: None) -> bool:
    return selectors.oversees_any(user)


def may_retry(user: User, message: Message) -> bool:
    return selectors.messages_for(user).filter(pk=message.pk).exists()


RULES = {"notifications.oversee": may_oversee, "notifications.retry": may_retry}


def register_rules() -> None:
    for action, rule in RULES.items():
        access.register(action, rule)
