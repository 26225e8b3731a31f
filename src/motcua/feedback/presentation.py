"""The tag tone of each feedback status, the same for the citizen and the officer (design.md)."""

from motcua.feedback.models import FeedbackStatus

STATUS_TONES = {
    FeedbackStatus.RECEIVED: "neutral",
    FeedbackStatus.AWAITING_CITIZEN: "amber",
    FeedbackStatus.REJECTED: "red",
    FeedbackStatus.ANSWERED: "green",
    FeedbackStatus.PUBLISHED: "green",
}
