"""Django admin for stored files: read-only, since a stored file never changes."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin
from motcua.documents.models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "content_type", "size", "uploaded_by", "created_at")
    list_filter = ("content_type",)
    search_fields = ("original_name", "sha256")
    date_hierarchy = "created_at"
    readonly_fields = (
        "id",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "created_at",
    )
    fields = readonly_fields
