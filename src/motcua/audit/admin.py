"""The audit log in the Django admin: searchable and filterable, never editable."""

from django.contrib import admin

from motcua.audit.models import AuditEntry
from motcua.core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
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
