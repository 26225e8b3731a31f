"""Access rules for administering agencies and officers' roles, registered in `AccountsConfig`.

`agencies.manage` — edit a unit: its agency administrator (an assignment on the unit, on the
agency an internal unit belongs to, or above it with `include_descendants`) or a system
administrator. `accounts.assign_role` — grant or revoke roles on a unit (the object is the unit;
None stands for the system administrator's role, which only a system administrator grants).
"""

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.accounts.selectors import holds_role, is_system_admin
from motcua.agencies.models import Agency


def may_manage_agency(user: User, agency: Agency) -> bool:
    _expect_agency(agency)
    return holds_role(user, Role.AGENCY_ADMIN, agency)


def may_assign_role(user: User, agency: Agency | None) -> bool:
    if agency is None:
        return is_system_admin(user)
    _expect_agency(agency)
    return holds_role(user, Role.AGENCY_ADMIN, agency)


def _expect_agency(obj: object) -> None:
    if not isinstance(obj, Agency):
        raise TypeError(f"this access rule judges an Agency, not {type(obj).__name__}")


def register_rules() -> None:
    access.register("agencies.manage", may_manage_agency)
    access.register("accounts.assign_role", may_assign_role)
