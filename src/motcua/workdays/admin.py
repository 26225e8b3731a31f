"""Administrators keep the calendar overrides: the yearly Tết break, swaps, province days off."""

from django.contrib import admin

from motcua.workdays.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name", "province", "legal_basis"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    date_hierarchy = "date"
    ordering = ["date"]
    search_fields = ["name", "legal_basis"]
