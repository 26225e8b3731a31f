"""Django admin for stored files (read-only, since a stored file never changes) and for the
official papers' templates (edited with a live preview)."""

import hashlib
import json

from csp.decorators import csp_replace
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from motcua.core.admin import ReadOnlyAdmin
from motcua.core.errors import ValidationFailed
from motcua.documents import papers
from motcua.documents.models import PaperKind, PaperTemplate, StoredFile


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


class PaperTemplateForm(forms.ModelForm):
    """The template's text, refused with the reason when it does not render with the kind's
    sample data or does not lay out as a PDF (`papers.check_template`)."""

    class Meta:
        model = PaperTemplate
        fields = ("kind", "body")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        body = cleaned.get("body")
        if kind and body:
            try:
                papers.check_template(kind=kind, body=body)
            except ValidationFailed as refused:
                self.add_error("body", refused.message)
        return cleaned


@admin.register(PaperTemplate)
class PaperTemplateAdmin(admin.ModelAdmin):
    """The official forms' templates, edited beside a live preview: the textarea posts what is
    typed (htmx) to `preview`, which checks it with the sample data and answers an `<iframe>` of
    `preview_pdf`, the PDF itself, or the template's error. The PDF is framed by the admin's own
    page only (frame-ancestors 'self'), so the site-wide `frame-ancestors 'none'` stays for
    everything else."""

    form = PaperTemplateForm
    list_display = ("kind", "updated_at", "updated_by")
    change_form_template = "admin/documents/papertemplate/change_form.html"
    change_list_template = "admin/documents/papertemplate/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        return ("kind", "updated_at", "updated_by") if obj else ()

    def get_changeform_initial_data(self, request):
        """A new template starts from the bundled one of the kind asked for (`?kind=03`), else
        of the first kind that has none yet."""
        kind = request.GET.get("kind")
        if kind not in PaperKind.values:
            taken = set(PaperTemplate.objects.values_list("kind", flat=True))
            kind = next((value for value in PaperKind.values if value not in taken), "01")
        return {"kind": kind, "body": papers.bundled_template(kind)}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs = {
            "rows": 32,
            "cols": 110,
            "spellcheck": "false",
            "hx-post": reverse("admin:documents_papertemplate_preview"),
            "hx-trigger": "load, input changed delay:700ms",
            "hx-target": "#xem-truoc",
        }
        if obj is not None:  # the kind is read-only on the change page: send it along
            attrs["hx-vals"] = json.dumps({"kind": obj.kind})
        form.base_fields["body"].widget = forms.Textarea(attrs=attrs)
        return form

    def save_model(self, request, obj, form, change):
        saved = papers.save_paper_template(user=request.user, kind=obj.kind, body=obj.body)
        obj.pk, obj.updated_at, obj.updated_by = saved.pk, saved.updated_at, saved.updated_by

    def delete_model(self, request, obj):
        papers.reset_paper_template(user=request.user, kind=obj.kind)

    def delete_queryset(self, request, queryset):
        for paper in queryset:
            papers.reset_paper_template(user=request.user, kind=paper.kind)

    def changelist_view(self, request, extra_context=None):
        taken = set(PaperTemplate.objects.values_list("kind", flat=True))
        missing = [(kind.value, kind.label) for kind in PaperKind if kind.value not in taken]
        return super().changelist_view(request, {**(extra_context or {}), "missing": missing})

    def get_urls(self):
        return [
            path(
                "xem-truoc/",
                self.admin_site.admin_view(self.preview),
                name="documents_papertemplate_preview",
            ),
            path(
                "xem-truoc/<str:kind>/",
                self.admin_site.admin_view(framed_by_admin(self.preview_pdf)),
                name="documents_papertemplate_preview_pdf",
            ),
            *super().get_urls(),
        ]

    def preview(self, request):
        """POST: check the typed body with the sample data; answer the preview's frame, or the
        error. The body is kept in the session for `preview_pdf` to serve."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        kind, body = request.POST.get("kind", ""), request.POST.get("body", "")
        if kind not in PaperKind.values:
            return _preview_error(gettext("Chọn mẫu giấy tờ để xem trước."))
        try:
            papers.check_template(kind=kind, body=body)
        except ValidationFailed as refused:
            return _preview_error(refused.message)
        request.session[f"{PREVIEW_SESSION_KEY}{kind}"] = body
        digest = hashlib.sha256(body.encode()).hexdigest()[:16]
        return TemplateResponse(
            request,
            "admin/documents/papertemplate/preview.html",
            {
                "src": f"{reverse('admin:documents_papertemplate_preview_pdf', args=[kind])}"
                f"?v={digest}",
                "label": PaperKind(kind).label,
            },
        )

    def preview_pdf(self, request, kind: str):
        """The PDF of the body last previewed for `kind` in this session (else of the template
        in force), with the sample data; framed by the admin's pages only."""
        if kind not in PaperKind.values:
            raise Http404
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        body = request.session.get(f"{PREVIEW_SESSION_KEY}{kind}") or papers.template_text(kind)
        try:
            pdf = papers.check_template(kind=kind, body=body)
        except ValidationFailed as refused:
            return HttpResponse(refused.message, content_type="text/plain; charset=utf-8")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="xem-truoc.pdf"'
        return response


PREVIEW_SESSION_KEY = "paper_preview:"


def _preview_error(message: str) -> HttpResponse:
    # 200, not 400: htmx swaps only successful answers, and the error is what to show.
    return HttpResponse(format_html('<p class="errornote">{}</p>', message))


def framed_by_admin(view):
    """`view`'s answer may be framed by the site's own pages (the PDF preview); Chromium's PDF
    viewer is an embedded object, which the site-wide `object-src 'none'` would blank."""
    return csp_replace({"frame-ancestors": ["'self'"], "object-src": None})(
        xframe_options_sameorigin(view)
    )
