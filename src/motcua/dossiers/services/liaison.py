"""Work the step asks of others: `consult` / `answer` (xin ý kiến) and `transfer` /
`transfer_back` (liên thông).

A consultation runs beside the step, on the consulted unit's calendar and allowance; the step
cannot move on (`lifecycle.AFTER_CONSULTATIONS`) until every opinion has come back. A transfer
hands the dossier to another agency for its part: that agency's stay is a step record of its
own, timed by its allowance, and when it sends the dossier back the step begins again at the
unit that sent it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User
from motcua.agencies.models import Agency
from motcua.agencies.selectors import is_in_force
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.models import Consultation, Dossier, Status, StepRecord, Transfer
from motcua.dossiers.rules import holds_role_in
from motcua.dossiers.services import _core
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action

# When an officer asks a unit the process does not name, without saying how long it has.
DEFAULT_CONSULTATION_HOURS = Decimal(16)


@dataclass(frozen=True)
class Question:
    unit: Agency
    question: str
    allowance_hours: Decimal
    spec_id: int | None = None


def consult(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    unit: Agency | None = None,
    question: str = "",
    allowance_hours: Decimal | None = None,
) -> Dossier:
    """`consult` (xin ý kiến): with no `unit`, open the consultations the step declares; with a
    `unit`, ask it `question`, allowing it `allowance_hours` working hours (16 by default)."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.CONSULT, expected_version=expected_version
        )
        questions = _questions(dossier, user, unit, question, allowance_hours)
        now, before = clock.now(), dossier.status
        asked = [
            Consultation.objects.create(
                dossier=dossier,
                spec_id=item.spec_id,
                step=dossier.current_step,
                asking_unit=dossier.current_unit,
                unit=item.unit,
                question=item.question,
                asked_by=user,
                asked_at=now,
                due_at=calendar_for(agency=item.unit).add_working_time(
                    now, duration=_core.hours(item.allowance_hours)
                ),
            )
            for item in questions
        ]
        dossier.open_consultations += len(asked)
        dossier.status = Status.PROCESSING
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.CONSULT,
            from_status=before,
            at=now,
            note="; ".join(f"{c.unit.name}: {c.question}" for c in asked),
            data={
                "consultations": [
                    {"id": c.pk, "unit": c.unit.code, "due_at": c.due_at.isoformat()} for c in asked
                ]
            },
        )
    return dossier


def answer(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    answer: str,
    consultation: int | None = None,
) -> Dossier:
    """`answer` (trả lời xin ý kiến): the consulted unit's opinion. `consultation` picks one when
    the caller's unit was asked more than once; otherwise the open one asked of their unit."""
    text = _core.required_text(answer, field="answer", message=_("Nhập ý kiến trả lời."))
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.ANSWER, expected_version=expected_version
        )
        answerer = getattr(dossier, "acting_for", None) or user
        item = _open_consultation_of(answerer, dossier, consultation)
        now = clock.now()
        item.answer, item.answered_by, item.answered_at = text, user, now
        item.save(update_fields=["answer", "answered_by", "answered_at"])
        dossier.open_consultations -= 1
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.ANSWER,
            from_status=dossier.status,
            at=now,
            note=text,
            data={"consultation": item.pk, "unit": item.unit.code, "late": now > item.due_at},
        )
    return dossier


def transfer(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    to_agency: Agency,
    reason: str,
    allowance_hours: Decimal | None = None,
) -> Dossier:
    """`transfer` (chuyển liên thông): `to_agency` does its part within `allowance_hours`
    working hours (the current step's allowance by default) and sends the dossier back."""
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập nội dung cần cơ quan liên thông giải quyết.")
    )
    hours = _allowance(allowance_hours)
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.TRANSFER, expected_version=expected_version
        )
        _check_outside_unit(dossier, to_agency, user=user, field="to_agency")
        step, from_unit = dossier.current_step, dossier.current_unit
        hours = hours if hours is not None else step.allowance_hours
        now, before = clock.now(), dossier.status
        due = calendar_for(agency=to_agency).add_working_time(now, duration=_core.hours(hours))
        Transfer.objects.create(
            dossier=dossier,
            step=step,
            from_unit=from_unit,
            to_agency=to_agency,
            reason=reason,
            sent_by=user,
            sent_at=now,
            due_at=due,
        )
        _core.close_record(dossier, user=user, at=now, action=Action.TRANSFER)
        StepRecord.objects.create(
            dossier=dossier,
            step=step,
            unit=to_agency,
            given_by=user,
            given_at=now,
            received_at=now,
            due_at=due,
            note=reason,
        )
        dossier.current_unit, dossier.current_handler = to_agency, None
        dossier.step_started_at, dossier.step_due_at = now, due
        dossier.transferred_to = to_agency
        dossier.status = Status.PROCESSING
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.TRANSFER,
            from_status=before,
            at=now,
            note=reason,
            data={"to_agency": to_agency.code, "due_at": due.isoformat()},
        )
    return dossier


def transfer_back(*, user: User, dossier: Dossier, expected_version: int, outcome: str) -> Dossier:
    """`transfer_back` (trả hồ sơ liên thông): the agency says what it did and returns the
    dossier; the step begins again, with its allowance, at the unit that sent it, handled by
    its earlier handler or else by the officer who sent it."""
    outcome = _core.required_text(
        outcome, field="outcome", message=_("Nhập kết quả giải quyết liên thông.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.TRANSFER_BACK,
            expected_version=expected_version,
        )
        sent = dossier.transfers.filter(returned_at__isnull=True).order_by("-pk").first()
        now = clock.now()
        sent.outcome, sent.returned_by, sent.returned_at = outcome, user, now
        sent.save(update_fields=["outcome", "returned_by", "returned_at"])
        dossier.transferred_to = None
        # Back to the sending unit, on its calendar, as a new stay at the same step, with the
        # handler it had before it left, else the officer who sent it (or whom they stood in for).
        handler = _handler_before(dossier, sent)
        dossier.current_unit = sent.from_unit
        _core.close_record(dossier, user=user, at=now, action=Action.TRANSFER_BACK)
        due = _core.due_for(sent.step, unit=sent.from_unit, start=now)
        StepRecord.objects.create(
            dossier=dossier,
            step=sent.step,
            unit=sent.from_unit,
            given_by=user,
            given_at=now,
            handler=handler,
            received_at=now,
            due_at=due,
            note=outcome,
        )
        dossier.current_step, dossier.current_handler = sent.step, handler
        dossier.step_started_at, dossier.step_due_at = now, due
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.TRANSFER_BACK,
            from_status=dossier.status,
            at=now,
            note=outcome,
            data={"from_agency": sent.to_agency.code, "late": now > sent.due_at},
        )
    return dossier


def _handler_before(dossier: Dossier, sent: Transfer) -> User:
    left = (
        dossier.step_records.filter(end_action=Action.TRANSFER, step=sent.step)
        .select_related("handler")
        .order_by("-pk")
        .first()
    )
    if left is not None and left.handler is not None:
        return left.handler
    event = (
        dossier.events.filter(action=Action.TRANSFER)
        .select_related("actor", "acting_for")
        .order_by("-pk")
        .first()
    )
    return event.acting_for or event.actor


# ---------------------------------------------------------------- checks


def _questions(
    dossier: Dossier,
    user: User,
    unit: Agency | None,
    question: str,
    allowance_hours: Decimal | None,
) -> list[Question]:
    if unit is not None:
        text = _core.required_text(
            question, field="question", message=_("Nhập nội dung xin ý kiến.")
        )
        _check_outside_unit(dossier, unit, user=user, field="unit")
        hours = _allowance(allowance_hours)
        _check_not_waiting(dossier, [unit])
        return [Question(unit, text, hours if hours is not None else DEFAULT_CONSULTATION_HOURS)]
    specs = list(dossier.current_step.consultations.select_related("unit"))
    if not specs:
        message = _("Bước này không có nội dung xin ý kiến sẵn; chọn cơ quan, đơn vị cần hỏi.")
        raise ValidationFailed(message, fields={"unit": [message]})
    asked = set(
        dossier.consultations.filter(step=dossier.current_step).values_list("spec_id", flat=True)
    )
    fresh = [spec for spec in specs if spec.pk not in asked]
    if not fresh:
        raise Conflict(_("Đã xin đủ các ý kiến mà bước này quy định."), code="already_consulted")
    missing_unit = next((spec for spec in fresh if spec.unit is None), None)
    if missing_unit is not None:
        message = _("Quy trình chưa chỉ định đơn vị cho nội dung «%(name)s»; chọn đơn vị.") % {
            "name": missing_unit.name
        }
        raise ValidationFailed(message, fields={"unit": [message]})
    _check_not_waiting(dossier, [spec.unit for spec in fresh])
    return [
        Question(
            spec.unit,
            spec.name,
            spec.allowance_hours or DEFAULT_CONSULTATION_HOURS,
            spec_id=spec.pk,
        )
        for spec in fresh
    ]


def _check_not_waiting(dossier: Dossier, units: list[Agency]) -> None:
    waiting = dossier.consultations.filter(answered_at__isnull=True, unit__in=units).select_related(
        "unit"
    )
    first = waiting.first()
    if first is not None:
        message = _("Đang chờ ý kiến của %(unit)s; chưa hỏi lại được.") % {"unit": first.unit.name}
        raise Conflict(message, code="already_consulted", fields={"unit": [message]})


def _check_outside_unit(dossier: Dossier, agency: Agency, *, user: User, field: str) -> None:
    """Another unit: not the one handling the dossier (nor the agency it belongs to), and not
    one where the officer asking works — nobody gives an opinion to, or takes a transfer
    from, themselves."""
    own = dossier.current_unit
    mine = holds_role_in(user, Role.SPECIALIST, agency) or holds_role_in(user, Role.LEADER, agency)
    if agency.pk == own.pk or (own.is_internal_unit and agency.pk == own.parent_id) or mine:
        message = _("Chọn một cơ quan, đơn vị khác đơn vị đang xử lý hồ sơ.")
        raise ValidationFailed(message, fields={field: [message]})
    if not is_in_force(agency, on=clock.today()):
        message = _("%(unit)s không còn (hoặc chưa) hoạt động.") % {"unit": agency.name}
        raise ValidationFailed(message, fields={field: [message]})


def _allowance(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if value <= 0 or value > 2000:
        message = _("Thời gian phải lớn hơn 0 và không quá 2.000 giờ làm việc.")
        raise ValidationFailed(message, fields={"allowance_hours": [message]})
    return value


def _open_consultation_of(user: User, dossier: Dossier, pk: int | None) -> Consultation:
    waiting = dossier.consultations.filter(answered_at__isnull=True).select_related("unit")
    if pk is not None:
        waiting = waiting.filter(pk=pk)
    for item in waiting.order_by("asked_at", "pk"):
        if holds_role_in(user, Role.SPECIALIST, item.unit) or holds_role_in(
            user, Role.LEADER, item.unit
        ):
            return item
    message = _("Không có ý kiến nào đang chờ đơn vị của bạn trả lời.")
    raise ValidationFailed(message, fields={"consultation": [message]})
