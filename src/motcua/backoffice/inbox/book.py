"""The tracking book (Sổ theo dõi hồ sơ, Mẫu 07) of a unit the officer works in, for a period:
on the page, as the A4 PDF, or as an Excel file."""

from datetime import timedelta

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.selectors import is_system_admin
from motcua.agencies.models import Agency
from motcua.backoffice.decorators import officer_required
from motcua.core import clock
from motcua.documents import papers
from motcua.dossiers import paperwork
from motcua.dossiers.models import Status
from motcua.dossiers.rules import officer_unit_ids

LONGEST = timedelta(days=366)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


class UnitPeriodForm(forms.Form):
    """A unit the officer works in (any unit for the system administrator) and a period of at
    most a year, this month so far by default."""

    don_vi = UnitChoiceField(
        label=gettext_lazy("Đơn vị tiếp nhận"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        empty_label=None,
    )
    tu_ngay = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        error_messages={"required": gettext_lazy("Chọn ngày bắt đầu.")},
    )
    den_ngay = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        error_messages={"required": gettext_lazy("Chọn ngày kết thúc.")},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = (
            Agency.objects.all()
            if is_system_admin(user)
            else Agency.objects.filter(pk__in=officer_unit_ids(user))
        )
        self.fields["don_vi"].queryset = units.order_by("path")
        today = clock.today()
        self.fields["tu_ngay"].initial = today.replace(day=1)
        self.fields["den_ngay"].initial = today

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        elif start and end and end - start > LONGEST:
            self.add_error("den_ngay", _("Mỗi lần xem tối đa một năm."))
        return data


class BookForm(UnitPeriodForm):
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Mọi trạng thái")), *Status.choices],
    )


@officer_required
def tracking_book(request: HttpRequest) -> HttpResponse:
    form = BookForm(request.GET or None, user=request.user)
    context = {"form": form, "rows": None}
    if form.is_bound and form.is_valid():
        unit, start, end = (form.cleaned_data[k] for k in ("don_vi", "tu_ngay", "den_ngay"))
        status = form.cleaned_data["trang_thai"] or None
        rows = paperwork.tracking_book(unit=unit, start=start, end=end, status=status)
        wanted = request.GET.get("dinh_dang")
        name = f"so-theo-doi-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}"
        if wanted == "pdf":
            book = paperwork.tracking_book_context(
                unit=unit, start=start, end=end, status=status, rows=rows
            )
            return download(
                papers.render_paper(kind="07", context=book), f"{name}.pdf", "application/pdf"
            )
        if wanted == "xlsx":
            sheet = paperwork.tracking_book_xlsx(rows, unit_name=unit.name, start=start, end=end)
            return download(sheet, f"{name}.xlsx", XLSX)
        context |= {
            "rows": paperwork.tracking_book_context(
                unit=unit, start=start, end=end, status=status, rows=rows
            )["rows"],
            "query": request.GET.urlencode(),
        }
    return render(request, "backoffice/inbox/book.html", context)


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
