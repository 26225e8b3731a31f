"""Absence and delegation (vắng mặt, ủy quyền) beyond setting one (`accounts.services.delegate`):
who may manage an officer's delegations, the officers one may name, the delegations an officer
sees (given, received, in the units they lead), and ending one early.

The rule is the one `delegate` applies: the principal, or a leader or an agency administrator of
an agency where the principal holds a role (an internal unit counts as its agency).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import Delegation, Role, RoleAssignment, User, UserKind
from motcua.accounts.selectors import (
    agencies_where,
    holds_role,
    is_active_user,
    is_system_admin,
    roles_of,
)
from motcua.agencies.models import Agency
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound


def work_agencies(user: User) -> list[Agency]:
    """The agencies `user` works in: an internal unit counts as its agency."""
    return [
        a.agency.parent if a.agency.is_internal_unit else a.agency
        for a in roles_of(user)
        if a.agency_id is not None
    ]


def may_set_for(actor: User, principal: User) -> bool:
    """Whether `actor` may set or end `principal`'s delegations."""
    if not is_active_user(actor):
        return False
    if actor.pk == principal.pk:
        return actor.kind == UserKind.OFFICER
    return any(
        access.can(actor, "accounts.assign_role", unit) or holds_role(actor, Role.LEADER, unit)
        for unit in work_agencies(principal)
    )


def _led_agency_ids(user: User) -> set[int]:
    """The agencies where `user` leads or administers (internal units count as their agency)."""
    ids: set[int] = set()
    for role in (Role.LEADER, Role.AGENCY_ADMIN):
        for pk, parent_id, kind in agencies_where(user, role).values_list(
            "pk", "parent_id", "kind"
        ):
            ids.add(parent_id if kind in INTERNAL_KINDS and parent_id is not None else pk)
    return ids


def _officers_of(agency_ids: set[int]) -> QuerySet[User]:
    """Active officers holding a role in one of `agency_ids` or in one of their internal units."""
    held = RoleAssignment.objects.filter(
        Q(agency_id__in=agency_ids)
        | Q(agency__parent_id__in=agency_ids, agency__kind__in=INTERNAL_KINDS)
    )
    return User.objects.filter(
        kind=UserKind.OFFICER, is_active=True, pk__in=held.values("user_id")
    ).order_by("full_name", "username")


def principals_choosable(actor: User) -> QuerySet[User]:
    """The officers whose absence `actor` may record: themselves, and the officers of the
    agencies they lead or administer (every officer, for a system administrator)."""
    if is_system_admin(actor):
        return User.objects.filter(kind=UserKind.OFFICER, is_active=True).order_by(
            "full_name", "username"
        )
    led = _led_agency_ids(actor)
    mine = User.objects.filter(pk=actor.pk)
    return (_officers_of(led) | mine).distinct().order_by("full_name", "username")


def substitutes_choosable(actor: User) -> QuerySet[User]:
    """The officers `actor` may name as a substitute: colleagues of the agencies where the actor
    works (`delegate` checks that the substitute works where the principal does)."""
    if is_system_admin(actor):
        return principals_choosable(actor)
    agencies = {a.pk for a in work_agencies(actor)}
    return _officers_of(agencies)


@dataclass(frozen=True)
class Delegations:
    """The delegations in force or to come that an officer sees: their own absences (`given`),
    the colleagues they stand in for (`received`), and those of the agencies they lead or
    administer (`in_units`, without the first two)."""

    given: list[Delegation]
    received: list[Delegation]
    in_units: list[Delegation]


def delegations_for(user: User, *, now: datetime | None = None) -> Delegations:
    moment = now or clock.now()
    current = Delegation.objects.filter(ends_at__gt=moment).select_related(
        "principal", "substitute", "created_by"
    )
    current = current.order_by("starts_at", "pk")
    given = list(current.filter(principal=user))
    received = list(current.filter(substitute=user))
    if is_system_admin(user):
        others = current
    else:
        led = _led_agency_ids(user)
        others = (
            current.filter(principal__in=_officers_of(led)) if led else Delegation.objects.none()
        )
    in_units = list(others.exclude(principal=user).exclude(substitute=user))
    return Delegations(given=given, received=received, in_units=in_units)


def standing_in_for(user: User, *, now: datetime | None = None) -> list[Delegation]:
    """The delegations in force that make `user` a substitute now, with their principals (the
    "đang thay …" line of the substitute's pages)."""
    moment = now or clock.now()
    return list(
        Delegation.objects.filter(
            substitute=user, starts_at__lte=moment, ends_at__gt=moment, principal__is_active=True
        )
        .select_related("principal")
        .order_by("ends_at", "pk")
    )


def delegation_for(user: User, pk: int) -> Delegation:
    """One delegation `user` may manage; anyone else's answers like a missing one."""
    found = Delegation.objects.select_related("principal", "substitute").filter(pk=pk).first()
    if found is None or not may_set_for(user, found.principal):
        raise NotFound(_("Không tìm thấy ủy quyền."), code="delegation_not_found")
    return found


def end_early(*, actor: User, delegation: Delegation) -> Delegation | None:
    """The principal is back early: a delegation in force ends now; one not started yet is
    cancelled (removed; the audit log keeps it). Returns the delegation ended, or None when it
    was cancelled. Refused for one that has ended already."""
    with transaction.atomic():
        locked = (
            Delegation.objects.select_for_update()
            .select_related("principal", "substitute")
            .filter(pk=delegation.pk)
            .first()
        )
        if locked is None:
            raise NotFound(_("Không tìm thấy ủy quyền."), code="delegation_not_found")
        if not may_set_for(actor, locked.principal):
            raise Forbidden(
                _(
                    "Chỉ người vắng mặt, lãnh đạo hoặc quản trị đơn vị của họ được kết thúc ủy quyền."
                ),
                code="forbidden",
            )
        now = clock.now()
        if locked.ends_at <= now:
            raise Conflict(
                _("Ủy quyền này đã kết thúc lúc %(when)s.") % {"when": clock.shown(locked.ends_at)},
                code="delegation_over",
            )
        data = {
            "principal": locked.principal.username,
            "substitute": locked.substitute.username,
            "starts_at": locked.starts_at.isoformat(),
            "ends_at": locked.ends_at.isoformat(),
            "at": now.isoformat(),
        }
        if locked.starts_at >= now:
            audit.record(action="accounts.delegation_cancel", actor=actor, obj=locked, data=data)
            locked.delete()
            return None
        locked.ends_at = now
        locked.save(update_fields=["ends_at"])
        audit.record(action="accounts.delegation_end", actor=actor, obj=locked, data=data)
        return locked
