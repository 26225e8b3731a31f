"""The citizen's personal data store (kho dữ liệu điện tử, TT 01/2023/TT-VPCP Art. 24): their
identity as this site knows it, their digitised papers, results and filed files with what each
is, and their dossiers; adding a document of their own, downloading one, taking one out."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents import selectors as documents
from motcua.documents import services as store
from motcua.documents.models import DocumentKind
from motcua.dossiers import selectors as dossiers
from motcua.identity.selectors import authenticated_with_vneid
from motcua.portal.presenters import dossier_rows

PAGE_SIZE = 20
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

# The store page's sections, in order: which kinds each shows.
SECTIONS = [
    ("digitised", gettext_lazy("Giấy tờ đã số hóa"), {DocumentKind.DIGITISED}),
    ("certified", gettext_lazy("Bản sao điện tử có chứng thực"), {DocumentKind.CERTIFIED_COPY}),
    ("results", gettext_lazy("Kết quả giải quyết thủ tục"), {DocumentKind.RESULT}),
    ("uploaded", gettext_lazy("Tệp đã nộp, đã tải lên"), {DocumentKind.UPLOADED}),
]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": gettext_lazy("Nhập ngày theo dạng ngày/tháng/năm.")},
    )


class DocumentForm(forms.Form):
    """A document the citizen adds: the file and what it is. The file's type is judged by its
    bytes when stored (`documents.services.store_upload`)."""

    title = forms.CharField(
        label=gettext_lazy("Tên giấy tờ"),
        max_length=1000,
        help_text=gettext_lazy("Ví dụ: Căn cước công dân, Giấy chứng nhận kết hôn."),
        error_messages={"required": gettext_lazy("Nhập tên giấy tờ, ví dụ: Căn cước công dân.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp giấy tờ"),
        help_text=gettext_lazy("Tệp PDF, JPEG hoặc PNG (ảnh chụp hoặc bản quét rõ nét)."),
        error_messages={"required": gettext_lazy("Chọn tệp giấy tờ cần lưu.")},
    )
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu (nếu có)"), max_length=100, required=False
    )
    issued_on = _date_field(gettext_lazy("Ngày cấp (nếu có)"))
    issuer = forms.CharField(
        label=gettext_lazy("Cơ quan cấp (nếu có)"), max_length=255, required=False
    )
    valid_until = _date_field(gettext_lazy("Có giá trị đến (nếu có)"))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    kept = list(documents.documents_of(request.user))
    mine = dossiers.mine(request.user)
    sources = {document.source for document in kept if document.source}
    by_reference = {d.reference: d for d in mine.filter(reference__in=sources)}
    for document in kept:
        document.dossier = by_reference.get(document.source)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("trang"))
    sections = [
        {"key": key, "title": title, "documents": [d for d in kept if d.kind in kinds]}
        for key, title, kinds in SECTIONS
    ]
    context = {
        "sections": sections,
        "count": len(kept),
        "vneid": authenticated_with_vneid(request),
        "page": page,
        "rows": dossier_rows(page),
    }
    return render(request, "portal/datastore/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = store.add_upload(
                owner=request.user,
                uploaded_file=data["file"],
                title=data["title"],
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                valid_until=data["valid_until"],
            )
        except ValidationFailed as exc:
            for key, problems in exc.fields.items():
                for problem in problems:
                    form.add_error(key if key in form.fields else None, problem)
        else:
            messages.success(
                request,
                _("Đã lưu «%(title)s» vào kho dữ liệu của Ông/Bà.") % {"title": document.title},
            )
            return redirect("portal:datastore")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/datastore/add.html", {"form": form}, status=status)


@login_required
def download(request: HttpRequest, document_id: UUID) -> FileResponse:
    try:
        document, handle = documents.open_document(owner=request.user, document_id=document_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    stored = document.file
    return FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name or f"{document.pk}.{stored.file.name.rsplit('.', 1)[-1]}",
        content_type=stored.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, document_id: UUID) -> HttpResponse:
    try:
        document = documents.document_of(owner=request.user, document_id=document_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if request.method == "POST":
        store.remove(owner=request.user, document_id=document.pk)
        messages.success(
            request,
            _(
                "Đã xóa «%(title)s» khỏi kho dữ liệu. Hồ sơ đã nộp kèm giấy tờ này vẫn giữ "
                "nguyên giấy tờ."
            )
            % {"title": document.title},
        )
        return redirect("portal:datastore")
    return render(request, "portal/datastore/delete.html", {"document": document})
