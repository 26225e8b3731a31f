"""Moving a dossier through its process: `forward`, `return_back`, `assign`, `finish`, `apologize`.

A step's clock starts when the dossier enters it and runs for the step's allowance in working
hours on the unit's calendar. Steps only forward to later steps (workflow's rule); going back is
`return_back`, with a reason.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.rules import holds_role_in
from motcua.dossiers.services import _core, signing
from motcua.workdays.arithmetic import HOURS_PER_DAY
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action
from motcua.workflow.models import ProcessStep
from motcua.workflow.selectors import next_steps, previous_steps


def forward(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    to_step: ProcessStep | None = None,
    note: str = "",
) -> Dossier:
    """`forward` (chuyển bước): to `to_step` among the step's next steps, else the first of them."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.FORWARD, expected_version=expected_version
        )
        target = _target(next_steps(dossier.current_step), to_step)
        if target is None:
            raise Conflict(_("Bước hiện tại không có bước tiếp theo."), code="no_next_step")
        if target.is_end:
            raise Conflict(
                _("Bước tiếp theo là bước trả kết quả: dùng thao tác «Hoàn thành»."),
                code="use_finish",
            )
        now, before = clock.now(), dossier.status
        _core.enter_step(
            dossier, step=target, user=user, at=now, action=Action.FORWARD, note=note.strip()
        )
        dossier.status = Status.PROCESSING
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.FORWARD,
            from_status=before,
            at=now,
            note=note.strip(),
            data={"step": target.key},
        )
    return dossier


def return_back(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    reason: str,
    to_step: ProcessStep | None = None,
) -> Dossier:
    """`return_back` (trả lại bước trước): to `to_step`, else the step the dossier came from.
    A result sent back is to be reworked: its approval, if any, no longer stands."""
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập lý do trả lại bước trước.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.RETURN_BACK,
            expected_version=expected_version,
        )
        candidates = previous_steps(dossier.current_step)
        target = _target(candidates, to_step) if to_step else _came_from(dossier, candidates)
        if target is None:
            raise Conflict(_("Bước hiện tại không có bước trước để trả lại."), code="no_previous")
        now = clock.now()
        dossier.approved_by, dossier.approved_at = None, None
        _core.enter_step(
            dossier, step=target, user=user, at=now, action=Action.RETURN_BACK, note=reason
        )
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.RETURN_BACK,
            from_status=Status.PROCESSING,
            at=now,
            note=reason,
            data={"step": target.key},
        )
    return dossier


def assign(*, user: User, dossier: Dossier, expected_version: int, handler: User) -> Dossier:
    """`assign` (phân công): the unit's leader names who handles the current step."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.ASSIGN, expected_version=expected_version
        )
        step, unit = dossier.current_step, dossier.current_unit
        if not handler.is_active or not holds_role_in(handler, step.role, unit):
            message = _("Người được phân công không giữ vai trò «%(role)s» tại %(unit)s.") % {
                "role": step.get_role_display(),
                "unit": unit.name,
            }
            raise ValidationFailed(message, fields={"handler": [message]})
        now = clock.now()
        dossier.current_handler = handler
        dossier.step_records.filter(ended_at__isnull=True).update(handler=handler)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.ASSIGN,
            from_status=dossier.status,
            at=now,
            data={"handler": handler.pk, "handler_name": handler.full_name},
        )
    return dossier


def finish(*, user: User, dossier: Dossier, expected_version: int, note: str = "") -> Dossier:
    """`finish` (hoàn thành): the result goes to the return desk; the dossier is ready."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.FINISH, expected_version=expected_version
        )
        signing.ensure_issued(dossier)
        end = next((step for step in next_steps(dossier.current_step) if step.is_end), None)
        if end is None:
            raise Conflict(
                _("Bước hiện tại không chuyển tới bước trả kết quả: chưa thể hoàn thành."),
                code="no_end_step",
            )
        now = clock.now()
        _core.enter_step(dossier, step=end, user=user, at=now, action=Action.FINISH)
        dossier.status = Status.READY
        dossier.finished_at = now
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.FINISH,
            from_status=Status.PROCESSING,
            at=now,
            note=note.strip(),
        )
    return dossier


def apologize(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    reason: str,
    new_appointment_at: datetime,
) -> Dossier:
    """`apologize` (xin lỗi, hẹn lại — Mẫu 04): once, by a leader of the unit holding the
    dossier, while at least one working day remains before the appointment. The new date is
    kept beside the original appointment, which still judges the dossier."""
    reason = _core.required_text(reason, field="reason", message=_("Nhập lý do xin lỗi."))
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.APOLOGIZE, expected_version=expected_version
        )
        if dossier.new_appointment_at is not None:
            raise Conflict(
                _("Hồ sơ đã được xin lỗi và hẹn lại một lần; không được hẹn lại lần nữa."),
                code="already_apologized",
            )
        now = clock.now()
        remaining = calendar_for(agency=dossier.receiving_agency).working_time_between(
            start=now, end=max(now, dossier.appointment_at)
        )
        if remaining < timedelta(hours=HOURS_PER_DAY):
            raise Conflict(
                _("Chỉ được xin lỗi khi còn ít nhất một ngày làm việc trước ngày hẹn trả."),
                code="too_late_to_apologize",
            )
        if new_appointment_at <= dossier.appointment_at:
            message = _("Ngày hẹn lại phải sau ngày hẹn trả %(date)s.") % {
                "date": clock.shown(dossier.appointment_at)
            }
            raise ValidationFailed(message, fields={"new_appointment_at": [message]})
        dossier.new_appointment_at = new_appointment_at
        dossier.apology_reason = reason
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.APOLOGIZE,
            from_status=dossier.status,
            at=now,
            note=reason,
            data={"new_appointment_at": new_appointment_at.isoformat()},
        )
    return dossier


def _target(candidates: list[ProcessStep], wanted: ProcessStep | None) -> ProcessStep | None:
    if wanted is None:
        return candidates[0] if candidates else None
    if all(step.pk != wanted.pk for step in candidates):
        message = _("Không chuyển được tới bước «%(step)s» từ bước hiện tại.") % {
            "step": wanted.name
        }
        raise ValidationFailed(message, fields={"to_step": [message]})
    return wanted


def _came_from(dossier: Dossier, candidates: list[ProcessStep]) -> ProcessStep | None:
    keys = {step.pk: step for step in candidates}
    earlier = dossier.step_records.exclude(ended_at__isnull=True).order_by("-pk")
    for step_id in earlier.values_list("step_id", flat=True):
        if step_id in keys:
            return keys[step_id]
    return candidates[-1] if candidates else None
