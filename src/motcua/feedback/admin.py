"""The admin: the rating criteria to configure; ratings and feedback to read (they change only
through the services), with publishing an answered feedback as an action."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.admin import ReadOnlyAdmin, ReadOnlyInline
from motcua.core.errors import DomainError
from motcua.feedback import services
from motcua.feedback.models import Feedback, FeedbackEvent, Rating, RatingCriterion, RatingScore


@admin.register(RatingCriterion)
class RatingCriterionAdmin(admin.ModelAdmin):
    list_display = ("number", "text", "scope", "online_only", "active")
    list_filter = ("scope", "online_only", "active")
    list_display_links = ("number", "text")


class ScoreInline(ReadOnlyInline):
    model = RatingScore
    fields = ("criterion", "score")


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ("dossier", "total", "maximum", "competent_agency", "created_at")
    list_filter = ("competent_agency",)
    search_fields = ("dossier__code", "dossier__reference")
    inlines = [ScoreInline]


class EventInline(ReadOnlyInline):
    model = FeedbackEvent
    fields = ("at", "action", "actor", "note")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("title", "category", "status", "agency", "received_at", "answer_due_at")
    list_filter = ("status", "category", "agency")
    search_fields = ("title", "content")
    inlines = [EventInline]
    actions = ["publish"]

    @admin.action(description=_("Công khai các câu trả lời đã chọn (ẩn thông tin người gửi)"))
    def publish(self, request, queryset) -> None:
        done = 0
        for feedback in queryset:
            try:
                services.publish(user=request.user, feedback=feedback)
            except DomainError as error:
                self.message_user(request, f"{feedback}: {error.message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("Đã công khai %(n)d câu trả lời.", "Đã công khai %(n)d câu trả lời.", done)
                % {"n": done},
                messages.SUCCESS,
            )
