"""Who holds which role where: the questions access rules, inboxes and pickers ask about officers.

An assignment covers its unit and that unit's internal units (phòng, bộ phận một cửa — they are
part of the agency); with `include_descendants` it covers every unit below. The system
administrator holds every role everywhere. Inactive and anonymous users hold nothing.
"""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Role, RoleAssignment, User, UserKind
from motcua.agencies.models import Agency
from motcua.agencies.selectors import active_on, agency_by_code, subtree
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.core.errors import NotFound

AnyUser = User | AnonymousUser


def is_active_user(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_system_admin(user: AnyUser | None) -> bool:
    return is_active_user(user) and user.role_assignments.filter(role=Role.SYSTEM_ADMIN).exists()


def roles_held(user: AnyUser | None) -> frozenset[str]:
    """The roles `user` holds anywhere (one query)."""
    if not is_active_user(user):
        return frozenset()
    return frozenset(user.role_assignments.values_list("role", flat=True))


def holds_role(user: AnyUser | None, role: str, agency: Agency) -> bool:
    """Whether `user` holds `role` on `agency` (one query)."""
    if not is_active_user(user):
        return False
    scope = Q(agency_id=agency.pk) | Q(
        include_descendants=True, agency_id__in=agency.ancestor_ids()
    )
    if agency.is_internal_unit:
        scope |= Q(agency_id=agency.parent_id)
    return user.role_assignments.filter(Q(role=Role.SYSTEM_ADMIN) | (Q(role=role) & scope)).exists()


def agencies_where(user: AnyUser | None, role: str) -> QuerySet[Agency]:
    """Every unit where `user` holds `role`, as `holds_role` judges it: one query for the
    assignments now, one when the result is read."""
    if not is_active_user(user):
        return Agency.objects.none()
    assignments = list(
        user.role_assignments.filter(role__in={role, Role.SYSTEM_ADMIN}).values_list(
            "role", "agency_id", "agency__path", "include_descendants"
        )
    )
    if any(assigned == Role.SYSTEM_ADMIN for assigned, *_rest in assignments):
        return Agency.objects.all()
    if not assignments:
        return Agency.objects.none()
    ids = [agency_id for _role, agency_id, _path, _below in assignments]
    scope = Q(pk__in=ids) | Q(parent_id__in=ids, kind__in=INTERNAL_KINDS)
    for _role, _agency_id, path, below in assignments:
        if below:
            scope |= Q(path__startswith=path)
    return Agency.objects.filter(scope)


def holds_role_throughout(user: AnyUser | None, role: str, agency: Agency) -> bool:
    """Whether `user` holds `role` on `agency` and on every unit below it (two queries)."""
    held = agencies_where(user, role)
    return not subtree(agency).exclude(pk__in=held.values("pk")).exists()


def roles_of(user: User) -> list[RoleAssignment]:
    """The user's assignments with their units: system-wide first, then in tree order."""
    return list(
        user.role_assignments.select_related("agency").order_by(
            F("agency__path").asc(nulls_first=True), "role"
        )
    )


def holds_any_role(user: AnyUser | None, agency: Agency) -> bool:
    """Whether `user` holds some role on `agency` or on one of its internal units (one query)."""
    if not is_active_user(user):
        return False
    scope = (
        Q(agency_id=agency.pk)
        | Q(agency__parent_id=agency.pk, agency__kind__in=INTERNAL_KINDS)
        | Q(include_descendants=True, agency_id__in=agency.ancestor_ids())
    )
    if agency.is_internal_unit:
        scope |= Q(agency_id=agency.parent_id)
    return user.role_assignments.filter(Q(role=Role.SYSTEM_ADMIN) | scope).exists()


def principals_of(user: AnyUser | None, *, at: datetime) -> list[User]:
    """The officers `user` stands in for at `at` (their delegations in force)."""
    if not is_active_user(user):
        return []
    return list(
        User.objects.filter(
            is_active=True,
            delegations_given__substitute=user,
            delegations_given__starts_at__lte=at,
            delegations_given__ends_at__gt=at,
        ).distinct()
    )


def administered_agencies(user: AnyUser | None) -> list[Agency]:
    """The agencies (not their internal units) in force that `user` administers, in tree order
    (two queries)."""
    held = agencies_where(user, Role.AGENCY_ADMIN)
    return list(
        active_on(clock.today())
        .filter(pk__in=held.values("pk"))
        .exclude(kind__in=INTERNAL_KINDS)
        .order_by("path")
    )


def administered_agency(user: AnyUser | None, code: str) -> Agency:
    """The agency with this code if `user` administers it; else `NotFound`, as for a code that
    does not exist, so that codes cannot be probed."""
    try:
        agency = agency_by_code(code)
    except NotFound:
        agency = None
    if agency is None or agency.is_internal_unit or not holds_role(user, Role.AGENCY_ADMIN, agency):
        raise NotFound(_("Không tìm thấy đơn vị bạn quản trị có mã này."), code="unknown_agency")
    return agency


def _staff_scope(agency: Agency) -> Q:
    return Q(agency_id=agency.pk) | Q(agency__parent_id=agency.pk, agency__kind__in=INTERNAL_KINDS)


def officers_of(agency: Agency) -> QuerySet[User]:
    """The officers holding a role on `agency` or one of its internal units, by name, each with
    all their roles (`role_assignments`, units loaded) and `has_authenticator`: three queries
    whatever their number."""
    staff = RoleAssignment.objects.filter(_staff_scope(agency))
    return (
        User.objects.filter(kind=UserKind.OFFICER, pk__in=staff.values("user_id"))
        .annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("agency").order_by(
                    F("agency__path").asc(nulls_first=True), "role"
                ),
            )
        )
        .order_by("full_name", "username")
    )


def officer_of(agency: Agency, username: str) -> User:
    """One officer of `agency` (as `officers_of` finds them), or `NotFound`."""
    officer = officers_of(agency).filter(username=username).first()
    if officer is None:
        raise NotFound(_("Không tìm thấy cán bộ này trong đơn vị."), code="unknown_officer")
    return officer
