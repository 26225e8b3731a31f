"""An agency's working periods (deadlines count in them) and desk opening hours, for the agency
and each internal unit, with where they come from when inherited; edited per unit."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.agencies import services
from motcua.agencies.selectors import hours_of, internal_units
from motcua.backoffice.administration.common import (
    administrator_required,
    agency_or_404,
    ensure_may_manage,
)
from motcua.backoffice.administration.forms import WEEKDAY_LABELS, HoursForm
from motcua.core.errors import ValidationFailed
from motcua.core.forms import add_service_errors

HOURS_ERRORS = {"working_periods": "work_1_start", "desk_hours": "mon_1_start"}


def _shown(periods) -> str:
    return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in periods)


def _row(hours) -> dict:
    return {
        "unit": hours.unit,
        "working": _shown(hours.working_periods),
        "working_source": hours.working_source,
        "desk": [
            (label, _shown(hours.desk_hours[day]))
            for day, label in WEEKDAY_LABELS.items()
            if day in hours.desk_hours
        ],
        "desk_source": hours.desk_source,
    }


@administrator_required
def hours(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    context = {
        "agency": agency,
        "section": "hours",
        "rows": [_row(row) for row in hours_of(agency)],
    }
    return render(request, "backoffice/administration/hours.html", context)


@administrator_required
@require_http_methods(["GET", "POST"])
def hours_edit(request: HttpRequest, code: str, unit_code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    unit = (
        agency
        if unit_code == agency.code
        else internal_units(agency).filter(code=unit_code).first()
    )
    # A closed unit has no hours in force (`hours_of` lists the units open today).
    current = (
        next((row for row in hours_of(agency) if row.unit.pk == unit.pk), None)
        if unit is not None
        else None
    )
    if current is None:
        raise Http404(_("Không tìm thấy phòng, bộ phận này của đơn vị."))
    initial = HoursForm.initial_for(unit, working=current.working_periods, desk=current.desk_hours)
    form = HoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ensure_may_manage(request, unit)
        try:
            services.set_hours(
                actor=request.user,
                unit=unit,
                working_periods=form.cleaned_data["working_periods"],
                desk_hours=form.cleaned_data["desk_hours"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc, aliases=HOURS_ERRORS)
        else:
            messages.success(
                request,
                _(
                    "Đã lưu giờ làm việc của %(name)s. Thời hạn tính từ nay theo giờ mới; ngày hẹn "
                    "trả đã ghi cho công dân không đổi."
                )
                % {"name": unit.name},
            )
            return redirect("backoffice:administration-hours", agency.code)
    context = {
        "agency": agency,
        "section": "hours",
        "unit": unit,
        "form": form,
        "current": _row(current),
    }
    status = 400 if form.is_bound else 200
    return render(request, "backoffice/administration/hours_form.html", context, status=status)
