"""The citizens' pages that work without signing in and without JavaScript: the home page with
search and tracking, the procedure list and page with its blank forms to download, public
tracking, and the large-text switch.

Views only read requests and render: what to show comes from the catalogue's and the dossiers'
selectors.
"""

from datetime import timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from motcua.catalog.selectors import (
    fields_in_force,
    form_template_by_pk,
    procedure_listing,
    version_in_force,
)
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers import selectors as dossiers
from motcua.portal.context_processors import LARGE_TEXT_COOKIE
from motcua.portal.forms import ProcedureSearchForm, TrackingForm
from motcua.portal.presenters import popular, procedure_page, tracking_view

PAGE_SIZE = 20
POPULAR = 8
TRACKING_PER_MINUTE = 30


def home(request: HttpRequest) -> HttpResponse:
    since = clock.now() - timedelta(days=90)
    return render(
        request,
        "portal/home.html",
        {
            "search": ProcedureSearchForm(),
            "tracking": TrackingForm(),
            "popular": popular(
                dossiers.popular_procedures(limit=POPULAR, since=since), limit=POPULAR
            ),
            "fields": fields_in_force(),
        },
    )


def procedures(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    listing = procedure_listing(
        query=params.get("q", ""),
        agency=params.get("agency"),
        field=params.get("field", ""),
        level=params.get("level", ""),
    )
    paginator = Paginator(range(listing.count), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    results = listing.page(offset=page.start_index() - 1, limit=PAGE_SIZE) if listing.count else []
    return render(
        request,
        "portal/procedures.html",
        {
            "form": form,
            "results": results,
            "count": listing.count,
            "page": page,
            "query_string": _without_page(request),
        },
    )


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    try:
        version = version_in_force(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "portal/procedure.html", procedure_page(version))


def form_template(request: HttpRequest, pk: int) -> FileResponse:
    """A blank form (mẫu đơn, tờ khai) named by a procedure's component, as a download."""
    try:
        template = form_template_by_pk(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return FileResponse(
        template.file.open("rb"),
        as_attachment=True,
        filename=template.original_name,
        content_type=template.content_type,
    )


def tracking(request: HttpRequest) -> HttpResponse:
    # The receipt's QR code opens /tra-cuu/?ma=<code>: the code is filled in and the citizen is
    # asked for the phone, without an error for a field they have not had a chance to fill.
    if "so_dien_thoai" in request.GET:
        form = TrackingForm(request.GET)
    else:
        form = TrackingForm(initial={"ma": request.GET.get("ma", "")})
    context = {"form": form, "found": None, "not_found": False, "throttled": False}
    if form.is_bound and form.is_valid():
        if _over_limit(request):
            context["throttled"] = True
            return render(request, "portal/tracking.html", context, status=429)
        try:
            dossier = dossiers.dossier_for_tracking(
                form.cleaned_data["ma"], form.cleaned_data["so_dien_thoai"]
            )
        except NotFound:
            context["not_found"] = True
            return render(request, "portal/tracking.html", context, status=404)
        context["found"] = tracking_view(dossier)
    return render(request, "portal/tracking.html", context)


@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Switch the large-text mode (chữ lớn) on or off, remembered for a year; no JavaScript."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("size") == "large":
        response.set_cookie(
            LARGE_TEXT_COOKIE, "large", max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE)
    return response


def _over_limit(request: HttpRequest) -> bool:
    """At most TRACKING_PER_MINUTE look-ups a minute from one address: guessing is slow."""
    key = f"portal-tracking:{request.META.get('REMOTE_ADDR', '')}:{int(clock.now().timestamp() // 60)}"
    if cache.add(key, 1, timeout=70):
        return False
    try:
        return cache.incr(key) > TRACKING_PER_MINUTE
    except ValueError:
        return False


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()
