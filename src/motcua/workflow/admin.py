"""Django admin for internal processes: processes with their versions, drafts edited step by step.

A draft version's page edits its steps inline (allowed actions as checkboxes, next steps as keys),
shows the drawing and every finding of the rules as it stands, and is published with the
"publish" action (`services.publish_version`), which lists each error naming its step. A step's
consultations are edited on the step's own page (the admin does not nest inlines). A published
version, its steps and consultations are read-only. New drafts come from the process's actions:
a copy of its latest version, or of the province-wide default for an agency's process.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.errors import DomainError
from motcua.workflow import services
from motcua.workflow.actions import STEP_ACTION_CHOICES, STEP_ACTIONS
from motcua.workflow.diagram import version_diagram
from motcua.workflow.models import ConsultationSpec, Process, ProcessStep, ProcessVersion
from motcua.workflow.rules import ProcessInvalid
from motcua.workflow.selectors import validate_version


class KeyListField(forms.CharField):
    """Step keys typed as "tham_dinh, phe_duyet", kept as a list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [key for key in re.split(r"[\s,;]+", super().to_python(value) or "") if key]


class StepForm(forms.ModelForm):
    actions = forms.MultipleChoiceField(
        label=_("thao tác được phép"),
        choices=STEP_ACTION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    next_steps = KeyListField(
        label=_("bước tiếp theo"),
        required=False,
        help_text=_("Mã các bước, cách nhau bằng dấu phẩy; trống là bước có thứ tự kế tiếp."),
    )

    class Meta:
        model = ProcessStep
        fields = (
            "position",
            "key",
            "name",
            "unit",
            "role",
            "allowance_hours",
            "actions",
            "next_steps",
            "is_end",
            "paper_handover",
        )

    def clean_actions(self) -> list[str]:
        chosen = set(self.cleaned_data["actions"])
        return [action.value for action in STEP_ACTIONS if action in chosen]


class DraftOnlyMixin:
    """Versions, steps and consultations change only while their version is a draft."""

    def _editable(self, obj) -> bool:
        version = obj.version if isinstance(obj, ProcessStep) else obj
        return version is None or not version.is_published

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


STEP_FIELDS = (
    ("position", "key", "name"),
    ("unit", "role", "allowance_hours"),
    "actions",
    ("next_steps", "is_end", "paper_handover"),
)


class StepInline(DraftOnlyMixin, admin.StackedInline):
    model = ProcessStep
    form = StepForm
    extra = 0
    fields = STEP_FIELDS
    autocomplete_fields = ("unit",)
    show_change_link = True


class ConsultationInline(DraftOnlyMixin, admin.TabularInline):
    model = ConsultationSpec
    extra = 0
    fields = ("position", "name", "unit", "allowance_hours")
    autocomplete_fields = ("unit",)


@admin.register(ProcessStep)
class ProcessStepAdmin(DraftOnlyMixin, admin.ModelAdmin):
    """A step's own page, reached from its version, for its consultations."""

    form = StepForm
    fields = ("version", *STEP_FIELDS)
    readonly_fields = ("version",)
    autocomplete_fields = ("unit",)
    inlines = (ConsultationInline,)

    def get_model_perms(self, request):
        return {}  # not listed on the index: steps are reached from their version

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProcessVersion)
class ProcessVersionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ("process", "number", "status", "valid_from", "published_at")
    list_filter = ("status",)
    list_select_related = ("process__procedure", "process__agency")
    search_fields = ("process__procedure__code", "process__agency__code")
    fields = ("process", "number", "status", "valid_from", "published_at", "findings", "diagram")
    readonly_fields = ("process", "number", "status", "published_at", "findings", "diagram")
    inlines = (StepInline,)
    actions = ("publish",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # A bulk delete would reach published versions; drafts are deleted one by one.
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj) -> None:
        services.delete_draft(version=obj)

    @admin.display(description=_("kiểm tra quy trình"))
    def findings(self, obj: ProcessVersion) -> str:
        check = validate_version(obj)
        if not check.errors and not check.warnings:
            return _("Không có lỗi.")
        rows = [(_("Lỗi"), str(error)) for error in check.errors] + [
            (_("Lưu ý"), str(warning)) for warning in check.warnings
        ]
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li><strong>{}</strong>: {}</li>", rows)
        )

    @admin.display(description=_("sơ đồ"))
    def diagram(self, obj: ProcessVersion) -> str:
        # The drawing escapes every text it holds (diagram.py).
        return mark_safe(f'<div style="overflow-x:auto">{version_diagram(obj)}</div>')

    @admin.action(description=_("Công bố các bản nháp đã chọn"))
    def publish(self, request, queryset) -> None:
        published = 0
        for version in queryset.select_related("process__procedure", "process__agency"):
            try:
                services.publish_version(version=version)
            except ProcessInvalid as exc:
                for error in exc.errors:
                    self.message_user(request, f"{version}: {error}", messages.ERROR)
            except DomainError as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
            else:
                published += 1
                for warning in validate_version(version).warnings:
                    self.message_user(request, f"{version}: {warning}", messages.WARNING)
        if published:
            self.message_user(
                request,
                ngettext(
                    "Đã công bố %(count)d phiên bản.", "Đã công bố %(count)d phiên bản.", published
                )
                % {"count": published},
                messages.SUCCESS,
            )


class VersionInline(admin.TabularInline):
    model = ProcessVersion
    extra = 0
    fields = ("number", "status", "valid_from", "published_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ("procedure", "where")
    list_select_related = ("procedure", "agency")
    search_fields = ("procedure__code", "agency__code", "agency__search_text")
    autocomplete_fields = ("procedure", "agency")
    inlines = (VersionInline,)
    actions = ("create_draft", "copy_default")

    def get_readonly_fields(self, request, obj=None):
        return ("procedure", "agency") if obj else ()

    @admin.display(description=_("cơ quan"), ordering="agency__code")
    def where(self, obj: Process) -> str:
        return str(obj.agency) if obj.agency_id else _("Mặc định toàn tỉnh")

    @admin.action(description=_("Tạo bản nháp từ phiên bản mới nhất"))
    def create_draft(self, request, queryset) -> None:
        for process in queryset.select_related("procedure", "agency"):
            self._report(request, process, lambda p=process: services.create_draft(process=p))

    @admin.action(description=_("Tạo bản nháp từ quy trình mặc định toàn tỉnh"))
    def copy_default(self, request, queryset) -> None:
        for process in queryset.select_related("procedure", "agency"):
            if process.is_default:
                self.message_user(
                    request, f"{process}: {_('đây là quy trình mặc định.')}", messages.ERROR
                )
                continue
            self._report(
                request,
                process,
                lambda p=process: services.copy_default_to_agency(
                    procedure=p.procedure, agency=p.agency
                ),
            )

    def _report(self, request, process: Process, create) -> None:
        try:
            draft = create()
        except DomainError as exc:
            self.message_user(request, f"{process}: {exc.message}", messages.ERROR)
        else:
            self.message_user(request, f"{draft}", messages.SUCCESS)
