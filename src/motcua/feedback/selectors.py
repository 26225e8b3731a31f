"""Reading ratings and feedback: the criteria a dossier is rated on, whether it may be rated,
a citizen's own feedback, an agency's inbox and its search, what an officer may do with one now
(`handling_actions`, from the statuses each action is allowed from: `ALLOWED_FROM`), what is
late, and the published Q&A with its search.

The Q&A search folds diacritics (`core.text.fold`) on both sides: the published texts are stored
folded at publishing (`search_text`) and each word of the query must occur in them, which SQLite
and PostgreSQL answer alike.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User, UserKind
from motcua.accounts.selectors import is_active_user, is_system_admin
from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import agencies_for_procedure, agencies_with_procedures
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.core.text import fold
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.rules import officer_unit_ids
from motcua.feedback.models import (
    CriterionScope,
    Feedback,
    FeedbackAction,
    FeedbackEvent,
    FeedbackStatus,
    Rating,
    RatingCriterion,
)

# The statuses each action may be taken from (the services refuse it from any other).
ALLOWED_FROM = {
    FeedbackAction.REJECT: frozenset({FeedbackStatus.RECEIVED, FeedbackStatus.AWAITING_CITIZEN}),
    FeedbackAction.ASK_MORE: frozenset({FeedbackStatus.RECEIVED}),
    FeedbackAction.REPLY: frozenset({FeedbackStatus.AWAITING_CITIZEN}),
    FeedbackAction.ANSWER: frozenset({FeedbackStatus.RECEIVED}),
    FeedbackAction.PUBLISH: frozenset({FeedbackStatus.ANSWERED}),
}
# What the agency does with feedback, in the order an officer's page offers it.
HANDLING = (
    FeedbackAction.ANSWER,
    FeedbackAction.ASK_MORE,
    FeedbackAction.REJECT,
    FeedbackAction.PUBLISH,
)
# Not yet done with: the inbox shows these unless asked for another status.
OPEN = (FeedbackStatus.RECEIVED, FeedbackStatus.AWAITING_CITIZEN, FeedbackStatus.ANSWERED)

# A dossier is rated once its result is out: finished (at the return desk or online) or returned.
RATEABLE = frozenset({Status.READY, Status.RETURNED})
MAX_QUERY_WORDS = 12


def feedback_not_found() -> NotFound:
    return NotFound(_("Không tìm thấy phản ánh, kiến nghị."), code="feedback_not_found")


# --- ratings --------------------------------------------------------------------------------


def dossier_criteria() -> QuerySet[RatingCriterion]:
    """The criteria a citizen answers about one dossier online (TT 01/2018: 1, 2, 3, 4, 6, 7)."""
    return RatingCriterion.objects.filter(active=True, scope=CriterionScope.DOSSIER)


def rating_of(dossier: Dossier) -> Rating | None:
    return Rating.objects.filter(dossier=dossier).prefetch_related("scores__criterion").first()


def is_rated(dossier: Dossier) -> bool:
    return Rating.objects.filter(dossier=dossier).exists()


def may_rate_now(user: User, dossier: Dossier, *, rated: bool | None = None) -> bool:
    """Whether `user` owns `dossier`, its result is out and nobody has rated it yet. A caller
    that has just read the rating passes `rated` rather than have it asked again."""
    if not (is_active_user(user) and dossier.owner_id == user.pk and dossier.status in RATEABLE):
        return False
    return not (is_rated(dossier) if rated is None else rated)


# --- feedback -------------------------------------------------------------------------------


def send_agencies(*, procedure: Procedure | None) -> QuerySet[Agency]:
    """The agencies a feedback may go to: those handling `procedure`, or, about no procedure,
    any agency this installation assigns procedures to. (Feedback about a dossier goes to its
    competent agency, with no choice.)"""
    if procedure is not None:
        return agencies_for_procedure(procedure)
    return agencies_with_procedures()


def sent_by(user: User) -> QuerySet[Feedback]:
    """What `user` has sent, newest first."""
    if not is_active_user(user):
        return Feedback.objects.none()
    return Feedback.objects.filter(citizen=user).select_related("agency", "dossier")


def own_feedback(user: User, pk: int) -> Feedback:
    """One feedback `user` sent; anyone else's answers like a missing one."""
    found = sent_by(user).filter(pk=pk).first()
    if found is None:
        raise feedback_not_found()
    return found


def inbox(user: User) -> QuerySet[Feedback]:
    """The feedback addressed to the agencies where the officer holds a role, oldest due first."""
    if not is_active_user(user):
        return Feedback.objects.none()
    found = Feedback.objects.select_related("agency", "citizen").order_by("answer_due_at", "pk")
    if is_system_admin(user):
        return found
    if user.kind != UserKind.OFFICER:
        return Feedback.objects.none()
    return found.filter(agency_id__in=officer_unit_ids(user))


def search_inbox(
    user: User,
    *,
    status: str = "",
    category: str = "",
    query: str = "",
    overdue_only: bool = False,
    now: datetime | None = None,
) -> QuerySet[Feedback]:
    """`inbox` narrowed: by `status` (the open ones when empty, every one for "all"), by
    `category`, by words of `query` in the title, the text or the sender's name, and to what is
    late now."""
    found = inbox(user)
    if status == "all":
        pass
    elif status:
        found = found.filter(status=status)
    else:
        found = found.filter(status__in=OPEN)
    if category:
        found = found.filter(category=category)
    for word in (query or "").split()[:MAX_QUERY_WORDS]:
        found = found.filter(
            Q(title__icontains=word)
            | Q(content__icontains=word)
            | Q(citizen__full_name__icontains=word)
        )
    if overdue_only:
        found = found.filter(pk__in=overdue(now=now).values("pk"))
    return found


def handling_actions(user: User, feedback: Feedback) -> list[str]:
    """What `user` may do with `feedback` now, of `HANDLING`."""
    return [
        action
        for action in HANDLING
        if feedback.status in ALLOWED_FROM[action]
        and access.can(user, f"feedback.{action}", feedback)
    ]


def history(feedback: Feedback) -> QuerySet[FeedbackEvent]:
    return feedback.events.select_related("actor").order_by("at", "pk")


def overdue(*, now: datetime | None = None) -> QuerySet[Feedback]:
    """What is late now: not answered by its due moment (the clock stands while the agency
    waits for the citizen), or answered and not published by its due moment."""
    moment = now or clock.now()
    return Feedback.objects.filter(
        Q(status=FeedbackStatus.RECEIVED, answer_due_at__lt=moment)
        | Q(status=FeedbackStatus.ANSWERED, publish_due_at__lt=moment)
    )


def is_overdue(feedback: Feedback, *, now: datetime | None = None) -> bool:
    moment = now or clock.now()
    if feedback.status == FeedbackStatus.RECEIVED:
        return moment > feedback.answer_due_at
    if feedback.status == FeedbackStatus.ANSWERED:
        return feedback.publish_due_at is not None and moment > feedback.publish_due_at
    return False


@dataclass(frozen=True)
class Timeliness:
    action: str
    due: datetime
    done: datetime
    late: bool


def timeliness(feedback: Feedback) -> list[Timeliness]:
    """Each handling step taken so far, judged against its due moment (QĐ 766 indicator 5)."""
    steps = [
        (FeedbackAction.REJECT, feedback.reject_due_at, feedback.rejected_at),
        (FeedbackAction.ASK_MORE, feedback.ask_due_at, feedback.asked_at),
        (FeedbackAction.ANSWER, feedback.answer_due_at, feedback.answered_at),
        (FeedbackAction.PUBLISH, feedback.publish_due_at, feedback.published_at),
    ]
    return [
        Timeliness(action=action, due=due, done=done, late=done > due)
        for action, due, done in steps
        if due is not None and done is not None
    ]


# --- the public Q&A -------------------------------------------------------------------------


def published_answers(
    *, query: str = "", field: str = "", agency: Agency | None = None
) -> QuerySet[Feedback]:
    """The published Q&A, newest first: every word of `query` (diacritics or not) in its texts,
    of the field named `field`, answered by `agency`."""
    found = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED).select_related("agency")
    for word in fold(query or "").split()[:MAX_QUERY_WORDS]:
        found = found.filter(search_text__contains=word)
    if field:
        found = found.filter(field_name=field)
    if agency is not None:
        found = found.filter(agency=agency)
    return found.order_by("-published_at", "-pk")


def published_answer(pk: int) -> Feedback:
    found = (
        Feedback.objects.filter(status=FeedbackStatus.PUBLISHED, pk=pk)
        .select_related("agency", "procedure")
        .first()
    )
    if found is None:
        raise NotFound(_("Không tìm thấy câu hỏi đã công khai."), code="answer_not_found")
    return found


def published_fields() -> list[str]:
    names = (
        Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
        .exclude(field_name="")
        .values_list("field_name", flat=True)
        .distinct()
    )
    return sorted(set(names), key=fold)


def published_agencies() -> QuerySet[Agency]:
    published = Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
    return Agency.objects.filter(pk__in=published.values("agency_id")).order_by("path")
