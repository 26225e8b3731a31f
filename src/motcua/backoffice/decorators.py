"""`officer_required`: the back office's pages are for officers who gave both factors."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from motcua.accounts.models import UserKind


def officer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or not user.is_verified():
            if user.is_authenticated and user.kind != UserKind.OFFICER and not user.is_superuser:
                raise PermissionDenied
            return redirect_to_login(request.get_full_path(), reverse("backoffice:sign-in"))
        if user.kind != UserKind.OFFICER and not user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
