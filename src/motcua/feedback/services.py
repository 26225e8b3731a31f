"""Every change to ratings and feedback: rating a dossier, sending feedback, and the agency's
handling of it — reject, ask for more (and the citizen's reply), answer, publish.

Each function checks who may act (`feedback.rules`), whether the state allows it, writes, records
the feedback's history, publishes `feedback.<event>` (or `rating.given`) to the outbox and appends
to the audit log, in one transaction. Due moments count working days on the agency's calendar.
"""

from collections.abc import Mapping
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import current_version
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.text import fold
from motcua.documents.models import StoredFile
from motcua.documents.services import store_upload
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.errors import not_found as dossier_not_found
from motcua.dossiers.models import Dossier
from motcua.events import services as events
from motcua.feedback import selectors
from motcua.feedback.criteria import DEFAULT_CRITERIA
from motcua.feedback.models import (
    Category,
    Feedback,
    FeedbackAction,
    FeedbackEvent,
    FeedbackStatus,
    Rating,
    RatingCriterion,
    RatingScore,
)
from motcua.feedback.privacy import anonymised
from motcua.workdays.selectors import calendar_for

# Working days from receipt (from the answer, for publishing): QĐ 766's indicator 5.
REJECT_DAYS, ASK_DAYS, ANSWER_DAYS, PUBLISH_DAYS = 2, 5, 15, 2

S = FeedbackStatus
ALLOWED_FROM = selectors.ALLOWED_FROM
TOPICS = {
    FeedbackAction.SEND: "feedback.sent",
    FeedbackAction.REJECT: "feedback.rejected",
    FeedbackAction.ASK_MORE: "feedback.asked",
    FeedbackAction.REPLY: "feedback.replied",
    FeedbackAction.ANSWER: "feedback.answered",
    FeedbackAction.PUBLISH: "feedback.published",
}


# --- rating ---------------------------------------------------------------------------------


def ensure_criteria() -> None:
    """Install the shipped criteria when there are none at all. The data migration installs
    them; only a database emptied since (test runs flush tables) lacks them, and a rating form
    without criteria would ask nothing."""
    if RatingCriterion.objects.exists():
        return
    RatingCriterion.objects.bulk_create(
        [
            RatingCriterion(
                number=number,
                text=text,
                option_2=two,
                option_1=one,
                option_0=zero,
                scope=scope,
                online_only=online_only,
            )
            for number, text, two, one, zero, scope, online_only in DEFAULT_CRITERIA
        ],
        ignore_conflicts=True,
    )


def rate(*, user: User, dossier: Dossier, scores: Mapping[int, int], comment: str = "") -> Rating:
    """The owner rates `dossier` once its result is out: `scores` maps each per-dossier
    criterion's number to 2, 1 or 0. A second rating, even one racing the first, is refused."""
    dossier = Dossier.objects.select_related("receiving_agency", "competent_agency").get(
        pk=dossier.pk
    )
    if not access.can(user, "dossiers.view", dossier):
        raise dossier_not_found()
    access.ensure(user, "feedback.rate", dossier)
    if dossier.status not in selectors.RATEABLE:
        raise Conflict(
            _("Ông/Bà chỉ đánh giá được khi hồ sơ đã có kết quả giải quyết."), code="not_rateable"
        )
    if Rating.objects.filter(dossier=dossier).exists():
        raise _rated_already()
    ensure_criteria()
    criteria = list(selectors.dossier_criteria())
    if not criteria:
        raise Conflict(
            _("Chưa có tiêu chí đánh giá nào đang sử dụng; vui lòng quay lại sau."),
            code="no_criteria",
        )
    errors = {
        f"criterion_{c.number}": [_("Chọn một mức đánh giá cho tiêu chí này.")]
        for c in criteria
        if scores.get(c.number) not in (0, 1, 2)
    }
    if errors:
        raise ValidationFailed(_("Ông/Bà chưa đánh giá đủ các tiêu chí."), fields=errors)
    now = clock.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    dossier=dossier,
                    rated_by=user,
                    receiving_agency=dossier.receiving_agency,
                    competent_agency=dossier.competent_agency,
                    total=sum(scores[c.number] for c in criteria),
                    maximum=2 * len(criteria),
                    comment=(comment or "").strip(),
                    created_at=now,
                )
        except IntegrityError:
            raise _rated_already() from None
        RatingScore.objects.bulk_create(
            RatingScore(rating=rating, criterion=c, score=scores[c.number]) for c in criteria
        )
        summary = {
            "rating": rating.pk,
            "dossier": dossier.pk,
            "code": dossier.key,
            "receiving_agency": dossier.receiving_agency_id,
            "competent_agency": dossier.competent_agency_id,
            "scores": {str(c.number): scores[c.number] for c in criteria},
            "total": rating.total,
            "maximum": rating.maximum,
            "at": now.isoformat(),
        }
        events.publish("rating.given", summary, key=dossier.key)
        audit.record(action="rating.give", actor=user, obj=rating, data=summary)
    return rating


def _rated_already() -> Conflict:
    return Conflict(
        _("Hồ sơ này đã được Ông/Bà đánh giá; mỗi hồ sơ chỉ đánh giá một lần."),
        code="rated_already",
    )


# --- sending --------------------------------------------------------------------------------


def send(
    *,
    user: User,
    category: str,
    title: str,
    content: str,
    agency: Agency | None = None,
    procedure: Procedure | None = None,
    dossier: Dossier | None = None,
    attachment: UploadedFile | None = None,
) -> Feedback:
    """A citizen's feedback or question about one of their dossiers (to its competent agency),
    about a procedure (to `agency`, one of those that handle it; the only one when there is one)
    or to `agency` directly. `attachment`, a file the citizen uploads with it, is stored only
    once everything else is accepted."""
    access.ensure(user, "feedback.send", None)
    errors: dict[str, list[str]] = {}
    if category not in Category.values:
        errors["category"] = [_("Chọn loại: phản ánh, kiến nghị hay hỏi đáp.")]
    title, content = (title or "").strip(), (content or "").strip()
    if not title:
        errors["title"] = [_("Nhập tiêu đề, ví dụ: Thời hạn cấp bản sao trích lục khai sinh.")]
    if not content:
        errors["content"] = [_("Nhập nội dung Ông/Bà muốn phản ánh, kiến nghị hoặc hỏi.")]
    field_name = procedure_name = ""
    if dossier is not None:
        if not dossiers.mine(user).filter(pk=dossier.pk).exists():
            raise dossier_not_found()
        version = dossier.procedure_version
        agency, procedure = dossier.competent_agency, version.procedure
    else:
        version = current_version(procedure) if procedure is not None else None
        choices = selectors.send_agencies(procedure=procedure)
        if agency is None and procedure is not None:
            only = list(choices[:2])
            agency = only[0] if len(only) == 1 else None
        if agency is None or not choices.filter(pk=agency.pk).exists():
            errors["agency"] = [
                _("Chọn cơ quan giải quyết thủ tục này.")
                if procedure is not None
                else _("Chọn cơ quan Ông/Bà muốn gửi tới.")
            ]
    if version is not None:
        procedure_name = version.name
        field_name = version.field.name if version.field_id else ""
    if errors:
        raise ValidationFailed(_("Vui lòng kiểm tra lại nội dung gửi."), fields=errors)
    now = clock.now()
    calendar = calendar_for(agency=agency)
    with transaction.atomic():
        stored = _store_attachment(attachment, user=user) if attachment is not None else None
        feedback = Feedback.objects.create(
            category=category,
            title=title,
            content=content,
            citizen=user,
            agency=agency,
            procedure=procedure,
            procedure_name=procedure_name,
            field_name=field_name,
            dossier=dossier,
            attachment=stored,
            status=FeedbackStatus.RECEIVED,
            received_at=now,
            reject_due_at=calendar.add(now, amount=REJECT_DAYS, unit="day"),
            ask_due_at=calendar.add(now, amount=ASK_DAYS, unit="day"),
            answer_due_at=calendar.add(now, amount=ANSWER_DAYS, unit="day"),
        )
        _record(feedback, user=user, action=FeedbackAction.SEND, at=now, note=content)
    return feedback


def _store_attachment(upload: UploadedFile, *, user: User) -> StoredFile:
    try:
        return store_upload(uploaded_file=upload, user=user)
    except ValidationFailed as exc:
        raise ValidationFailed(
            exc.message, code=exc.code, fields={"attachment": exc.fields.get("file", [exc.message])}
        ) from exc


# --- handling -------------------------------------------------------------------------------


def reject(*, user: User, feedback: Feedback, reason: str) -> Feedback:
    """Không tiếp nhận: outside the agency's remit, already answered, abusive… with the reason."""
    reason = _required(reason, field="reason", message=_("Nhập lý do không tiếp nhận."))
    with transaction.atomic():
        feedback = _begin(user, feedback, FeedbackAction.REJECT)
        now = clock.now()
        feedback.waiting_since = None
        feedback.status, feedback.rejected_at, feedback.reject_reason = S.REJECTED, now, reason
        _record(feedback, user=user, action=FeedbackAction.REJECT, at=now, note=reason)
    return feedback


def ask_more(*, user: User, feedback: Feedback, question: str) -> Feedback:
    """Ask the citizen for what is missing; the answer's clock stands until they reply."""
    question = _required(
        question, field="question", message=_("Nhập nội dung đề nghị công dân bổ sung.")
    )
    with transaction.atomic():
        feedback = _begin(user, feedback, FeedbackAction.ASK_MORE)
        now = clock.now()
        feedback.status, feedback.waiting_since = S.AWAITING_CITIZEN, now
        feedback.asked_at = feedback.asked_at or now
        _record(feedback, user=user, action=FeedbackAction.ASK_MORE, at=now, note=question)
    return feedback


def reply(*, user: User, feedback: Feedback, text: str) -> Feedback:
    """The citizen answers the agency's request; handling resumes and the answer is due later
    by the working time the agency waited."""
    text = _required(text, field="text", message=_("Nhập thông tin Ông/Bà bổ sung."))
    with transaction.atomic():
        feedback = _begin(user, feedback, FeedbackAction.REPLY)
        now = clock.now()
        calendar = calendar_for(agency=feedback.agency)
        waited = calendar.working_time_between(start=feedback.waiting_since, end=now)
        feedback.answer_due_at = calendar.add_working_time(feedback.answer_due_at, duration=waited)
        feedback.status, feedback.waiting_since = S.RECEIVED, None
        _record(feedback, user=user, action=FeedbackAction.REPLY, at=now, note=text)
    return feedback


def answer(*, user: User, feedback: Feedback, text: str) -> Feedback:
    """The agency's answer to the citizen; it is then due to be published within 2 working days."""
    text = _required(text, field="text", message=_("Nhập nội dung trả lời."))
    with transaction.atomic():
        feedback = _begin(user, feedback, FeedbackAction.ANSWER)
        now = clock.now()
        feedback.status, feedback.answer = S.ANSWERED, text
        feedback.answered_at, feedback.answered_by = now, user
        feedback.publish_due_at = calendar_for(agency=feedback.agency).add(
            now, amount=PUBLISH_DAYS, unit="day"
        )
        _record(feedback, user=user, action=FeedbackAction.ANSWER, at=now, note=text)
    return feedback


def publish(
    *, user: User, feedback: Feedback, public_title: str = "", public_question: str = ""
) -> Feedback:
    """Publish the question and its answer (hỏi đáp công khai). The officer may rewrite the
    title and the question for the public; whatever they write, the sender's name, phone and
    identity numbers and e-mail are masked in every published text."""
    with transaction.atomic():
        feedback = _begin(user, feedback, FeedbackAction.PUBLISH)
        now = clock.now()
        citizen = feedback.citizen
        feedback.public_title = anonymised(
            (public_title or "").strip() or feedback.title, citizen=citizen
        )
        feedback.public_question = anonymised(
            (public_question or "").strip() or feedback.content, citizen=citizen
        )
        feedback.public_answer = anonymised(feedback.answer, citizen=citizen)
        feedback.search_text = fold(
            " ".join(
                [
                    feedback.public_title,
                    feedback.public_question,
                    feedback.public_answer,
                    feedback.procedure_name,
                ]
            )
        )
        feedback.status, feedback.published_at, feedback.published_by = S.PUBLISHED, now, user
        _record(feedback, user=user, action=FeedbackAction.PUBLISH, at=now)
    return feedback


def _begin(user: User, feedback: Feedback, action: str) -> Feedback:
    """The feedback locked for `action`: NotFound when the caller may not see it, Forbidden when
    the action is not theirs, Conflict when its status does not allow it."""
    locked = (
        Feedback.objects.select_for_update()
        .select_related("agency", "citizen")
        .filter(pk=feedback.pk)
        .first()
    )
    if locked is None or not access.can(user, "feedback.view", locked):
        raise selectors.feedback_not_found()
    access.ensure(user, f"feedback.{action}", locked)
    if locked.status not in ALLOWED_FROM[action]:
        raise Conflict(
            _("Phản ánh, kiến nghị đang ở trạng thái «%(status)s», không thể %(action)s.")
            % {
                "status": FeedbackStatus(locked.status).label,
                "action": str(FeedbackAction(action).label).lower(),
            },
            code="action_not_allowed",
        )
    return locked


def _required(value: str, *, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(message, fields={field: [message]})
    return text


def _record(feedback: Feedback, *, user: User, action: str, at: datetime, note: str = "") -> None:
    """Save, append the history event, publish to the outbox, audit — the audit last, because it
    locks the chain head until the transaction ends."""
    feedback.save()
    FeedbackEvent.objects.create(feedback=feedback, action=action, actor=user, at=at, note=note)
    summary = {
        "feedback": feedback.pk,
        "citizen": feedback.citizen_id,
        "agency": feedback.agency_id,
        "dossier": feedback.dossier_id,
        "category": feedback.category,
        "status": feedback.status,
        "actor": user.pk,
        "at": at.isoformat(),
    }
    events.publish(TOPICS[action], summary, key=f"PAKN-{feedback.pk}")
    audit.record(action=f"feedback.{action}", actor=user, obj=feedback, data=summary)
