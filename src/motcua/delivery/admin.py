"""The admin: shipments to read (they change only through the services and postal plugins)."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin
from motcua.delivery.models import Shipment


@admin.register(Shipment)
class ShipmentAdmin(ReadOnlyAdmin):
    list_display = (
        "dossier",
        "recipient",
        "tracking_number",
        "provider",
        "status",
        "fee",
        "created_at",
    )
    list_filter = ("status", "provider")
    search_fields = ("dossier__code", "tracking_number", "recipient")
    list_select_related = ("dossier",)
