"""The officers' feedback pages (phản ánh, kiến nghị — PAKN): the inbox of what is addressed to
their agencies, with each national deadline and what is late, and one feedback with the citizen's
text and attachment, its history and the actions allowed now — reject (after a confirmation), ask
for more, answer, publish (with the masked preview of what the public will read). Views read
requests and render; `feedback.services` decides."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.backoffice.decorators import officer_required
from motcua.backoffice.feedback.forms import (
    AnswerForm,
    AskMoreForm,
    InboxFilterForm,
    PublishForm,
    RejectForm,
)
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound
from motcua.core.forms import add_service_errors
from motcua.feedback import selectors, services
from motcua.feedback.models import Feedback, FeedbackAction, FeedbackStatus
from motcua.feedback.presentation import STATUS_TONES
from motcua.feedback.privacy import anonymised
from motcua.workdays.countdown import Calendars, due

PAGE_SIZE = 25
A = FeedbackAction
FORMS = {
    A.REJECT: RejectForm,
    A.ASK_MORE: AskMoreForm,
    A.ANSWER: AnswerForm,
    A.PUBLISH: PublishForm,
}
DONE = {
    A.REJECT: gettext_lazy("Đã từ chối tiếp nhận."),
    A.ASK_MORE: gettext_lazy(
        "Đã gửi đề nghị bổ sung; thời hạn trả lời tạm dừng đến khi công dân bổ sung."
    ),
    A.ANSWER: gettext_lazy(
        "Đã gửi trả lời tới công dân. Công khai câu trả lời chậm nhất lúc %(due)s."
    ),
    A.PUBLISH: gettext_lazy("Đã công khai câu hỏi và trả lời trên trang Hỏi đáp."),
}


@officer_required
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    now = clock.now()
    found = selectors.search_inbox(
        request.user,
        status=params.get("status", ""),
        category=params.get("category", ""),
        query=params.get("q", ""),
        overdue_only=params.get("late", False),
        now=now,
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    calendars = Calendars()
    rows = [_summary(item, now=now, calendars=calendars) for item in page]
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "rows": rows, "query_string": query.urlencode()}
    return render(request, "backoffice/feedback/inbox.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = _visible(request, pk)
    actions = selectors.handling_actions(request.user, feedback)
    forms = {action: FORMS[action]() for action in actions}
    if request.method == "GET":
        return _page(request, feedback, forms)
    action = request.POST.get("action", "")
    if action not in FORMS:
        return _page(request, feedback, forms, status=400)
    form = FORMS[action](request.POST)
    forms[action] = form
    if action not in actions:
        form.add_error(None, _("Thao tác này không còn thực hiện được: trang đã được cập nhật."))
        return _page(request, feedback, forms, status=409)
    if not form.is_valid():
        return _page(request, feedback, forms, status=400)
    if action == A.REJECT and "back" in request.POST:
        return _page(request, feedback, forms)
    if action == A.REJECT and request.POST.get("confirmed") != "1":
        return render(
            request, "backoffice/feedback/reject_confirm.html", {"item": feedback, "form": form}
        )
    if action == A.PUBLISH and "preview" in request.POST:
        return _page(request, feedback, forms, preview=form.cleaned_data)
    try:
        done = getattr(services, action)(user=request.user, feedback=feedback, **form.cleaned_data)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        add_service_errors(form, exc)
        return _page(request, feedback, forms, status=409 if isinstance(exc, Conflict) else 400)
    messages.success(request, str(DONE[action]) % {"due": clock.shown(done.publish_due_at)})
    return redirect("backoffice:feedback", pk=feedback.pk)


@officer_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The file the citizen sent with the feedback, to officers who see the feedback."""
    stored = _visible(request, pk).attachment
    if stored is None:
        raise Http404(_("Phản ánh, kiến nghị này không có tệp đính kèm."))
    handle = stored.file.storage.open(stored.file.name, "rb")
    name = stored.original_name or f"dinh-kem-pakn-{pk}"
    return FileResponse(handle, filename=name, content_type=stored.content_type)


# --- helpers --------------------------------------------------------------------------------


def _visible(request: HttpRequest, pk: int) -> Feedback:
    found = (
        selectors.inbox(request.user)
        .select_related("dossier", "attachment", "answered_by", "published_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(selectors.feedback_not_found().message)
    return found


def _page(
    request: HttpRequest,
    feedback: Feedback,
    forms: dict,
    *,
    status: int = 200,
    preview: dict | None = None,
) -> HttpResponse:
    now = clock.now()
    context = _summary(feedback, now=now, calendars=Calendars()) | {
        "forms": forms,
        "history": list(selectors.history(feedback)),
        "timeliness": [
            {"label": A(step.action).label, "step": step} for step in selectors.timeliness(feedback)
        ],
        "preview": _preview(feedback, preview)
        if A.PUBLISH in forms or feedback.published_at
        else None,
    }
    return render(request, "backoffice/feedback/detail.html", context, status=status)


def _preview(feedback: Feedback, typed: dict | None) -> dict:
    """What the public will read: the published texts when published, else the masked texts
    the publish form would publish (what the officer typed, or the sender's own)."""
    if feedback.published_at:
        return {
            "title": feedback.public_title,
            "question": feedback.public_question,
            "answer": feedback.public_answer,
        }
    typed = typed or {}
    citizen = feedback.citizen
    return {
        "title": anonymised(typed.get("public_title") or feedback.title, citizen=citizen),
        "question": anonymised(typed.get("public_question") or feedback.content, citizen=citizen),
        "answer": anonymised(feedback.answer, citizen=citizen),
    }


def _summary(feedback: Feedback, *, now: datetime, calendars: Calendars) -> dict:
    status = FeedbackStatus(feedback.status)
    return {
        "item": feedback,
        "status_label": status.label,
        "status_tone": STATUS_TONES[status],
        "late": selectors.is_overdue(feedback, now=now),
        "deadlines": _deadlines(feedback, now=now, calendar=calendars.of(feedback.agency)),
    }


def _deadlines(feedback: Feedback, *, now: datetime, calendar) -> list[dict]:
    """Each national deadline: done (when, on time or late), running (the time left or overdue),
    standing (the answer's clock while the citizen is asked), or no longer open."""
    status = feedback.status
    steps = [
        (A.REJECT, _("Từ chối tiếp nhận"), feedback.reject_due_at, feedback.rejected_at),
        (A.ASK_MORE, _("Đề nghị bổ sung"), feedback.ask_due_at, feedback.asked_at),
        (A.ANSWER, _("Trả lời"), feedback.answer_due_at, feedback.answered_at),
        (A.PUBLISH, _("Công khai"), feedback.publish_due_at, feedback.published_at),
    ]
    rows = []
    for action, label, due_at, done_at in steps:
        row = {"action": action, "label": label, "due_at": due_at, "done_at": done_at}
        if due_at is None:
            continue
        if done_at is not None:
            row["late"] = done_at > due_at
        elif action == A.ANSWER and status == FeedbackStatus.AWAITING_CITIZEN:
            row["standing"] = True
        elif status in selectors.ALLOWED_FROM[action]:
            row["due"] = due(due_at, calendar=calendar, now=now)
            # Rejecting or asking after their deadline is late, but only a late answer or
            # publication makes the feedback overdue (QĐ 766).
            row["counts"] = action in (A.ANSWER, A.PUBLISH)
        else:
            continue
        rows.append(row)
    return rows
