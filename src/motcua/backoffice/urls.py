"""The officers' pages, under /can-bo/: sign-in here, each area's pages in its own module."""

from django.urls import include, path

from motcua.backoffice import signin

app_name = "backoffice"

urlpatterns = [
    path("dang-nhap/", signin.sign_in, name="sign-in"),
    path("dang-nhap/ma-xac-thuc/", signin.second_factor, name="second-factor"),
    path("dang-nhap/cai-dat-xac-thuc/", signin.enrol, name="enrol"),
    path("ma-khoi-phuc/", signin.recovery_codes, name="recovery-codes"),
    path("dang-xuat/", signin.sign_out, name="sign-out"),
    path("", include("motcua.backoffice.inbox.urls")),
    path("", include("motcua.backoffice.intake.urls")),
    path("", include("motcua.backoffice.feedback.urls")),
    path("", include("motcua.backoffice.administration.urls")),
    path("", include("motcua.backoffice.signing.urls")),
    path("", include("motcua.backoffice.notifications.urls")),
    path("", include("motcua.backoffice.payments.urls")),
]
