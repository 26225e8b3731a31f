"""The vocabulary of what can be done to a dossier (thao tác), and which of it a step declares.

The names are fixed: the process format, the API and the dossier history all use them. Most are
officers' actions that a process step allows or not; a few are not a step's to allow, because
someone outside the step's unit takes them whatever step the dossier is at:

- `supply` and `withdraw` are the citizen's (bổ sung hồ sơ, xin rút hồ sơ);
- `answer` is the consulted unit's reply to a consultation the step opened (`ConsultationSpec`);
- `sign` is the competent person's (who approved the result), `issue` the records clerk's of the
  competent agency (văn thư: the number, the date, the organisation's signature and seal).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    SUPPLY = "supply", _("Bổ sung hồ sơ")
    FORWARD = "forward", _("Chuyển bước tiếp theo")
    RETURN_BACK = "return_back", _("Trả lại bước trước")
    ASSIGN = "assign", _("Phân công xử lý")
    CONSULT = "consult", _("Xin ý kiến")
    ANSWER = "answer", _("Trả lời xin ý kiến")
    REQUEST_PAYMENT = "request_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    CONFIRM_PAYMENT = "confirm_payment", _("Xác nhận đã thực hiện nghĩa vụ tài chính")
    STOP = "stop", _("Dừng giải quyết")
    TRANSFER = "transfer", _("Chuyển liên thông")
    TRANSFER_BACK = "transfer_back", _("Trả hồ sơ liên thông")
    ATTACH_RESULT = "attach_result", _("Đính kèm kết quả")
    APPROVE = "approve", _("Phê duyệt")
    SIGN = "sign", _("Ký số kết quả")
    ISSUE = "issue", _("Phát hành kết quả")
    FINISH = "finish", _("Hoàn thành, chuyển kết quả về Bộ phận Một cửa")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    WITHDRAW = "withdraw", _("Xin rút hồ sơ")
    ACCEPT_WITHDRAWAL = "accept_withdrawal", _("Chấp nhận rút hồ sơ")
    APOLOGIZE = "apologize", _("Xin lỗi và hẹn lại ngày trả")


NOT_STEP_ACTIONS = frozenset(
    {Action.SUPPLY, Action.WITHDRAW, Action.ANSWER, Action.SIGN, Action.ISSUE}
)

# What a step may list in its `actions`, in the vocabulary's order.
STEP_ACTIONS = tuple(action for action in Action if action not in NOT_STEP_ACTIONS)

STEP_ACTION_CHOICES = [(action.value, action.label) for action in STEP_ACTIONS]

# The actions that take a dossier along the step's forward edges (to `next_steps`): a step that
# is not an end step needs one of them, or the dossier could never leave it.
MOVING_ACTIONS = frozenset({Action.FORWARD, Action.FINISH})
