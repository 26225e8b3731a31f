"""Ratings (đánh giá việc giải quyết TTHC, TT 01/2018 Arts. 13–14) and feedback (phản ánh, kiến
nghị — PAKN) with the public Q&A (hỏi đáp) it becomes once answered and published.

The criteria are configuration: seeded with the circular's nine, edited by administrators. A
rating keeps its scores per criterion and the agencies it is about, so statistics never have to
go back to the dossier. A feedback row carries its current state and its due moments; what
happened to it is in `FeedbackEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CriterionScope(models.TextChoices):
    DOSSIER = "dossier", _("Theo từng hồ sơ")
    AGENCY = "agency", _("Theo Bộ phận Một cửa và cơ quan giải quyết")


class RatingCriterion(models.Model):
    """One criterion (tiêu chí) and the wording of its three answers, worth 2, 1 and 0 points."""

    number = models.PositiveSmallIntegerField(_("số thứ tự"), unique=True)
    text = models.CharField(_("nội dung tiêu chí"), max_length=500)
    option_2 = models.CharField(_("câu trả lời được 2 điểm"), max_length=255)
    option_1 = models.CharField(_("câu trả lời được 1 điểm"), max_length=255)
    option_0 = models.CharField(_("câu trả lời được 0 điểm"), max_length=255)
    scope = models.CharField(_("phạm vi đánh giá"), max_length=10, choices=CriterionScope.choices)
    online_only = models.BooleanField(
        _("chỉ đánh giá trực tuyến"),
        default=False,
        help_text=_("Bỏ chọn nếu tiêu chí cũng được đánh giá bằng phiếu hoặc thiết bị tại chỗ."),
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("tiêu chí đánh giá")
        verbose_name_plural = _("tiêu chí đánh giá")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def options(self) -> list[tuple[int, str]]:
        """The answers, best first, as (points, wording)."""
        return [(2, self.option_2), (1, self.option_1), (0, self.option_0)]


class Rating(models.Model):
    """The owner's rating of one dossier, once, after its result."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="rating",
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đánh giá"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    total = models.PositiveSmallIntegerField(_("tổng điểm"))
    maximum = models.PositiveSmallIntegerField(_("điểm tối đa"))
    comment = models.TextField(_("ý kiến khác"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá hồ sơ")
        verbose_name_plural = _("đánh giá hồ sơ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.total}/{self.maximum}"


class RatingScore(models.Model):
    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        RatingCriterion,
        verbose_name=_("tiêu chí"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.PositiveSmallIntegerField(_("điểm"))

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        verbose_name_plural = _("điểm theo tiêu chí")
        ordering = ["rating", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "criterion"], name="rating_score_unique"),
            models.CheckConstraint(condition=Q(score__lte=2), name="rating_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.number}: {self.score}"


class Category(models.TextChoices):
    REPORT = "report", _("Phản ánh")
    PROPOSAL = "proposal", _("Kiến nghị")
    QUESTION = "question", _("Hỏi đáp")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đang xử lý")
    AWAITING_CITIZEN = "awaiting_citizen", _("Chờ bổ sung thông tin")
    REJECTED = "rejected", _("Không tiếp nhận")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã trả lời và công khai")


class FeedbackAction(models.TextChoices):
    SEND = "send", _("Gửi")
    REJECT = "reject", _("Từ chối tiếp nhận")
    ASK_MORE = "ask_more", _("Đề nghị bổ sung thông tin")
    REPLY = "reply", _("Bổ sung thông tin")
    ANSWER = "answer", _("Trả lời")
    PUBLISH = "publish", _("Công khai")


class Feedback(models.Model):
    """A citizen's phản ánh, kiến nghị or question to the agency in charge, about a procedure or
    one of their dossiers.

    Due moments (working days on the agency's calendar, from receipt): reject within 2, ask for
    more within 5, answer within 15 — moved on by the working time spent waiting for the
    citizen — and publish within 2 after the answer.
    """

    category = models.CharField(_("loại"), max_length=10, choices=Category.choices)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.PROTECT,
        related_name="feedback_sent",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan xử lý"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure_name = models.CharField(_("tên thủ tục"), max_length=1000, blank=True)
    field_name = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    attachment = models.ForeignKey(
        "documents.StoredFile",
        verbose_name=_("tệp đính kèm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    status = models.CharField(_("trạng thái"), max_length=20, choices=FeedbackStatus.choices)
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    reject_due_at = models.DateTimeField(_("hạn từ chối tiếp nhận"))
    ask_due_at = models.DateTimeField(_("hạn đề nghị bổ sung"))
    answer_due_at = models.DateTimeField(_("hạn trả lời"))
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    # While the agency waits for the citizen's reply the answer's clock stands.
    waiting_since = models.DateTimeField(_("chờ công dân từ"), null=True, blank=True)

    reject_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    rejected_at = models.DateTimeField(_("từ chối lúc"), null=True, blank=True)
    asked_at = models.DateTimeField(_("đề nghị bổ sung lúc"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # What the public sees: rewritten by the publishing officer, never the sender's identity.
    public_title = models.CharField(_("tiêu đề công khai"), max_length=200, blank=True)
    public_question = models.TextField(_("nội dung hỏi công khai"), blank=True)
    public_answer = models.TextField(_("nội dung trả lời công khai"), blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công khai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The published texts folded (`core.text.fold`), so that a search without diacritics finds them.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["agency", "status"]),
        ]

    def __str__(self) -> str:
        return self.title


class FeedbackEvent(models.Model):
    """One thing done to a feedback: who, when, and what they wrote (reason, question, reply,
    answer)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=FeedbackAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"))
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("diễn biến xử lý")
        verbose_name_plural = _("diễn biến xử lý")
        ordering = ["feedback", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action}"
