"""What several apps' admin pages share: read-only pages for rows only services write (logs,
stored files, the outbox, dossiers and their history)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """The administrator looks, never adds, edits or deletes."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
