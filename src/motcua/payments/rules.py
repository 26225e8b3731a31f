"""Who may do what with a dossier's fees, registered in `PaymentsConfig`: the citizen whose
dossier it is pays online; the counter officers of its receiving agency assess the fees and take
cash; a leader of that agency refunds; the system administrator may do all of it."""

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.accounts.selectors import is_system_admin
from motcua.dossiers.models import Dossier
from motcua.dossiers.rules import holds_role_in


def may_pay(user: User, dossier: Dossier) -> bool:
    return user.pk is not None and user.pk in (dossier.owner_id, dossier.submitted_by_id)


def may_collect(user: User, dossier: Dossier) -> bool:
    return is_system_admin(user) or holds_role_in(
        user, Role.COUNTER_OFFICER, dossier.receiving_agency
    )


def may_refund(user: User, dossier: Dossier) -> bool:
    return is_system_admin(user) or holds_role_in(user, Role.LEADER, dossier.receiving_agency)


RULES = {
    "payments.pay": may_pay,
    "payments.collect": may_collect,
    "payments.refund": may_refund,
}


def register_rules() -> None:
    for action, rule in RULES.items():
        access.register(action, rule)
