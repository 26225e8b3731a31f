"""Extra days off and make-up working days (calendar overrides) the agency's deadlines count on:
the national ones and its province's, with the public holidays. The province's are kept here by
its agency administrator or a system administrator (`workdays.manage_overrides`); everyone else
sees them. There is no per-agency day off: only the Government or the province decides one."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts import access
from motcua.agencies.selectors import province_of
from motcua.backoffice.administration.common import administrator_required, agency_or_404
from motcua.backoffice.administration.forms import OverrideForm
from motcua.core import clock
from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.forms import add_service_errors
from motcua.workdays import services
from motcua.workdays.models import CalendarOverride
from motcua.workdays.selectors import overrides_for, public_holidays


@administrator_required
@require_http_methods(["GET", "POST"])
def days_off(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    province = province_of(agency)
    may_edit = province is not None and access.can(
        request.user, "workdays.manage_overrides", province
    )
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = OverrideForm(request.POST or None) if may_edit else None
    if form is not None and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.add_override(
                actor=request.user,
                province=province,
                day=data["date"],
                kind=data["kind"],
                name=data["name"],
                legal_basis=data["legal_basis"],
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed) or exc.fields:
                add_service_errors(form, exc)
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã thêm: %(day)s.") % {"day": added})
            return redirect("backoffice:administration-days-off", agency.code)
    year = clock.today().year
    context = {
        "agency": agency,
        "section": "days-off",
        "calendar_province": province,
        "may_edit": may_edit,
        "form": form,
        "overrides": overrides_for(province=province, since=date(year, 1, 1)),
        "holidays": public_holidays(years=[year, year + 1]),
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "backoffice/administration/days_off.html", context, status=status)


@administrator_required
@require_http_methods(["GET", "POST"])
def day_off_remove(request: HttpRequest, code: str, override_id: int) -> HttpResponse:
    agency = agency_or_404(request, code)
    province = province_of(agency)
    override = CalendarOverride.objects.filter(pk=override_id, province=province).first()
    if province is None or override is None:
        raise Http404(_("Không tìm thấy ngày này trong lịch của tỉnh."))
    if not access.can(request.user, "workdays.manage_overrides", province):
        raise PermissionDenied
    if request.method == "POST":
        services.remove_override(actor=request.user, override=override)
        messages.success(request, _("Đã xóa: %(day)s.") % {"day": override})
        return redirect("backoffice:administration-days-off", agency.code)
    context = {
        "agency": agency,
        "section": "days-off",
        "title": _("Xóa ngày nghỉ, ngày làm bù"),
        "question": _("Xóa «%(day)s» khỏi lịch của %(province)s?")
        % {"day": override, "province": province.name},
        "notes": [
            _("Thời hạn tính từ nay theo lịch mới; ngày hẹn trả đã ghi cho công dân không đổi.")
        ],
        "button": _("Xóa"),
    }
    return render(request, "backoffice/administration/confirm.html", context)
