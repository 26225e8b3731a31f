"""The administration site behind the officers' sign-in: the password alone is not enough, the
second factor must have been given in this session (django-otp's `is_verified`)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse


class OfficerAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        """The admin's own sign-in page is replaced by the officers' two-step one."""
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"),
            login_url=reverse("backoffice:sign-in"),
        )
