"""The officer's signing-session page (ký số) and the two calls its plug-in script makes."""

from django.urls import path

from motcua.backoffice.signing import views

urlpatterns = [
    path("ky-so/<uuid:session_id>/", views.session, name="signing-session"),
    path(
        "ky-so/<uuid:session_id>/chung-thu/",
        views.certificate,
        name="signing-certificate",
    ),
    path("ky-so/<uuid:session_id>/chu-ky/", views.signature, name="signing-signature"),
]
