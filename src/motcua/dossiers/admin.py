"""The admin: dossiers to look at (they change only through the services), and the editable
mapping of statuses to the national portal's codes."""

from django.contrib import admin

from motcua.core.admin import ReadOnlyAdmin, ReadOnlyInline
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    HandoverBatch,
    NationalStatusMapping,
    Register,
    RegisterEntry,
    StepRecord,
)


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ("at", "action", "from_status", "to_status", "unit", "actor", "note")


class StepRecordInline(ReadOnlyInline):
    model = StepRecord
    fields = ("step", "unit", "given_by", "handler", "received_at", "due_at", "ended_at")


class RegisterEntryInline(ReadOnlyInline):
    model = RegisterEntry
    fields = ("number", "dossier", "entered_by", "entered_at")


@admin.register(Register)
class RegisterAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "year", "book", "last_number")
    list_filter = ("kind", "year")
    search_fields = ("agency__name", "agency__code")
    inlines = [RegisterEntryInline]


class HandedOverInline(ReadOnlyInline):
    model = StepRecord
    fk_name = "batch"
    fields = ("dossier", "step", "given_by", "given_at", "received_at", "due_at")


@admin.register(HandoverBatch)
class HandoverBatchAdmin(ReadOnlyAdmin):
    list_display = ("from_unit", "to_unit", "created_at", "accepted_by", "accepted_at")
    list_filter = ("accepted_at",)
    inlines = [HandedOverInline]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("reference", "code", "applicant_name", "status", "receiving_agency")
    list_filter = ("status", "channel")
    search_fields = ("reference", "code", "national_code", "applicant_name")
    inlines = [StepRecordInline, EventInline]


@admin.register(NationalStatusMapping)
class NationalStatusMappingAdmin(admin.ModelAdmin):
    list_display = ("status", "national_code")
    list_editable = ("national_code",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
