from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = "Đánh giá, phản ánh kiến nghị"

    def ready(self) -> None:
        from motcua.feedback.rules import register_rules

        register_rules()
