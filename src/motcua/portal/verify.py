"""`/verify/<token>/`: the page an issued result's QR code opens — whether a document is the one
the agency issued — with a form to check a file against the record (nothing uploaded is kept)."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import verification

# What a multipart form adds around the file (boundaries, the CSRF token, headers).
FORM_OVERHEAD = 64 * 1024
CHECKS_PER_MINUTE = 10


class CheckFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp cần kiểm tra"),
        help_text=gettext_lazy(
            "Chọn tệp PDF Ông/Bà nhận được; tệp chỉ được đọc để so sánh, không lưu lại."
        ),
        error_messages={"required": gettext_lazy("Chọn tệp PDF cần kiểm tra.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MOTCUA_UPLOAD_MAX_BYTES["application/pdf"]:
            raise forms.ValidationError(_("Tệp quá lớn để là văn bản kết quả."))
        return upload


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        issued = verification.verify(token)
    except NotFound as exc:
        return render(request, "portal/verify.html", {"missing": exc.message}, status=404)
    context = {"issued": issued, "token": token, "comparison": None}
    if request.method == "POST":
        refusal = _refusal(request)
        if refusal is not None:
            form = CheckFileForm()
            form.add_error("file", refusal[0])
            return render(request, "portal/verify.html", context | {"form": form}, refusal[1])
    form = CheckFileForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            context["comparison"] = verification.compare(
                token=token, content=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
    return render(request, "portal/verify.html", context)


def _refusal(request: HttpRequest) -> tuple[str, int] | None:
    """A check refused before the body is read: too large a body (by its declared length), or
    too many checks from one address (each one validates a PDF)."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > settings.MOTCUA_UPLOAD_MAX_BYTES["application/pdf"] + FORM_OVERHEAD:
        return _("Tệp quá lớn để là văn bản kết quả."), 413
    key = (
        f"portal-verify:{request.META.get('REMOTE_ADDR', '')}:{int(clock.now().timestamp() // 60)}"
    )
    if not cache.add(key, 1, timeout=70) and cache.incr(key) > CHECKS_PER_MINUTE:
        return _(
            "Ông/Bà đã kiểm tra quá nhiều tệp trong một phút. Vui lòng thử lại sau ít phút."
        ), 429
    return None
