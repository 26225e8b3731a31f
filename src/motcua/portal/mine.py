"""The signed-in citizen's own dossiers (Hồ sơ của tôi): the list, one dossier with its timeline,
files and result, and what they can do now — supplement what is missing, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.documents.services import store_upload
from motcua.dossiers import selectors, services
from motcua.dossiers.lifecycle import allowed_now
from motcua.dossiers.models import Dossier, Status
from motcua.portal.fees import fees_panel
from motcua.portal.forms import SupplyForm, WithdrawForm
from motcua.portal.models import Notification
from motcua.portal.presenters import dossier_rows, mine_view, rating_panel, tracking_view
from motcua.workflow.actions import Action

PAGE_SIZE = 20


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.mine(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"page": page, "rows": dossier_rows(page)}
    return render(request, "portal/mine/list.html", context)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The caller's notifications, newest first; showing them marks them read."""
    mine = Notification.objects.filter(user=request.user).select_related("dossier")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("trang"))
    unread = [n.pk for n in page if n.read_at is None]
    response = render(request, "portal/mine/notifications.html", {"page": page})
    Notification.objects.filter(pk__in=unread).update(read_at=clock.now())
    return response


@login_required
def my_dossier(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _mine(request, key)
    context = tracking_view(dossier) | mine_view(dossier)
    context |= {
        "supply_form": SupplyForm() if dossier.status == Status.AWAITING_SUPPLEMENT else None,
        "may_withdraw": allowed_now(dossier, Action.WITHDRAW),
    }
    context |= rating_panel(request.user, dossier)
    context |= fees_panel(dossier)
    return render(request, "portal/mine/detail.html", context)


@login_required
@require_http_methods(["POST"])
def supply(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _mine(request, key)
    form = SupplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = [
                store_upload(uploaded_file=upload, user=request.user)
                for upload in form.cleaned_data["files"]
            ]
            services.supply(
                user=request.user,
                dossier=dossier,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                uploads=[file.pk for file in stored],
            )
        except DomainError as exc:
            form.add_error("files" if "file" in exc.fields else None, exc.message)
        else:
            messages.success(request, _("Đã gửi hồ sơ bổ sung; cơ quan tiếp tục giải quyết."))
            return redirect("portal:my-dossier", key=dossier.key)
    context = tracking_view(dossier) | mine_view(dossier)
    context |= {"supply_form": form, "may_withdraw": allowed_now(dossier, Action.WITHDRAW)}
    context |= fees_panel(dossier)
    return render(request, "portal/mine/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _mine(request, key)
    form = WithdrawForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                user=request.user,
                dossier=dossier,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã gửi yêu cầu rút hồ sơ; cơ quan sẽ xác nhận và báo lại.")
            )
            return redirect("portal:my-dossier", key=dossier.key)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "portal/mine/withdraw.html", {"dossier": dossier, "form": form}, status=status
    )


@login_required
def result(request: HttpRequest, key: str) -> FileResponse:
    dossier = _mine(request, key)
    try:
        stored = selectors.result_for(request.user, dossier)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    handle = stored.file.storage.open(stored.file.name, "rb")
    name = stored.original_name or f"ket-qua-{dossier.key}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=stored.content_type)


def _mine(request: HttpRequest, key: str) -> Dossier:
    """One of the caller's own dossiers; anyone else's answers 404 like a missing one."""
    try:
        return selectors.one_of_mine(request.user, key)
    except NotFound as exc:
        raise Http404(exc.message) from exc
