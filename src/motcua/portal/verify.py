"""`/verify/<token>/`: the page an issued result's QR code opens — whether a document is the one
the agency issued — with a form to check a file against the record (nothing uploaded is kept)."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import verification


class CheckFileForm(forms.Form):
    file = forms.FileField(
        label=_lazy("Tệp cần kiểm tra"),
        help_text=_lazy(
            "Chọn tệp PDF Ông/Bà nhận được; tệp chỉ được đọc để so sánh, không lưu lại."
        ),
        error_messages={"required": _lazy("Chọn tệp PDF cần kiểm tra.")},
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
    form = CheckFileForm(request.POST or None, request.FILES or None)
    context = {"issued": issued, "form": form, "token": token, "comparison": None}
    if request.method == "POST" and form.is_valid():
        try:
            context["comparison"] = verification.compare(
                token=token, content=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
    return render(request, "portal/verify.html", context)
