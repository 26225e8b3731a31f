"""Who may do what with ratings and feedback, registered in `FeedbackConfig.ready()`.

A dossier is rated by its owner. Feedback is sent by citizens and organisations, seen by its
sender and by the officers of the agency it is addressed to (a role on the agency or on one of its
internal units), who handle it: reject, ask for more, answer, publish. Only the sender replies to
a request for more information.
"""

from motcua.accounts import access
from motcua.accounts.models import User, UserKind
from motcua.accounts.selectors import holds_any_role
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback


def may_rate(user: User, dossier: Dossier) -> bool:
    return dossier.owner_id is not None and user.pk == dossier.owner_id


def may_send(user: User, _obj: object) -> bool:
    return user.kind in (UserKind.CITIZEN, UserKind.ORGANISATION)


def may_handle(user: User, feedback: Feedback) -> bool:
    return holds_any_role(user, feedback.agency)


def may_view(user: User, feedback: Feedback) -> bool:
    return user.pk == feedback.citizen_id or may_handle(user, feedback)


def may_reply(user: User, feedback: Feedback) -> bool:
    return user.pk == feedback.citizen_id


RULES = {
    "feedback.rate": may_rate,
    "feedback.send": may_send,
    "feedback.view": may_view,
    "feedback.reject": may_handle,
    "feedback.ask_more": may_handle,
    "feedback.answer": may_handle,
    "feedback.publish": may_handle,
    "feedback.reply": may_reply,
}


def register_rules() -> None:
    for action, rule in RULES.items():
        access.register(action, rule)
