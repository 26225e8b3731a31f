"""The one place that answers "may this user do this action on this object".

Each domain app registers a rule per action ("agencies.manage", "dossiers.receive", ...) in its
`AppConfig.ready()`; callers ask `can()` or `ensure()` and never look at roles themselves. This
module imports no domain app, so every app above `accounts` can fill it.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden

Rule = Callable[[Any, Any], bool]

_rules: dict[str, Rule] = {}


class UnknownAction(LookupError):
    """Asking about an action nobody registered is a programming error, never a silent "no"."""


def register(action: str, rule: Rule) -> None:
    """Make `rule(user, obj)` the answer for `action`. A second, different rule for the same
    action is refused; registering the same function again is harmless, because Django may run
    an app's `ready()` twice."""
    registered = _rules.get(action)
    if registered is not None and registered is not rule:
        raise ImproperlyConfigured(f"access rule for {action!r} is already registered")
    _rules[action] = rule


def can(user: Any, action: str, obj: Any) -> bool:
    """Whether `user` may do `action` on `obj`; inactive and anonymous users may do nothing."""
    try:
        rule = _rules[action]
    except KeyError:
        raise UnknownAction(f"no access rule is registered for {action!r}") from None
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return rule(user, obj)


def ensure(user: Any, action: str, obj: Any) -> None:
    """`can()` or raise `Forbidden`."""
    if not can(user, action, obj):
        raise Forbidden(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")
