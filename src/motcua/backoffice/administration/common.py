"""What every agency-administration page shares: who may come in, which agency the URL names.

An officer who administers no agency is refused (403); an agency the caller does not administer
answers 404 like one that does not exist, so codes cannot be probed.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from motcua.accounts import access
from motcua.accounts.models import Role
from motcua.accounts.selectors import administered_agency, agencies_where
from motcua.backoffice.decorators import officer_required
from motcua.core.errors import NotFound


def administrator_required(view):
    """`officer_required`, and the officer administers some agency."""

    @officer_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not agencies_where(request.user, Role.AGENCY_ADMIN).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def agency_or_404(request, code: str):
    try:
        return administered_agency(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def found_or_404(lookup, *args, **kwargs):
    """`lookup(...)`, with a `NotFound` turned into the page's 404."""
    try:
        return lookup(*args, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def ensure_may_manage(request, unit) -> None:
    """Agency services leave access to their callers (docs/ARCHITECTURE.md): ask before writing."""
    if not access.can(request.user, "agencies.manage", unit):
        raise PermissionDenied
