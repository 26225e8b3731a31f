"""Who may send a dossier's result by post and follow the shipment, registered in `DeliveryConfig`:
the counter officers of the dossier's return unit (they hand results over), and system
administrators."""

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.accounts.selectors import is_system_admin
from motcua.dossiers.models import Dossier
from motcua.dossiers.rules import holds_role_in


def may_ship(user: User, dossier: Dossier) -> bool:
    return is_system_admin(user) or holds_role_in(user, Role.COUNTER_OFFICER, dossier.return_agency)


RULES = {"delivery.ship": may_ship}


def register_rules() -> None:
    for action, rule in RULES.items():
        access.register(action, rule)
