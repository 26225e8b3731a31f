from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "motcua.signatures"
    label = "signatures"
    verbose_name = "Chữ ký số"
