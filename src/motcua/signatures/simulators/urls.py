"""The remote-signing simulator's URLs, included under /_sim/ky-so-tu-xa/ when it is on."""

from django.urls import path

from motcua.signatures.simulators import views

app_name = "remote-signing-simulator"

urlpatterns = [
    path("", views.phone, name="phone"),
    path("<uuid:transaction_id>/", views.answer, name="answer"),
    path("api/certificate", views.certificate, name="certificate"),
    path("api/sign", views.sign, name="sign"),
    path("api/status", views.status, name="status"),
]
