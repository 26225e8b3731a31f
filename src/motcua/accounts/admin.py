"""Django admin for accounts and role assignments, for the installation's operators.

It saves through the models, whose `clean()` checks identity numbers and the shape of a role
assignment; who may grant which role in the back office is decided by `services` and `access`.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Delegation, RoleAssignment, User
from motcua.core import clock


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ("role", "agency", "include_descendants")
    autocomplete_fields = ("agency",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "kind", "id_number", "phone", "is_active")
    list_filter = ("kind", "is_active", "is_staff", "role_assignments__role")
    search_fields = ("username", "full_name", "id_number", "tax_code", "phone", "email")
    ordering = ("username",)
    inlines = (RoleAssignmentInline,)
    fieldsets = (
        (None, {"fields": ("username", "password", "kind")}),
        (
            _("Thông tin cá nhân, tổ chức"),
            {
                "fields": (
                    "full_name",
                    "id_type",
                    "id_number",
                    "tax_code",
                    "date_of_birth",
                    "phone",
                    "email",
                    "address",
                    "title",
                )
            },
        ),
        (
            _("Quyền trong trang quản trị"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "kind",
                    "full_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "include_descendants")
    list_filter = ("role", "include_descendants")
    list_select_related = ("user", "agency")
    search_fields = ("user__username", "user__full_name", "agency__code", "agency__name")
    autocomplete_fields = ("user", "agency")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("principal", "substitute", "starts_at", "ends_at", "reason")
    search_fields = ("principal__username", "principal__full_name", "substitute__full_name")
    autocomplete_fields = ("principal", "substitute")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
            obj.created_at = clock.now()
        super().save_model(request, obj, form, change)


# Officers' authenticators: the administrator sees who has one and removes a lost one (the
# officer enrols again at the next sign-in) but never sees a secret; recovery codes stay hidden.
admin.site.unregister(StaticDevice)
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
