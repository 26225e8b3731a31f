"""Sign-in, registration, verification, the account page and the simulators (VNeID, SMS);
included at the site's root."""

from django.urls import path

from motcua.identity import oidc, simulator, views

app_name = "identity"

urlpatterns = [
    path("dang-nhap/", views.sign_in, name="sign-in"),
    path("dang-nhap/vneid/", oidc.SignInView.as_view(), name="vneid"),
    path("dang-nhap/vneid/tra-ve/", oidc.CallbackView.as_view(), name="vneid-callback"),
    path("dang-xuat/", views.sign_out, name="sign-out"),
    path("dang-ky/", views.register, name="register"),
    path("dang-ky/to-chuc/", views.register_organisation, name="register-organisation"),
    path("xac-thuc-email/", views.verify_email, name="verify-email"),
    path("xac-thuc-so-dien-thoai/", views.verify_phone, name="verify-phone"),
    path("tai-khoan/", views.account, name="account"),
    path("quen-mat-khau/", views.password_reset, name="password-reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_sent, name="password-reset-sent"),
    path(
        "quen-mat-khau/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("quen-mat-khau/xong/", views.password_reset_complete, name="password-reset-complete"),
    path(
        "vneid-mo-phong/.well-known/openid-configuration",
        simulator.discovery,
        name="simulator-discovery",
    ),
    path("vneid-mo-phong/authorize", simulator.authorize, name="simulator-authorize"),
    path("vneid-mo-phong/token", simulator.token, name="simulator-token"),
    path("vneid-mo-phong/userinfo", simulator.userinfo, name="simulator-userinfo"),
    path("vneid-mo-phong/jwks", simulator.jwks, name="simulator-jwks"),
]
