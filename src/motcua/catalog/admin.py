"""Django admin for the catalogue: procedures with their versions, fields, assignments, and the
blank forms citizens download.

A published version is shown read-only with its parts; a draft is edited here, parts inline, and
published with the "publish" action (`services.publish_version`). New drafts come from the
procedure's "create a draft" action, a copy of the latest published version.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.catalog import services
from motcua.catalog.choices import OnlineMode, VersionStatus
from motcua.catalog.models import (
    Component,
    Fee,
    Field,
    FormField,
    FormTemplate,
    Procedure,
    ProcedureAssignment,
    ProcedureVersion,
)
from motcua.catalog.wording import words
from motcua.core.errors import DomainError
from motcua.core.text import fold


class DraftOnlyMixin:
    """Inline parts and versions change only while their version is a draft."""

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class FeeInline(DraftOnlyMixin, admin.TabularInline):
    model = Fee
    extra = 0
    fields = ("position", "kind", "name", "amount", "online_amount", "basis", "case", "exemptions")


class ComponentInline(DraftOnlyMixin, admin.TabularInline):
    model = Component
    extra = 0
    fields = ("position", "name", "originals", "certified_copies", "copies", "required", "template")


class FormFieldInline(DraftOnlyMixin, admin.StackedInline):
    model = FormField
    extra = 0
    fields = (("position", "key", "type", "required"), "label", "choices", "checks", "help")


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ("procedure", "number", "status", "valid_from", "name")
    list_filter = ("status", "online_mode", "field")
    list_select_related = ("procedure",)
    search_fields = ("procedure__code", "name")
    readonly_fields = ("procedure", "number", "status", "published_at")
    autocomplete_fields = ("field",)
    inlines = (FeeInline, ComponentInline, FormFieldInline)
    actions = ("publish",)
    fieldsets = (
        (None, {"fields": ("procedure", "number", "status", "valid_from", "published_at")}),
        (None, {"fields": ("name", "aliases", "field", "levels", "implementing_body")}),
        (
            _("Thời hạn, kết quả, trực tuyến"),
            {
                "fields": (
                    ("processing_amount", "processing_unit", "cutoff"),
                    "processing_note",
                    ("result_name", "result_electronic"),
                    ("online_mode", "payment_due"),
                )
            },
        ),
        (
            _("Căn cứ và nguồn"),
            {
                "fields": (
                    "legal_basis",
                    ("published_by", "legal_effective_date"),
                    ("verified", "source"),
                    "notes",
                )
            },
        ),
    )

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # A bulk delete would reach published versions; drafts are deleted one by one.
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj) -> None:
        services.delete_draft(version=obj)

    @admin.action(description=_("Công bố các bản nháp đã chọn"))
    def publish(self, request, queryset) -> None:
        published = 0
        for version in queryset.select_related("procedure"):
            try:
                services.publish_version(version=version)
            except DomainError as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
            else:
                published += 1
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
    model = ProcedureVersion
    extra = 0
    fields = ("number", "status", "valid_from", "name", "published_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AssignmentInline(admin.TabularInline):
    model = ProcedureAssignment
    extra = 0
    autocomplete_fields = ("agency",)


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "online_mode", "verified")
    # Published names are searched as `catalog.search` stores them: "dang ki khai sinh" finds
    # "Đăng ký khai sinh"; drafts by their name as written.
    search_fields = ("code", "versions__search_texts__text", "versions__name")
    inlines = (VersionInline, AssignmentInline)
    actions = ("create_draft",)

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()

    def get_queryset(self, request):
        # The list shows what the latest published version says, in the list's one query.
        latest = ProcedureVersion.objects.filter(
            procedure=OuterRef("pk"), status=VersionStatus.PUBLISHED
        ).order_by("-number")
        return (
            super()
            .get_queryset(request)
            .annotate(
                latest_name=Subquery(latest.values("name")[:1]),
                latest_online_mode=Subquery(latest.values("online_mode")[:1]),
                latest_verified=Subquery(latest.values("verified")[:1]),
            )
        )

    @admin.display(description=_("tên thủ tục"), ordering="latest_name")
    def name(self, obj: Procedure) -> str:
        return obj.latest_name or "—"

    @admin.display(description=_("dịch vụ công trực tuyến"))
    def online_mode(self, obj: Procedure) -> str:
        modes = dict(OnlineMode.choices)
        return modes.get(obj.latest_online_mode, "—")

    @admin.display(description=_("đã xác minh"), boolean=True)
    def verified(self, obj: Procedure) -> bool | None:
        return obj.latest_verified

    def get_search_results(self, request, queryset, search_term):
        # The term as typed finds codes ("1.001193"), normalised it finds names.
        typed, typed_dups = super().get_search_results(request, queryset, search_term)
        named, named_dups = super().get_search_results(
            request, queryset, " ".join(words(search_term))
        )
        return typed | named, typed_dups or named_dups

    @admin.action(description=_("Tạo bản nháp từ phiên bản mới nhất"))
    def create_draft(self, request, queryset) -> None:
        for procedure in queryset:
            try:
                draft = services.create_draft(procedure=procedure)
            except DomainError as exc:
                self.message_user(request, f"{procedure}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{procedure}: {draft}", messages.SUCCESS)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("code", "folded_name")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(ProcedureAssignment)
class ProcedureAssignmentAdmin(admin.ModelAdmin):
    list_display = ("procedure", "agency")
    list_select_related = ("procedure", "agency")
    search_fields = ("procedure__code", "agency__code", "agency__search_text")
    autocomplete_fields = ("procedure", "agency")


class FormTemplateForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Tệp mẫu"),
        help_text=_("PDF, Word (.doc, .docx), Excel (.xls, .xlsx) hoặc .odt; tối đa 10 MB."),
    )

    class Meta:
        model = FormTemplate
        fields = ("name",)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        # On the change page the name is read-only: a new file replaces the old one.
        name = self.instance.name if self.instance.pk else cleaned.get("name")
        if not self.instance.pk and FormTemplate.objects.filter(name=name).exists():
            self.add_error("name", _("Đã có mẫu với tên này: mở mẫu đó để thay tệp."))
        elif upload is not None and name:
            try:
                self.kept = services.keep_form_template(
                    name=name, filename=upload.name, content=upload.read()
                )
            except DomainError as error:
                for message in error.fields.get("file", [error.message]):
                    self.add_error("upload", message)
        return cleaned

    def validate_unique(self) -> None:
        pass  # checked in clean(), before the service keeps the file


@admin.register(FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    """Blank forms are kept through `services.keep_form_template`, which checks the file's type
    by its bytes; the admin only hands it the upload."""

    form = FormTemplateForm
    list_display = ("name", "original_name", "size", "updated_at")
    search_fields = ("name",)
    readonly_fields = ("original_name", "content_type", "size", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return ("name", *self.readonly_fields) if obj else self.readonly_fields

    def save_form(self, request, form, change):
        return form.kept  # saved by the service when the form was cleaned

    def save_model(self, request, obj, form, change) -> None:
        pass

    def save_related(self, request, form, formsets, change) -> None:
        pass
