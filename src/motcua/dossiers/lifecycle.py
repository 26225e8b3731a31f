"""The dossier's state machine: in which statuses each action may be taken, and where it leads.

docs/dossier-lifecycle.md writes the same table out with who may act. `None` as a target means
the action leaves the status where it is (assign, apologize, attach_result, approve, sign, issue)
or returns to the status before a wait (supply, confirm_payment).

Beyond status and step, open work holds a dossier: while another agency has it (`transfer`)
only `transfer_back` moves it; while consultations are unanswered it cannot leave the step;
while a paper hand-over waits for the receiving unit, the step's actions wait too. A result is
not returned while fees are owed (`Dossier.fees_due`).
"""

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict
from motcua.core.money import vnd
from motcua.dossiers.models import Dossier, ResultDocument, Status
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
    Action.SIGN: (frozenset({S.PROCESSING}), None),
    Action.ISSUE: (frozenset({S.PROCESSING}), None),
    Action.CONSULT: (frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    # Answers and transfers come back whatever the dossier waits for meanwhile.
    Action.ANSWER: (
        frozenset(
            {S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT, S.WITHDRAWAL_REQUESTED}
        ),
        None,
    ),
    Action.TRANSFER: (frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    Action.TRANSFER_BACK: (frozenset({S.PROCESSING, S.WITHDRAWAL_REQUESTED}), None),
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
        Action.CONSULT,
        Action.TRANSFER,
    }
)

# What the dossier's holders may still do while another agency has it (liên thông): take it back,
# and what the citizen or a leader does whatever the step.
WHILE_TRANSFERRED = frozenset({Action.TRANSFER_BACK, Action.WITHDRAW, Action.APOLOGIZE})

# What must wait until every consultation of the step has been answered.
AFTER_CONSULTATIONS = frozenset(
    {Action.FORWARD, Action.RETURN_BACK, Action.FINISH, Action.TRANSFER, Action.APPROVE}
)

# What a step given on paper cannot do before the receiving unit accepts the hand-over list.
NEEDS_PAPER = STEP_LISTED | {Action.ASSIGN}


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
    held = _held(dossier, action)
    if held is not None:
        return held
    step = dossier.current_step
    if action in STEP_LISTED and step is not None and action not in step.actions:
        return _("Bước «%(step)s» không có thao tác «%(action)s».") % {
            "step": step.name,
            "action": label,
        }
    return None


def _held(dossier: Dossier, action: str) -> str | None:
    """Why open work (a transfer, consultations, a paper hand-over) holds `action` back."""
    if dossier.transferred_to_id is not None and action not in WHILE_TRANSFERRED:
        return _("Hồ sơ đang chuyển liên thông tới %(agency)s; chờ cơ quan đó trả về.") % {
            "agency": dossier.transferred_to.name
        }
    if action == Action.TRANSFER_BACK and dossier.transferred_to_id is None:
        return _("Hồ sơ không ở cơ quan liên thông nào để trả về.")
    if action == Action.ANSWER and not dossier.open_consultations:
        return _("Hồ sơ không có ý kiến nào đang chờ trả lời.")
    if action in AFTER_CONSULTATIONS and dossier.open_consultations:
        return _("Còn %(count)s ý kiến chưa trả lời; bước tiếp tục khi đủ ý kiến.") % {
            "count": dossier.open_consultations
        }
    if action in (Action.SIGN, Action.ISSUE):
        return _result_stage_refusal(dossier, action)
    if action == Action.RETURN_RESULT and dossier.fees_unpriced:
        return _("Hồ sơ có khoản phí chưa xác định mức thu; tính phí và thu đủ trước khi trả.")
    if action == Action.RETURN_RESULT and dossier.fees_due:
        return _("Hồ sơ còn %(amount)s đồng phí, lệ phí chưa nộp; chưa thể trả kết quả.") % {
            "amount": vnd(dossier.fees_due)
        }
    if action in NEEDS_PAPER and awaiting_paper(dossier):
        return _("Hồ sơ giấy chưa được %(unit)s xác nhận đã nhận bàn giao.") % {
            "unit": dossier.current_unit.name
        }
    return None


def _result_stage_refusal(dossier: Dossier, action: str) -> str | None:
    """`sign` takes an approved draft of the result document, `issue` a signed one."""
    document = ResultDocument.objects.filter(dossier=dossier).first()
    stage = document.stage if document is not None else None
    if stage is None:
        return _("Hồ sơ chưa có văn bản kết quả để ký số.")
    if stage == "issued":
        return _("Văn bản kết quả đã được phát hành.")
    if action == Action.SIGN:
        if stage == "signed":
            return _("Văn bản kết quả đã được ký.")
        if dossier.approved_at is None:
            return _("Văn bản kết quả chưa được phê duyệt.")
    elif stage != "signed":
        return _("Văn bản kết quả chưa có chữ ký của người có thẩm quyền.")
    return None


def awaiting_paper(dossier: Dossier) -> bool:
    """Given on paper to the current unit, which has not yet accepted the hand-over list."""
    return dossier.current_step_id is not None and dossier.step_started_at is None
