"""Receiving the news of one's dossiers on Zalo (Tài khoản → Nhận thông báo qua Zalo): the page
gives a code to send to the province's Official Account in Zalo, shows the link once the OA's
webhook has brought it, and ends it after a confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import UserKind
from motcua.notifications import channels, zalo
from motcua.notifications.kinds import Channel


def _citizen(request: HttpRequest) -> None:
    """Citizens and organisations; officers are told by e-mail and have no such page."""
    if request.user.kind == UserKind.OFFICER:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    _citizen(request)
    available = channels.usable(Channel.ZALO)
    if request.method == "POST" and available:
        zalo.new_link_code(user=request.user)
        return redirect("portal:zalo")
    return render(
        request,
        "portal/zalo/link.html",
        {
            "available": available,
            "linked": zalo.linked_account(request.user),
            "code": zalo.pending_code(request.user),
            "prefix": zalo.PREFIX,
            "minutes": int(zalo.LINK_CODE_LIFETIME.total_seconds() // 60),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unlink(request: HttpRequest) -> HttpResponse:
    _citizen(request)
    linked = zalo.linked_account(request.user)
    if linked is None:
        return redirect("portal:zalo")
    if request.method == "POST":
        zalo.unlink(user=request.user)
        messages.success(
            request,
            _("Đã hủy liên kết Zalo. Ông/Bà vẫn nhận thông báo qua tin nhắn SMS và thư điện tử."),
        )
        return redirect("portal:zalo")
    return render(request, "portal/zalo/unlink.html", {"linked": linked})
