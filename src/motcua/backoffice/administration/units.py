"""An agency's internal units (phòng, bộ phận một cửa): the list, adding one, renaming one and
changing its contact details, through `agencies.services` after `agencies.manage`."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.agencies import services
from motcua.agencies.selectors import internal_units, is_in_force, suggested_unit_code
from motcua.backoffice.administration.common import (
    administrator_required,
    agency_or_404,
    ensure_may_manage,
)
from motcua.backoffice.administration.forms import UnitDetailsForm, UnitForm
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.forms import add_service_errors


@administrator_required
def units(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    today = clock.today()
    rows = [(unit, is_in_force(unit, on=today)) for unit in internal_units(agency)]
    context = {"agency": agency, "section": "units", "units": rows}
    return render(request, "backoffice/administration/units.html", context)


@administrator_required
@require_http_methods(["GET", "POST"])
def unit_new(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    form = UnitForm(request.POST or None, initial={"code": suggested_unit_code(agency)})
    if request.method == "POST" and form.is_valid():
        ensure_may_manage(request, agency)
        try:
            unit = services.add_internal_unit(
                actor=request.user, agency=agency, **form.cleaned_data
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": unit.name})
            return redirect("backoffice:administration-units", agency.code)
    context = {"agency": agency, "section": "units", "form": form, "unit": None}
    status = 400 if form.is_bound else 200
    return render(request, "backoffice/administration/unit_form.html", context, status=status)


@administrator_required
@require_http_methods(["GET", "POST"])
def unit(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    found = internal_units(agency).filter(code=unit_code).first()
    if found is None:
        raise Http404(_("Không tìm thấy phòng, bộ phận này của đơn vị."))
    fields = UnitDetailsForm.base_fields
    form = UnitDetailsForm(
        request.POST or None, initial={name: getattr(found, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        ensure_may_manage(request, found)
        try:
            services.update_unit_details(actor=request.user, unit=found, data=form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": found.name})
            return redirect("backoffice:administration-units", agency.code)
    context = {"agency": agency, "section": "units", "form": form, "unit": found}
    status = 400 if form.is_bound else 200
    return render(request, "backoffice/administration/unit_form.html", context, status=status)
