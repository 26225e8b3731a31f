"""Django admin for the agency tree: listed in tree order and indented by depth, former codes inline.

Saving goes through the model (its `clean()` and `save()` keep the tree consistent); a new code is
handed to `services.change_code` so the old one enters the unit's history.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.agencies import services
from motcua.agencies.models import Agency, AgencyCode
from motcua.agencies.selectors import active_on, tree_listing
from motcua.agencies.structure import DESCRIPTIVE_FIELDS
from motcua.core import clock
from motcua.core.text import fold


class InForceFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return (("yes", _("Đang có hiệu lực")), ("no", _("Đã đóng hoặc chưa có hiệu lực")))

    def queryset(self, request, queryset):
        in_force = active_on(clock.today())
        if self.value() == "yes":
            return queryset & in_force
        if self.value() == "no":
            return queryset.exclude(pk__in=in_force.values("pk"))
        return queryset


class AgencyCodeInline(admin.TabularInline):
    model = AgencyCode
    extra = 0
    fields = ("code", "valid_until", "note")


class AgencyForm(forms.ModelForm):
    code_effective = forms.DateField(
        label=_("Mã mới dùng từ ngày"),
        required=False,
        help_text=_(
            "Chỉ dùng khi đổi mã: mã cũ vào lịch sử, dùng đến ngày trước đó. Trống: hôm nay."
        ),
    )
    code_note = forms.CharField(label=_("Ghi chú đổi mã"), required=False, max_length=255)

    class Meta:
        model = Agency
        fields = ("code", "parent", *DESCRIPTIVE_FIELDS, "successor")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ("indented_name", "code", "kind", "level", "has_one_stop_desk", "effective_to")
    list_filter = ("kind", "level", InForceFilter, "has_one_stop_desk")
    # Both folded by `get_search_results`: "so tu phap" finds "Sở Tư pháp".
    search_fields = ("code", "search_text")
    autocomplete_fields = ("parent", "successor")
    inlines = (AgencyCodeInline,)
    list_per_page = 200
    fieldsets = (
        (None, {"fields": ("code", "code_effective", "code_note", "name", "short_name")}),
        (_("Vị trí trong cây"), {"fields": ("kind", "parent", "level")}),
        (_("Liên hệ"), {"fields": ("address", "phone", "email")}),
        (
            _("Bộ phận Một cửa và giờ làm việc"),
            {"fields": ("has_one_stop_desk", "desk_hours", "working_periods")},
        ),
        (_("Hiệu lực, sắp xếp lại"), {"fields": ("effective_from", "effective_to", "successor")}),
    )

    def get_queryset(self, request):
        return tree_listing()

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))

    @admin.display(description=_("tên"), ordering="path")
    def indented_name(self, obj: Agency) -> str:
        return "\u2003" * obj.depth + ("└ " if obj.depth else "") + obj.name

    def save_model(self, request, obj, form, change):
        if not (change and "code" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        new_code, obj.code = obj.code, form.initial["code"]
        super().save_model(request, obj, form, change)
        services.change_code(
            agency=obj,
            new_code=new_code,
            effective=form.cleaned_data["code_effective"] or clock.today(),
            note=form.cleaned_data["code_note"],
        )
