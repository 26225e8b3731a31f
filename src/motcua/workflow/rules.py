"""The rules a process version must meet to be published; pure, on `ProcessContent`.

Each finding names the step it is about, in Vietnamese ("Bước «Thẩm định» (tham_dinh): chưa có
vai trò xử lý."), so that the admin, the import report and the API can show it as it is. All the
findings come back at once; publishing refuses on any error, a warning only informs.

The graph: a step's forward edges go to the steps its `next_steps` names, or, when it names none,
to the step after it; an end step (`is_end`, where the result is returned) has none. Forward
edges go only to later steps, so the graph has no cycle and a dossier goes back only through
`return_back`. Time: a step takes its allowance, its consultations running in parallel inside it;
the longest chain of steps from the first to an end must fit within the procedure's legal time.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from motcua.accounts.models import Role
from motcua.agencies.models import Agency, AgencyKind
from motcua.core.errors import ValidationFailed
from motcua.workdays.arithmetic import HOURS_PER_DAY, Unit
from motcua.workflow.actions import MOVING_ACTIONS, NOT_STEP_ACTIONS, Action
from motcua.workflow.content import ProcessContent, StepContent
from motcua.workflow.models import STEP_KEY_PATTERN

# The administrators' roles run the system, not dossiers.
STEP_ROLES = frozenset(Role.values) - {Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN}


@dataclass(frozen=True)
class ProcessError:
    step_key: str = ""
    step_name: str = ""
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        if self.step_name:
            return _("Bước «%(name)s» (%(key)s): %(message)s") % {
                "name": self.step_name,
                "key": self.step_key,
                "message": self.message,
            }
        if self.step_key:
            return _("Bước %(key)s: %(message)s") % {"key": self.step_key, "message": self.message}
        return self.message


@dataclass
class ProcessCheck:
    errors: list[ProcessError] = field(default_factory=list)
    warnings: list[ProcessError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ProcessInvalid(ValidationFailed):
    """Publishing refused: `errors` holds every finding, each naming its step."""

    code = "process_invalid"

    def __init__(self, errors: list[ProcessError]) -> None:
        fields: dict[str, list[str]] = {}
        for error in errors:
            fields.setdefault(error.step_key or "__all__", []).append(str(error))
        super().__init__(
            _("Quy trình chưa công bố được: %(errors)s")
            % {"errors": " ".join(str(error) for error in errors)},
            fields=fields,
        )
        self.errors = errors


def legal_hours(amount: Decimal | None, unit: str) -> Decimal | None:
    """A legal processing time in working hours: a working day is 8 hours. A calendar day holds at
    most one working day, so N calendar days allow at most N × 8 hours of planned work (holidays
    in the period leave less; the dossier's deadline is counted by `workdays` all the same)."""
    if amount is None:
        return None
    return Decimal(amount) if unit == Unit.HOUR else Decimal(amount) * HOURS_PER_DAY


def hours_text(hours: Decimal) -> str:
    """4 → "4", 1.50 → "1,5" (in the active language's number format)."""
    value = hours.quantize(Decimal(1)) if hours == hours.to_integral_value() else hours.normalize()
    return formats.number_format(value, use_l10n=True)


def check_content(
    content: ProcessContent, *, agency: Agency | None, legal_hours: Decimal | None
) -> ProcessCheck:
    """Every rule on `content`, for the process of `agency` (None: the province-wide default),
    against the procedure's legal time in working hours (None: unknown, only warned about)."""
    check = ProcessCheck()
    steps = content.steps
    if not steps:
        check.errors.append(ProcessError(field="steps", message=_("Quy trình chưa có bước nào.")))
        return check
    _check_keys(steps, check.errors)
    for index, step in enumerate(steps):
        _check_step(step, first=index == 0, agency=agency, errors=check.errors)
    edges = _edges(steps, check.errors)
    _check_paths(steps, edges, check.errors)
    if legal_hours is None:
        check.warnings.append(
            ProcessError(
                field="allowance_hours",
                message=_(
                    "Thủ tục chưa có thời hạn giải quyết: chưa kiểm tra được tổng thời gian của "
                    "quy trình."
                ),
            )
        )
    else:
        _check_total_time(steps, edges, legal_hours, check.errors)
    return check


def forward_edges(content: ProcessContent) -> dict[str, list[str]]:
    """Each step's forward edges by key, as the rules read them (invalid ones left out)."""
    return _edges(content.steps, [])


def _error(step: StepContent, field_name: str, message: str) -> ProcessError:
    return ProcessError(step_key=step.key, step_name=step.name, field=field_name, message=message)


def _check_keys(steps: list[StepContent], errors: list[ProcessError]) -> None:
    seen: dict[str, StepContent] = {}
    for step in steps:
        if not re.fullmatch(STEP_KEY_PATTERN, step.key):
            errors.append(
                _error(
                    step,
                    "key",
                    _(
                        "mã bước viết chữ thường không dấu, nối bằng dấu gạch dưới, ví dụ tham_dinh."
                    ),
                )
            )
        if not step.name.strip():
            errors.append(_error(step, "name", _("chưa có tên bước.")))
        if step.key in seen:
            errors.append(
                _error(
                    step,
                    "key",
                    _("mã bước đã dùng cho bước «%(other)s».") % {"other": seen[step.key].name},
                )
            )
        seen.setdefault(step.key, step)


def _check_step(
    step: StepContent, *, first: bool, agency: Agency | None, errors: list[ProcessError]
) -> None:
    if not step.role:
        errors.append(_error(step, "role", _("chưa có vai trò xử lý.")))
    elif step.role not in Role.values:
        errors.append(_error(step, "role", _("không có vai trò «%(role)s».") % {"role": step.role}))
    elif step.role not in STEP_ROLES:
        errors.append(
            _error(
                step,
                "role",
                _("vai trò «%(role)s» không xử lý hồ sơ.") % {"role": Role(step.role).label},
            )
        )
    if step.allowance_hours is None:
        errors.append(_error(step, "allowance_hours", _("chưa có thời gian xử lý.")))
    elif step.allowance_hours <= 0:
        errors.append(_error(step, "allowance_hours", _("thời gian xử lý phải lớn hơn 0 giờ.")))
    _check_unit(step, agency=agency, errors=errors)
    _check_actions(step, first=first, errors=errors)
    _check_consultations(step, agency=agency, errors=errors)


def _check_unit(step: StepContent, *, agency: Agency | None, errors: list[ProcessError]) -> None:
    # In the default process an empty unit means the agency's own unit for the role; an agency's
    # own process says which of its units it is. The province's public administrative service
    # centre receives and returns dossiers for the departments, outside their own trees.
    if agency is None:
        return
    if step.unit is None:
        errors.append(_error(step, "unit", _("chưa chọn đơn vị xử lý.")))
        return
    at_service_centre = (
        step.unit.kind == AgencyKind.SERVICE_CENTRE and step.role == Role.COUNTER_OFFICER
    )
    if not at_service_centre and not step.unit.path.startswith(agency.path):
        errors.append(
            _error(
                step,
                "unit",
                _("đơn vị «%(unit)s» không thuộc %(agency)s.")
                % {"unit": step.unit.name, "agency": agency.name},
            )
        )


def _check_actions(step: StepContent, *, first: bool, errors: list[ProcessError]) -> None:
    actions = set(step.actions)
    unknown = [name for name in step.actions if name not in Action.values]
    if unknown:
        errors.append(
            _error(
                step,
                "actions",
                _("không có thao tác %(names)s.") % {"names": ", ".join(f"«{n}»" for n in unknown)},
            )
        )
    foreign = [name for name in step.actions if name in NOT_STEP_ACTIONS]
    if foreign:
        errors.append(
            _error(
                step,
                "actions",
                _(
                    "%(names)s không phải thao tác của bước: công dân, đơn vị được xin ý kiến, "
                    "người ký hoặc văn thư thực hiện."
                )
                % {"names": ", ".join(f"«{n}»" for n in foreign)},
            )
        )
    if len(actions) != len(step.actions):
        errors.append(_error(step, "actions", _("một thao tác được ghi hai lần.")))
    if first and Action.RECEIVE not in actions:
        errors.append(
            _error(step, "actions", _("bước đầu tiên phải cho phép tiếp nhận hồ sơ (receive)."))
        )
    if step.is_end and Action.RETURN_RESULT not in actions:
        errors.append(
            _error(
                step, "actions", _("bước trả kết quả phải cho phép trả kết quả (return_result).")
            )
        )
    if not step.is_end and not actions & MOVING_ACTIONS:
        errors.append(
            _error(
                step,
                "actions",
                _("chưa cho phép chuyển hồ sơ sang bước sau (forward hoặc finish)."),
            )
        )
    if step.consultations and Action.CONSULT not in actions:
        errors.append(
            _error(step, "actions", _("có xin ý kiến nhưng chưa cho phép thao tác consult."))
        )


def _check_consultations(
    step: StepContent, *, agency: Agency | None, errors: list[ProcessError]
) -> None:
    for number, consultation in enumerate(step.consultations, start=1):
        label = consultation.name or _("thứ %(number)d") % {"number": number}
        values = {"name": label}
        if not consultation.name.strip():
            errors.append(
                _error(step, "consultations", _("ý kiến %(name)s chưa có nội dung.") % values)
            )
        if agency is not None and consultation.unit is None:
            errors.append(
                _error(
                    step,
                    "consultations",
                    _("ý kiến «%(name)s» chưa chọn cơ quan, đơn vị được hỏi.") % values,
                )
            )
        hours = consultation.allowance_hours
        if hours is None or hours <= 0:
            errors.append(
                _error(
                    step,
                    "consultations",
                    _("ý kiến «%(name)s» phải có thời gian trả lời lớn hơn 0 giờ.") % values,
                )
            )
        elif step.allowance_hours is not None and hours > step.allowance_hours:
            errors.append(
                _error(
                    step,
                    "consultations",
                    _(
                        "ý kiến «%(name)s» cần %(hours)s giờ, dài hơn thời gian của bước "
                        "(%(step_hours)s giờ)."
                    )
                    % {
                        **values,
                        "hours": hours_text(hours),
                        "step_hours": hours_text(step.allowance_hours),
                    },
                )
            )


def _edges(steps: list[StepContent], errors: list[ProcessError]) -> dict[str, list[str]]:
    index_of: dict[str, int] = {}
    for index, step in enumerate(steps):
        index_of.setdefault(step.key, index)
    edges: dict[str, list[str]] = {}
    for index, step in enumerate(steps):
        targets: list[str] = []
        if step.is_end:
            if step.next_steps:
                errors.append(
                    _error(step, "next_steps", _("bước trả kết quả không chuyển tới bước nào."))
                )
        elif not step.next_steps:
            targets = [steps[index + 1].key] if index + 1 < len(steps) else []
        for key in step.next_steps if not step.is_end else ():
            if key not in index_of:
                errors.append(
                    _error(step, "next_steps", _("không có bước «%(key)s».") % {"key": key})
                )
            elif index_of[key] <= index:
                target = steps[index_of[key]]
                errors.append(
                    _error(
                        step,
                        "next_steps",
                        _(
                            "chỉ chuyển tiếp tới bước đứng sau; «%(name)s» (%(key)s) không đứng "
                            "sau bước này (trả lại bước trước dùng return_back)."
                        )
                        % {"name": target.name, "key": key},
                    )
                )
            elif key not in targets:
                targets.append(key)
        edges.setdefault(step.key, targets)
    return edges


def _reached(starts: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _check_paths(
    steps: list[StepContent], edges: dict[str, list[str]], errors: list[ProcessError]
) -> None:
    from_first = _reached([steps[0].key], edges)
    for step in steps:
        if step.key not in from_first:
            errors.append(_error(step, "next_steps", _("không đi tới được từ bước đầu tiên.")))
    ends = [step.key for step in steps if step.is_end]
    if not ends:
        errors.append(
            ProcessError(field="is_end", message=_("Quy trình chưa có bước trả kết quả (is_end)."))
        )
        return
    backwards: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            backwards.setdefault(target, []).append(source)
    to_an_end = _reached(ends, backwards)
    for step in steps:
        if step.key in to_an_end:
            continue
        message = (
            _("không có bước tiếp theo mà không phải bước trả kết quả.")
            if not edges.get(step.key)
            else _("từ bước này không đi tới được bước trả kết quả.")
        )
        errors.append(_error(step, "next_steps", message))


def _check_total_time(
    steps: list[StepContent],
    edges: dict[str, list[str]],
    legal: Decimal,
    errors: list[ProcessError],
) -> None:
    # Edges go only forward in the list, so one pass in list order finds the longest chain.
    by_key = {step.key: step for step in reversed(steps)}
    longest: dict[str, tuple[Decimal, list[str]]] = {
        steps[0].key: (steps[0].allowance_hours or Decimal(0), [steps[0].key])
    }
    for step in steps:
        if step.key not in longest:
            continue
        total, path = longest[step.key]
        for target in edges.get(step.key, ()):
            candidate = total + (by_key[target].allowance_hours or Decimal(0))
            if target not in longest or candidate > longest[target][0]:
                longest[target] = (candidate, [*path, target])
    finished = [longest[step.key] for step in steps if step.is_end and step.key in longest]
    if not finished:
        return
    total, path = max(finished, key=lambda item: item[0])
    if total > legal:
        errors.append(
            ProcessError(
                field="allowance_hours",
                message=_(
                    "Tổng thời gian theo nhánh dài nhất (%(path)s) là %(total)s giờ, vượt thời hạn "
                    "giải quyết %(legal)s giờ làm việc."
                )
                % {
                    "path": " → ".join(f"{by_key[key].name} ({key})" for key in path),
                    "total": hours_text(total),
                    "legal": hours_text(legal),
                },
            )
        )
