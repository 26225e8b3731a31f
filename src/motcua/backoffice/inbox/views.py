"""The officer's work: the inbox by role and unit, the dossier page with the actions the engine
allows now, a dossier's files shown inline, and the leaders' list of late dossiers.

Every page reads through the dossiers' selectors and acts through their services; a dossier
the officer may not see answers 404, like one that does not exist.
"""

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.accounts.selectors import agencies_where, is_system_admin
from motcua.backoffice.decorators import officer_required
from motcua.backoffice.inbox import actions, presenters
from motcua.backoffice.inbox.forms import TAB_SLUGS, InboxFilterForm
from motcua.backoffice.payments.views import panel as fees_panel
from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.core.forms import add_service_errors
from motcua.dossiers import inbox, selectors
from motcua.dossiers.models import Dossier
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action

PAGE_SIZE = 20
STALE = "stale_version"
TAB_LABELS = {
    "cho-toi": gettext_lazy("Chờ tôi xử lý"),
    "don-vi": gettext_lazy("Của đơn vị"),
    "qua-han": gettext_lazy("Quá hạn"),
    "den-han": gettext_lazy("Đến hạn hôm nay"),
    "cho-tiep-nhan": gettext_lazy("Chờ tiếp nhận"),
    "xin-y-kien": gettext_lazy("Xin ý kiến"),
}


def _calendar(user):
    """One calendar for the page's countdowns: the officer's first unit's (its province's days
    off and its hours), so that the page reads the calendar once whatever the rows."""
    first = user.role_assignments.filter(agency__isnull=False).select_related("agency").first()
    return calendar_for(agency=first.agency if first else None)


@officer_required
def home(request: HttpRequest) -> HttpResponse:
    user, now = request.user, clock.now()
    visible = selectors.visible_dossiers(user)
    form = InboxFilterForm(
        request.GET or None,
        procedures=inbox.procedures_in(visible),
        fields=inbox.fields_in(visible),
    )
    if form.is_bound:
        form.is_valid()  # a filter typed wrong is dropped alone (the page says so)
    cleaned = getattr(form, "cleaned_data", {})
    slug = cleaned.get("tab") or "cho-toi"
    scopes = inbox.tab_scopes(user, now=now)
    counts = inbox.tab_counts(visible, scopes=scopes)
    batches = list(selectors.batches_to_accept(user)[:50])
    filters = inbox.Filters(
        procedure=cleaned.get("thu_tuc") or None,
        field=cleaned.get("linh_vuc") or None,
        status=cleaned.get("trang_thai", ""),
        channel=cleaned.get("kenh", ""),
        received_from=cleaned.get("tu_ngay"),
        received_to=cleaned.get("den_ngay"),
        q=cleaned.get("q", ""),
        sort=cleaned.get("sap_xep") or "due",
    )
    page = Paginator(
        inbox.inbox(visible, scope=scopes[TAB_SLUGS[slug]], filters=filters), PAGE_SIZE
    ).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    tab_query = query.copy()
    tab_query.pop("tab", None)
    context = {
        "form": form,
        "tab": slug,
        "tabs": [
            {"slug": s, "label": TAB_LABELS[s], "count": counts[TAB_SLUGS[s]]} for s in TAB_SLUGS
        ],
        "batches": batches,
        "page": page,
        "rows": presenters.rows(page, now=now, calendar=_calendar(user)),
        "query_string": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "now": now,
    }
    return render(request, "backoffice/inbox/home.html", context)


def _visible(request: HttpRequest, key: str) -> Dossier:
    try:
        return selectors.dossier_by_code_or_reference(key, user=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _page(request, dossier: Dossier, *, bound=None, status: int = 200) -> HttpResponse:
    context = presenters.dossier_page(request.user, dossier, calendar=_calendar(request.user))
    context["actions"] = actions.forms_for(request.user, dossier, bound=bound)
    context |= fees_panel(request.user, dossier)
    return render(request, "backoffice/inbox/dossier.html", context, status=status)


@officer_required
def dossier(request: HttpRequest, key: str) -> HttpResponse:
    return _page(request, _visible(request, key))


@officer_required
@require_POST
def dossier_action(request: HttpRequest, key: str, action: str) -> HttpResponse:
    found = _visible(request, key)
    data, refused_file = actions.keep_upload(request, action)
    form = actions.build_form(action, dossier=found, user=request.user, data=data)
    if not form.is_valid() or refused_file:
        if refused_file:
            form.add_error("file", refused_file)
        return _page(request, found, bound=form, status=400)
    try:
        done = actions.perform(request, action, form)
    except DomainError as exc:
        fresh = Dossier.objects.get(pk=found.pk)
        if exc.code == STALE:
            messages.warning(
                request,
                _(
                    "Hồ sơ vừa được người khác cập nhật. Trang đã tải lại thông tin mới nhất; "
                    "nội dung bạn nhập vẫn còn: xem lại rồi gửi lại nếu vẫn cần."
                ),
            )
            data[f"{action}-expected_version"] = str(fresh.version)
            form = actions.build_form(action, dossier=fresh, user=request.user, data=data)
            form.is_valid()
            return _page(request, fresh, bound=form, status=409)
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        add_service_errors(form, exc, aliases={"upload": "file"})
        return _page(request, fresh, bound=form, status=exc.status)
    if action == Action.SIGN:
        return _after_signing(request, found, session=done)
    label = actions.DRAFT_LABEL if action == actions.DRAFT_RESULT else Action(action).label
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})
    return redirect("backoffice:dossier", key=done.key)


def _after_signing(request: HttpRequest, dossier: Dossier, *, session) -> HttpResponse:
    """A key the server holds has signed already; a remote provider or the plug-in on the
    officer's computer signs on the signing page, which comes back here when done."""
    if session.signed_pdf is not None:
        messages.success(request, _("Đã ký số văn bản kết quả."))
        return redirect("backoffice:dossier", key=dossier.key)
    return redirect("backoffice:signing-session", session_id=session.pk)


@officer_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def dossier_file(request: HttpRequest, key: str, file_id) -> FileResponse:
    """A file of the dossier's papers or its result, shown in the browser (PDF, image)."""
    found = _visible(request, key)
    stored = inbox.file_of(found, file_id)
    if stored is None:
        raise Http404(_("Hồ sơ không có tệp này."))
    handle = stored.file.storage.open(stored.file.name, "rb")
    return FileResponse(
        handle,
        as_attachment=False,
        filename=stored.original_name or f"{stored.pk}",
        content_type=stored.content_type,
    )


@officer_required
def overdue(request: HttpRequest) -> HttpResponse:
    """The leader's list: the units' late dossiers and steps, who held each and by how much."""
    user = request.user
    if not (is_system_admin(user) or agencies_where(user, Role.LEADER).exists()):
        raise PermissionDenied
    now = clock.now()
    late, late_steps = inbox.unit_overdue(user, now=now)
    calendar = _calendar(user)
    context = {
        "late": presenters.rows(late[:200], now=now, calendar=calendar),
        "late_steps": presenters.rows(late_steps[:200], now=now, calendar=calendar),
        "now": now,
    }
    return render(request, "backoffice/inbox/overdue.html", context)
