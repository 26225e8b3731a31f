"""Access rules for administering agencies and officers' roles, registered in `AccountsConfig`.

`agencies.manage` — edit a unit: its agency administrator (an assignment on the unit, on the
agency an internal unit belongs to, or above it with `include_descendants`) or a system
administrator. `accounts.assign_role` — grant or revoke roles on a unit (the object is the unit;
None stands for the system administrator's role, which only a system administrator grants).
`accounts.manage_officer` — lock, unlock, reset the password or the authenticator of an officer's
account (the object is the officer): a system administrator, or an agency administrator of every
unit where the officer holds a role — never of a system administrator, never of oneself, since
the account reaches wherever its roles do.
"""

from motcua.accounts import access
from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import holds_role, holds_role_throughout, is_system_admin
from motcua.agencies.models import Agency


def may_manage_agency(user: User, agency: Agency) -> bool:
    _expect_agency(agency)
    return holds_role(user, Role.AGENCY_ADMIN, agency)


def may_assign_role(user: User, agency: Agency | None) -> bool:
    if agency is None:
        return is_system_admin(user)
    _expect_agency(agency)
    return holds_role(user, Role.AGENCY_ADMIN, agency)


def may_manage_officer(user: User, officer: User) -> bool:
    if not isinstance(officer, User):
        raise TypeError(f"this access rule judges a User, not {type(officer).__name__}")
    if officer.kind != UserKind.OFFICER or officer.pk == user.pk:
        return False
    if is_system_admin(user):
        return True
    assignments = list(officer.role_assignments.select_related("agency"))
    if not assignments or any(a.role == Role.SYSTEM_ADMIN for a in assignments):
        return False
    return all(
        (holds_role_throughout if a.include_descendants else holds_role)(
            user, Role.AGENCY_ADMIN, a.agency
        )
        for a in assignments
    )


def _expect_agency(obj: object) -> None:
    if not isinstance(obj, Agency):
        raise TypeError(f"this access rule judges an Agency, not {type(obj).__name__}")


def register_rules() -> None:
    access.register("agencies.manage", may_manage_agency)
    access.register("accounts.assign_role", may_assign_role)
    access.register("accounts.manage_officer", may_manage_officer)
