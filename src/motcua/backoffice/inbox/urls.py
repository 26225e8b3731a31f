"""The inbox's pages. An action's URL names the action (`<dossier_action:action>`), so that other
pages under a dossier (the result return, `tra-ket-qua/`) keep their own paths."""

from django.urls import path, register_converter

from motcua.backoffice.inbox import book, views
from motcua.backoffice.inbox.result_forms import FORMS


class ActionConverter:
    regex = "|".join(sorted(FORMS, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ActionConverter, "dossier_action")

urlpatterns = [
    path("", views.home, name="home"),
    path("tre-han/", views.overdue, name="overdue"),
    path("so-theo-doi/", book.tracking_book, name="tracking-book"),
    path("ho-so/<str:key>/", views.dossier, name="dossier"),
    path("ho-so/<str:key>/tep/<uuid:file_id>/", views.dossier_file, name="dossier-file"),
    path(
        "ho-so/<str:key>/<dossier_action:action>/",
        views.dossier_action,
        name="dossier-action",
    ),
]
