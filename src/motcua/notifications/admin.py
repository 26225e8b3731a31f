"""The administrator's pages: the notification texts (edited live; one that does not render is
refused with the reason), the messages sent (read only — the back office's list sends a parked
one again), and the Zalo accounts citizens linked."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnlyAdmin
from motcua.notifications import rendering
from motcua.notifications.kinds import PLACEHOLDERS
from motcua.notifications.models import Message, Template, ZaloAccount


class TemplateForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["kind", "channel", "subject", "body", "active"]

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind:
            for field in ("subject", "body"):
                problem = rendering.check(kind, data.get(field) or "")
                if problem:
                    self.add_error(field, problem)
        return data


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    form = TemplateForm
    list_display = ["kind", "channel", "active", "updated_at"]
    list_filter = ["channel", "active", "kind"]
    readonly_fields = ["placeholders"]

    @admin.display(description=_("Biến dùng được"))
    def placeholders(self, obj: Template | None) -> str:
        if obj is None or not obj.kind:
            return "—"
        return format_html_join(
            ", ", "<code>{{{{ {} }}}}</code> ({})", PLACEHOLDERS[obj.kind].items()
        )


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "channel",
        "kind",
        "recipient",
        "dossier_code",
        "status",
        "attempts",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["dossier_code", "recipient"]
    date_hierarchy = "created_at"


@admin.register(ZaloAccount)
class ZaloAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "zalo_user_id", "linked_at"]
    search_fields = ["user__username", "user__full_name", "zalo_user_id"]
    raw_id_fields = ["user"]
