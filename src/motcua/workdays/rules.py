"""Access rule for the calendar overrides, registered in `WorkdaysConfig`.

`workdays.manage_overrides` — add or remove the days off and make-up working days of a province
(the object is the province; None stands for the national rows, which only a system
administrator keeps): the province's agency administrator or a system administrator. Extra days
off are decided by the Government or the province's People's Committee, never by one department,
so there is no narrower scope.
"""

from motcua.accounts import access
from motcua.accounts.models import Role, User
from motcua.accounts.selectors import holds_role, is_system_admin
from motcua.agencies.models import Agency


def may_manage_overrides(user: User, province: Agency | None) -> bool:
    if province is None:
        return is_system_admin(user)
    if not isinstance(province, Agency):
        raise TypeError(f"this access rule judges an Agency, not {type(province).__name__}")
    return holds_role(user, Role.AGENCY_ADMIN, province)


def register_rules() -> None:
    access.register("workdays.manage_overrides", may_manage_overrides)
