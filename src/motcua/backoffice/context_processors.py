"""The officers' menu lists the pages the signed-in officer may open: the counter for the
one-stop desk, the late dossiers for leaders, the unit's administration for its administrators,
the messages sent for both. The same roles the pages check (`agencies_where(...)` is empty
exactly when the role is held nowhere), read in one query, and only when a back-office page
draws its menu."""

from django.utils.functional import SimpleLazyObject

from motcua.accounts.models import Role
from motcua.accounts.selectors import roles_held


def officer_menu(request) -> dict:
    return {"officer_menu": SimpleLazyObject(lambda: _pages(request.user))}


def _pages(user) -> dict[str, bool]:
    roles = roles_held(user)
    every = Role.SYSTEM_ADMIN in roles
    return {
        "intake": every or Role.COUNTER_OFFICER in roles,
        "overdue": every or Role.LEADER in roles,
        "administration": every or Role.AGENCY_ADMIN in roles,
        "notifications": every or bool(roles & {Role.LEADER, Role.AGENCY_ADMIN}),
    }
