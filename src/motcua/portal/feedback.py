"""The citizens' feedback pages: the published Q&A (Hỏi đáp) open to everyone, sending feedback
(phản ánh, kiến nghị) and following it when signed in, and rating one's own dossier once its
result is out. Views read requests and render; the feedback app's services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts import access
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_by_code, version_in_force
from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.core.forms import add_service_errors
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.models import Dossier
from motcua.feedback import selectors, services
from motcua.feedback.models import Feedback, FeedbackAction, FeedbackStatus
from motcua.feedback.presentation import STATUS_TONES
from motcua.portal.feedback_forms import QuestionSearchForm, RatingForm, ReplyForm, SendForm

PAGE_SIZE = 20


# --- the public Q&A -------------------------------------------------------------------------


def questions(request: HttpRequest) -> HttpResponse:
    form = QuestionSearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    found = selectors.published_answers(
        query=params.get("q", ""), field=params.get("field", ""), agency=params.get("agency")
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "portal/feedback/questions.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def question(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = selectors.published_answer(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "portal/feedback/question.html", {"item": answer})


# --- sending and following feedback ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    """The sending form, about the dossier `?ho-so=` or the procedure `?thu-tuc=` when given."""
    if not access.can(request.user, "feedback.send", None):
        raise PermissionDenied
    dossier = _own_dossier(request, request.GET.get("ho-so", ""))
    procedure, procedure_name = _procedure(request.GET.get("thu-tuc", ""))
    agencies = None if dossier is not None else selectors.send_agencies(procedure=procedure)
    form = SendForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = _send(request, form, dossier=dossier, procedure=procedure)
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gửi tới %(agency)s. Cơ quan sẽ trả lời Ông/Bà chậm nhất lúc %(due)s.")
                % {"agency": feedback.agency.name, "due": clock.shown(feedback.answer_due_at)},
            )
            return redirect("portal:feedback-detail", pk=feedback.pk)
    context = {
        "form": form,
        "dossier": dossier,
        "procedure": procedure,
        "procedure_name": procedure_name,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/feedback/send.html", context, status=status)


def _send(request: HttpRequest, form: SendForm, *, dossier, procedure) -> Feedback:
    return services.send(
        user=request.user,
        category=form.cleaned_data["category"],
        title=form.cleaned_data["title"],
        content=form.cleaned_data["content"],
        agency=form.cleaned_data.get("agency"),
        procedure=procedure,
        dossier=dossier,
        attachment=form.cleaned_data.get("attachment"),
    )


@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.sent_by(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    now = clock.now()
    rows = [_row(item, now) for item in page]
    return render(request, "portal/feedback/list.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def my_feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One feedback the caller sent, its history, and the reply form while the agency waits."""
    try:
        feedback = selectors.own_feedback(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    waiting = feedback.status == FeedbackStatus.AWAITING_CITIZEN
    form = ReplyForm(request.POST or None) if waiting else None
    if request.method == "POST":
        if form is None:
            messages.info(request, _("Phản ánh, kiến nghị này không chờ Ông/Bà bổ sung."))
            return redirect("portal:feedback-detail", pk=feedback.pk)
        if form.is_valid():
            try:
                services.reply(user=request.user, feedback=feedback, text=form.cleaned_data["text"])
            except DomainError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã gửi thông tin bổ sung; cơ quan tiếp tục xử lý."))
                return redirect("portal:feedback-detail", pk=feedback.pk)
    history = feedback.events.select_related("actor").exclude(action=FeedbackAction.SEND)
    context = _row(feedback, clock.now()) | {"form": form, "history": list(history)}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/feedback/detail.html", context, status=status)


# --- rating a dossier -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _own_dossier(request, key, required=True)
    rated = selectors.is_rated(dossier)
    if not selectors.may_rate_now(request.user, dossier, rated=rated):
        if rated:
            messages.info(request, _("Ông/Bà đã đánh giá hồ sơ này. Cảm ơn Ông/Bà."))
        else:
            messages.info(request, _("Ông/Bà đánh giá được khi hồ sơ đã có kết quả giải quyết."))
        return redirect("portal:my-dossier", key=dossier.key)
    criteria = list(selectors.dossier_criteria())
    if not criteria:  # only a database emptied since its migration lacks them
        services.ensure_criteria()
        criteria = list(selectors.dossier_criteria())
    form = RatingForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate(
                user=request.user,
                dossier=dossier,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cảm ơn Ông/Bà đã đánh giá việc giải quyết hồ sơ."))
            return redirect("portal:my-dossier", key=dossier.key)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "portal/feedback/rate.html", {"dossier": dossier, "form": form}, status=status
    )


# --- helpers --------------------------------------------------------------------------------


def _own_dossier(request: HttpRequest, key: str, *, required: bool = False) -> Dossier | None:
    """The caller's own dossier by code or reference; anyone else's answers 404 like a missing
    one. No key: None, unless `required`."""
    if not key and not required:
        return None
    try:
        return dossiers.one_of_mine(request.user, key)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _procedure(code: str) -> tuple[Procedure | None, str]:
    if not code:
        return None, ""
    try:
        return procedure_by_code(code), version_in_force(code).name
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _row(feedback: Feedback, now) -> dict:
    status = FeedbackStatus(feedback.status)
    return {
        "item": feedback,
        "status_label": status.label,
        "status_tone": STATUS_TONES[status],
        "late": selectors.is_overdue(feedback, now=now),
    }
