"""Absence and delegation (vắng mặt, ủy quyền): an officer — or their leader or agency
administrator — names a substitute for a period with the reason (`accounts.services.delegate`
decides who may), sees the delegations in force or to come that they gave, received or manage,
and ends one early after a confirmation (`accounts.absences.end_early`)."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts import absences
from motcua.accounts.services import delegate
from motcua.backoffice.decorators import officer_required
from motcua.backoffice.feedback.forms import LOCAL_MOMENT, DelegationForm
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound
from motcua.core.forms import add_service_errors


@officer_required
@require_http_methods(["GET", "POST"])
def delegations(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DelegationForm(
        request.POST if request.method == "POST" else None,
        principals=absences.principals_choosable(user),
        substitutes=absences.substitutes_choosable(user),
        initial=_initial(user, clock.now()),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = delegate(
                actor=user,
                principal=data["principal"],
                substitute=data["substitute"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã đặt %(substitute)s làm thay %(principal)s từ %(start)s đến %(end)s.")
                % {
                    "substitute": made.substitute,
                    "principal": made.principal,
                    "start": clock.shown(made.starts_at),
                    "end": clock.shown(made.ends_at),
                },
            )
            return redirect("backoffice:delegations")
    now = clock.now()
    context = {
        "form": form,
        "lists": absences.delegations_for(user, now=now),
        "now": now,
        "standing_in": absences.standing_in_for(user, now=now),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/feedback/delegations.html", context, status=status)


@officer_required
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page, and on POST the delegation ended (or cancelled, not started)."""
    try:
        delegation = absences.delegation_for(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    now = clock.now()
    if request.method == "POST":
        try:
            ended = absences.end_early(actor=request.user, delegation=delegation)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except (Conflict, NotFound) as exc:
            messages.error(request, exc.message)
        else:
            if ended is None:
                messages.success(request, _("Đã hủy ủy quyền chưa bắt đầu."))
            else:
                messages.success(
                    request,
                    _("Đã kết thúc ủy quyền lúc %(when)s: %(principal)s tự xử lý công việc.")
                    % {"when": clock.shown(ended.ends_at), "principal": ended.principal},
                )
        return redirect("backoffice:delegations")
    context = {"delegation": delegation, "started": delegation.starts_at <= now}
    return render(request, "backoffice/feedback/delegation_end.html", context)


def _initial(user, now: datetime) -> dict:
    """From 08:00 of the next day to 17:00 of the same day, by default."""
    start = (now + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    return {
        "principal": user.pk,
        "starts_at": start.strftime(LOCAL_MOMENT),
        "ends_at": start.replace(hour=17).strftime(LOCAL_MOMENT),
    }
