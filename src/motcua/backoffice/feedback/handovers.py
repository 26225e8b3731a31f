"""Paper hand-over lists (bàn giao hồ sơ giấy): the lists the officer's units are to accept and
those sent or accepted lately, each with its dossiers; one list as a printable page (the browser's
print stylesheet leaves only the list and the signature blocks) with the accept action. Accepting
starts the steps' clocks (`dossiers.services.accept_batch`)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.absences import standing_in_for
from motcua.backoffice.decorators import officer_required
from motcua.backoffice.feedback.forms import AcceptBatchForm
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.dossiers import handovers, services


@officer_required
def batches(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    lists = handovers.handover_lists(request.user, now=now)
    context = {
        "to_accept": lists.to_accept,
        "recent": lists.recent,
        "standing_in": standing_in_for(request.user, now=now),
    }
    return render(request, "backoffice/feedback/handovers.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """One list; POST accepts it once the officer ticks that the papers match the list."""
    try:
        found = handovers.batch_for(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = AcceptBatchForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not found.may_accept:
            form.add_error(None, _("Chỉ cán bộ của đơn vị nhận được xác nhận danh sách này."))
            status = 403
        elif form.is_valid():
            try:
                services.accept_batch(user=request.user, batch=found)
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except Conflict as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã nhận %(count)s hồ sơ giấy từ %(unit)s; thời hạn xử lý tính từ bây giờ.")
                    % {"count": found.dossier_count, "unit": found.from_unit.name},
                )
            return redirect("backoffice:handover", pk=found.pk)
        else:
            status = 400
    context = {
        "batch": found,
        "form": form,
        "standing_in": standing_in_for(request.user),
    }
    return render(request, "backoffice/feedback/handover.html", context, status=status)
