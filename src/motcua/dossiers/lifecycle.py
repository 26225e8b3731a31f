"""The dossier's state machine: in which statuses each action may be taken, and where it leads.

docs/dossier-lifecycle.md writes the same table out with who may act. `None` as a target means
the action leaves the status where it is (assign, apologize, attach_result, approve) or returns to
the status before a wait (supply, confirm_payment).
"""

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier, Status
from motcua.workflow.actions import Action

S = Status

TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    Action.RECEIVE: (frozenset({S.SUBMITTED}), S.RECEIVED),
    Action.REFUSE: (frozenset({S.SUBMITTED}), S.NOT_RECEIVED),
    Action.REQUEST_SUPPLEMENT: (
        frozenset({S.SUBMITTED, S.RECEIVED, S.PROCESSING}),
        S.AWAITING_SUPPLEMENT,
    ),
    Action.SUPPLY: (frozenset({S.AWAITING_SUPPLEMENT}), None),
    Action.FORWARD: (frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    Action.RETURN_BACK: (frozenset({S.PROCESSING}), S.PROCESSING),
    Action.ASSIGN: (frozenset({S.RECEIVED, S.PROCESSING}), None),
    Action.FINISH: (frozenset({S.PROCESSING}), S.READY),
    Action.RETURN_RESULT: (frozenset({S.READY}), S.RETURNED),
    Action.STOP: (frozenset({S.RECEIVED, S.PROCESSING}), S.STOPPED),
    Action.WITHDRAW: (frozenset({S.SUBMITTED, S.RECEIVED, S.PROCESSING}), S.WITHDRAWAL_REQUESTED),
    Action.ACCEPT_WITHDRAWAL: (frozenset({S.WITHDRAWAL_REQUESTED}), S.WITHDRAWN),
    Action.APOLOGIZE: (frozenset({S.RECEIVED, S.PROCESSING}), None),
    Action.REQUEST_PAYMENT: (frozenset({S.RECEIVED, S.PROCESSING}), S.AWAITING_PAYMENT),
    Action.CONFIRM_PAYMENT: (frozenset({S.AWAITING_PAYMENT}), None),
    Action.ATTACH_RESULT: (frozenset({S.PROCESSING}), None),
    Action.APPROVE: (frozenset({S.PROCESSING}), None),
}

# Taken at a step only when the step lists them; `assign` is the unit leader's whatever the
# step lists (the sample processes do not list it), the intake actions precede any step, and
# the ends of a wait (`supply`, `confirm_payment`) are not taken at a step.
STEP_LISTED = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.FORWARD,
        Action.RETURN_BACK,
        Action.FINISH,
        Action.RETURN_RESULT,
        Action.STOP,
        Action.ACCEPT_WITHDRAWAL,
        Action.APOLOGIZE,
        Action.REQUEST_PAYMENT,
        Action.ATTACH_RESULT,
        Action.APPROVE,
    }
)


def allowed_now(dossier: Dossier, action: str) -> bool:
    """Whether the status and the current step allow `action` (not whether the user may)."""
    return refusal(dossier, action) is None


def ensure_allowed(dossier: Dossier, action: str) -> None:
    message = refusal(dossier, action)
    if message is not None:
        raise Conflict(message, code="action_not_allowed")


def refusal(dossier: Dossier, action: str) -> str | None:
    """Why `action` cannot be taken on `dossier` now, in Vietnamese; None when it can."""
    sources, _target = TRANSITIONS[action]
    label = str(Action(action).label)
    label = label[:1].lower() + label[1:]
    if dossier.status not in sources:
        if dossier.status == Status.AWAITING_SUPPLEMENT:
            return _("Hồ sơ đang chờ bổ sung, chưa thể %(action)s.") % {"action": label}
        if dossier.status == Status.AWAITING_PAYMENT:
            return _("Hồ sơ đang chờ thực hiện nghĩa vụ tài chính, chưa thể %(action)s.") % {
                "action": label
            }
        return _("Hồ sơ đang ở trạng thái «%(status)s», không thể %(action)s.") % {
            "status": Status(dossier.status).label,
            "action": label,
        }
    step = dossier.current_step
    if action in STEP_LISTED and step is not None and action not in step.actions:
        return _("Bước «%(step)s» không có thao tác «%(action)s».") % {
            "step": step.name,
            "action": label,
        }
    return None
