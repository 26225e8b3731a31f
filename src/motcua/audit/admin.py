"""The audit log in the Django admin: searchable and filterable, never editable."""

from django.contrib import admin

from motcua.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "seq",
        "occurred_at",
        "action",
        "actor_name",
        "acting_for_name",
        "object_type",
        "object_id",
    )
    list_filter = ("action", "object_type")
    search_fields = ("=object_id", "actor_name", "acting_for_name", "=actor_id")
    date_hierarchy = "occurred_at"
    # Counting a long log on every page is slow; the seq of the newest entry says as much.
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
