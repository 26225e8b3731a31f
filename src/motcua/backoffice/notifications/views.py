"""What was sent to citizens and officers (SMS, Zalo, e-mail): sent, failing and retried, and
parked — for the leaders and agency administrators of the units concerned, who may send a
parked message again after confirming."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts import access
from motcua.backoffice.decorators import officer_required
from motcua.core.errors import Conflict
from motcua.notifications import selectors, services
from motcua.notifications.kinds import Channel
from motcua.notifications.models import Status

PAGE_SIZE = 50


class FilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[
            ("", gettext_lazy("Mọi trạng thái")),
            (Status.SENT, gettext_lazy("Đã gửi")),
            (selectors.RETRIED, gettext_lazy("Đã gửi sau khi gửi lại")),
            (Status.FAILED, gettext_lazy("Lỗi, sẽ gửi lại")),
            (Status.PARKED, gettext_lazy("Tạm dừng (lỗi nhiều lần)")),
            (Status.QUEUED, gettext_lazy("Chờ gửi")),
        ],
    )
    kenh = forms.ChoiceField(
        label=gettext_lazy("Kênh"),
        required=False,
        choices=[("", gettext_lazy("Mọi kênh")), *Channel.choices],
    )
    ma = forms.CharField(label=gettext_lazy("Mã hồ sơ"), required=False, max_length=64)


def _ensure_oversees(request: HttpRequest) -> None:
    if not access.can(request.user, "notifications.oversee", None):
        raise PermissionDenied


@officer_required
def sent(request: HttpRequest) -> HttpResponse:
    _ensure_oversees(request)
    form = FilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    found = selectors.messages_for(
        request.user,
        status=params.get("trang_thai", ""),
        channel=params.get("kenh", ""),
        code=params.get("ma", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    for message in page:
        message.shown_recipient = selectors.masked(message)
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "backoffice/notifications/list.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page, and on POST the parked message queued again."""
    message = selectors.messages_for(request.user).filter(pk=pk).first()
    if message is None:
        raise Http404(_("Không có thông báo này."))
    if request.method == "POST":
        try:
            services.retry(user=request.user, message=message)
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã xếp thông báo vào hàng đợi để gửi lại."))
        return redirect("backoffice:notifications")
    message.shown_recipient = selectors.masked(message)
    return render(request, "backoffice/notifications/retry_confirm.html", {"item": message})
