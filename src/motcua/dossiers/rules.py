"""Who may see a dossier and who may take each action on it, registered in `DossiersConfig`.

`dossiers.view`: the owner, whoever filed it, officers holding a role on the receiving,
competent or return unit or on the unit now handling it (an assignment on an internal unit
counts for its agency), system administrators.

Intake (receive, refuse, and any step action asked for before receipt, which the status then
refuses) is for the receiving desk's counter officers. Step actions are for officers holding
the step's role in the current unit, its handler, or the unit's leaders. Assign, stop and
apologize are for the current unit's leaders (the competent agency's before receipt). Supply
is the owner's or the receiving desk's; withdraw is the owner's (or that of the representative
who filed it). Request payment is for the step's actors or the receiving desk; confirm payment
for the receiving desk; attach result for the step's actors; approve for the unit's leaders;
sign for the leader who approved; issue for the records clerks of the competent agency.

Consult and transfer are the step's actors'. Answer is for the specialists and leaders of a unit
whose opinion is still awaited; transfer back for those of the agency the dossier was
transferred to. Units that were consulted or transferred to keep seeing the dossier. A paper
hand-over list is accepted by any officer of the receiving unit.

An officer standing in for an absent colleague (`accounts.Delegation`) may do what the colleague
may; `acting_for` says which colleague, and the history records it.
"""

from django.db.models import Q

from motcua.accounts import access
from motcua.accounts.models import Role, RoleAssignment, User, UserKind
from motcua.accounts.selectors import (
    agencies_where,
    holds_any_role,
    holds_role,
    is_system_admin,
    principals_of,
)
from motcua.agencies.models import Agency
from motcua.agencies.selectors import with_their_agencies
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.dossiers.models import Consultation, Dossier, HandoverBatch, Transfer

OFFICER_ROLES = (
    Role.COUNTER_OFFICER,
    Role.SPECIALIST,
    Role.LEADER,
    Role.RECORDS_CLERK,
    Role.AGENCY_ADMIN,
)


def holds_role_in(user: User, role: str, unit: Agency) -> bool:
    """`holds_role`, or the role on one of the unit's internal units (a specialist of a commune's
    phòng handles the commune's steps that name no phòng)."""
    if holds_role(user, role, unit):
        return True
    return RoleAssignment.objects.filter(
        user=user, role=role, agency__parent=unit, agency__kind__in=INTERNAL_KINDS
    ).exists()


def officer_unit_ids(user: User) -> set[int]:
    """The units whose dossiers an officer sees: where they hold a role, and the agency an
    internal unit of theirs belongs to."""
    ids: set[int] = set()
    for role in OFFICER_ROLES:
        ids |= with_their_agencies(agencies_where(user, role))
    return ids


def unit_ids_of(dossier: Dossier) -> set[int]:
    ids = {dossier.receiving_agency_id, dossier.competent_agency_id, dossier.return_agency_id}
    if dossier.current_unit_id is not None:
        ids.add(dossier.current_unit_id)
    return ids


def helping_unit_ids(dossier: Dossier) -> set[int]:
    """The units asked for an opinion on the dossier or sent it (liên thông), past and present."""
    asked = Consultation.objects.filter(dossier=dossier).values_list("unit_id", flat=True)
    sent = Transfer.objects.filter(dossier=dossier).values_list("to_agency_id", flat=True)
    return set(asked) | set(sent)


def may_view(user: User, dossier: Dossier) -> bool:
    if user.pk in (dossier.owner_id, dossier.submitted_by_id):
        return True
    if is_system_admin(user):
        return True
    if user.kind != UserKind.OFFICER:
        return False
    units = officer_unit_ids(user)
    return bool(unit_ids_of(dossier) & units) or bool(helping_unit_ids(dossier) & units)


def may_file_at_counter(user: User, agency: Agency) -> bool:
    return holds_role_in(user, Role.COUNTER_OFFICER, agency)


def may_submit_online(user: User, _obj: object) -> bool:
    return user.kind in (UserKind.CITIZEN, UserKind.ORGANISATION)


def may_take_intake(user: User, dossier: Dossier) -> bool:
    return holds_role_in(user, Role.COUNTER_OFFICER, dossier.receiving_agency)


def may_act_on_step(user: User, dossier: Dossier) -> bool:
    step, unit = dossier.current_step, dossier.current_unit
    if step is None or unit is None:
        return False
    if dossier.current_handler_id == user.pk:
        return True
    return holds_role_in(user, step.role, unit) or holds_role_in(user, Role.LEADER, unit)


def may_act_at_intake_or_step(user: User, dossier: Dossier) -> bool:
    if dossier.current_step is None:
        return may_take_intake(user, dossier)
    return may_act_on_step(user, dossier)


def may_request_payment(user: User, dossier: Dossier) -> bool:
    return may_act_on_step(user, dossier) or may_take_intake(user, dossier)


def may_lead_current_unit(user: User, dossier: Dossier) -> bool:
    # Before receipt no unit holds the dossier; the competent agency's leaders answer for it.
    return holds_role_in(user, Role.LEADER, dossier.current_unit or dossier.competent_agency)


def may_supply(user: User, dossier: Dossier) -> bool:
    return user.pk == dossier.owner_id or may_take_intake(user, dossier)


def may_withdraw(user: User, dossier: Dossier) -> bool:
    if user.pk == dossier.owner_id:
        return True
    return user.pk == dossier.submitted_by_id and user.kind != UserKind.OFFICER


def _holds_officer_role(user: User, unit: Agency) -> bool:
    return holds_role_in(user, Role.SPECIALIST, unit) or holds_role_in(user, Role.LEADER, unit)


def may_answer(user: User, dossier: Dossier) -> bool:
    asked = Agency.objects.filter(
        pk__in=dossier.consultations.filter(answered_at__isnull=True).values("unit_id")
    )
    return any(_holds_officer_role(user, unit) for unit in asked)


def may_take_back(user: User, dossier: Dossier) -> bool:
    unit = dossier.transferred_to
    return unit is not None and _holds_officer_role(user, unit)


def may_sign(user: User, dossier: Dossier) -> bool:
    """The competent person signs what they approved (before the approval, the unit's leaders
    may ask, and hear that it must be approved first)."""
    if dossier.approved_by_id is not None:
        return dossier.approved_by_id == user.pk
    return may_lead_current_unit(user, dossier)


def issuing_agency(dossier: Dossier) -> Agency:
    """The agency whose records clerk issues the result and whose seal it carries: the
    competent unit's, or the agency it is an internal unit of."""
    unit = dossier.competent_agency
    return unit.parent if unit.kind in INTERNAL_KINDS and unit.parent_id else unit


def may_issue(user: User, dossier: Dossier) -> bool:
    """The agency's records clerks only (văn thư keeps the seal): a role held on the agency or
    one of its internal units — not the system administrator's reach over every agency."""
    agency = issuing_agency(dossier)
    return (
        RoleAssignment.objects.filter(user=user, role=Role.RECORDS_CLERK)
        .filter(Q(agency=agency) | Q(agency__parent=agency, agency__kind__in=INTERNAL_KINDS))
        .exists()
    )


def may_accept_handover(user: User, batch: HandoverBatch) -> bool:
    return holds_any_role(user, batch.to_unit)


def acting_as(
    user: User, action: str, obj: object, *, principals: list[User] | None = None
) -> User | None:
    """Whom `user` acts as for `action` on `obj`: themselves when they may, else a colleague they
    stand in for now who may (`principals`, when the caller has them already); None when
    neither may."""
    if access.can(user, action, obj):
        return user
    if getattr(user, "kind", None) != UserKind.OFFICER:
        return None
    if principals is None:
        principals = principals_of(user, at=clock.now())
    for principal in principals:
        if access.can(principal, action, obj):
            return principal
    return None


RULES = {
    "dossiers.view": may_view,
    "dossiers.file_at_counter": may_file_at_counter,
    "dossiers.submit": may_submit_online,
    "dossiers.receive": may_take_intake,
    "dossiers.refuse": may_take_intake,
    "dossiers.request_supplement": may_act_at_intake_or_step,
    "dossiers.supply": may_supply,
    "dossiers.forward": may_act_at_intake_or_step,
    "dossiers.return_back": may_act_at_intake_or_step,
    "dossiers.assign": may_lead_current_unit,
    "dossiers.finish": may_act_at_intake_or_step,
    "dossiers.return_result": may_act_at_intake_or_step,
    "dossiers.stop": may_lead_current_unit,
    "dossiers.withdraw": may_withdraw,
    "dossiers.accept_withdrawal": may_act_at_intake_or_step,
    "dossiers.apologize": may_lead_current_unit,
    "dossiers.request_payment": may_request_payment,
    "dossiers.confirm_payment": may_take_intake,
    "dossiers.attach_result": may_act_at_intake_or_step,
    "dossiers.approve": may_lead_current_unit,
    "dossiers.sign": may_sign,
    "dossiers.issue": may_issue,
    "dossiers.consult": may_act_on_step,
    "dossiers.answer": may_answer,
    "dossiers.transfer": may_act_on_step,
    "dossiers.transfer_back": may_take_back,
    "dossiers.accept_handover": may_accept_handover,
}


def register_rules() -> None:
    for action, rule in RULES.items():
        access.register(action, rule)
