"""Sign-in pages: the choice between VNeID and a local password, registration, e-mail
verification, password reset and signing out. Local password accounts answer only with
`MOTCUA_LOCAL_ACCOUNTS` on."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.models import User, UserKind
from motcua.core.errors import DomainError
from motcua.identity import services
from motcua.identity.forms import (
    EmailCodeForm,
    NewPasswordForm,
    RegistrationForm,
    ResetRequestForm,
    SignInForm,
)
from motcua.identity.selectors import VNEID_SESSION_KEY, awaiting_email_verification

# The account waiting for its e-mail code, and where to go once signed in.
PENDING_USER = "identity_pending_user"
PENDING_NEXT = "identity_next"
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def local_accounts_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.MOTCUA_LOCAL_ACCOUNTS:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request, value: str | None) -> str:
    """`next` when it stays on this site, else the home page."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return settings.LOGIN_REDIRECT_URL


@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = SignInForm()
    if request.method == "POST":
        if not settings.MOTCUA_LOCAL_ACCOUNTS:
            raise Http404
        form = SignInForm(request.POST)
        if form.is_valid():
            user = authenticate(
                request,
                username=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
            )
            if user is None or user.kind == UserKind.OFFICER:
                form.add_error(
                    "password",
                    _(
                        "Số định danh (mã số thuế) hoặc mật khẩu chưa đúng. Kiểm tra lại, "
                        "hoặc bấm “Quên mật khẩu”."
                    ),
                )
            elif awaiting_email_verification(user):
                services.send_email_code(user=user)
                return _await_code(request, user, next_url)
            else:
                login(request, user, backend=PASSWORD_BACKEND)
                request.session[VNEID_SESSION_KEY] = False
                return HttpResponseRedirect(next_url)
    return render(
        request,
        "identity/sign_in.html",
        {
            "form": form,
            "next": next_url,
            "vneid": settings.MOTCUA_VNEID,
            "local_accounts": settings.MOTCUA_LOCAL_ACCOUNTS,
        },
    )


def _await_code(request, user: User, next_url: str) -> HttpResponseRedirect:
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_NEXT] = next_url
    messages.info(
        request,
        _("Chúng tôi đã gửi mã xác thực gồm 6 chữ số đến {email}.").format(email=user.email),
    )
    return redirect("identity:verify-email")


@local_accounts_only
@require_http_methods(["GET", "POST"])
def register(request):
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.register_with_password(
                full_name=data["full_name"],
                id_number=data["id_number"],
                date_of_birth=data["date_of_birth"],
                phone=data["phone"],
                email=data["email"],
                password=data["password1"],
            )
        except DomainError as exc:
            form.add_domain_error(exc, renames={"password": "password1"})
        else:
            return _await_code(request, user, next_url)
    return render(request, "identity/register.html", {"form": form, "next": next_url})


@local_accounts_only
@require_http_methods(["GET", "POST"])
def verify_email(request):
    user = User.objects.filter(pk=request.session.get(PENDING_USER)).first()
    if user is None:
        messages.info(request, _("Hãy đăng nhập để nhận mã xác thực email."))
        return redirect("identity:sign-in")
    form = EmailCodeForm()
    if request.method == "POST" and "resend" in request.POST:
        services.send_email_code(user=user)
        messages.info(request, _("Đã gửi mã mới đến {email}.").format(email=user.email))
        return redirect("identity:verify-email")
    if request.method == "POST":
        form = EmailCodeForm(request.POST)
        if form.is_valid():
            try:
                services.confirm_email(user=user, code=form.cleaned_data["code"])
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                next_url = request.session.pop(PENDING_NEXT, None) or settings.LOGIN_REDIRECT_URL
                del request.session[PENDING_USER]
                login(request, user, backend=PASSWORD_BACKEND)
                messages.success(request, _("Đã xác thực email. Chào mừng bạn!"))
                return HttpResponseRedirect(next_url)
    return render(request, "identity/verify_email.html", {"form": form, "email": user.email})


@require_POST
def sign_out(request):
    logout(request)
    # Not LOGOUT_REDIRECT_URL: that setting would also turn the admin's "logged out" page into
    # a redirect.
    return HttpResponseRedirect("/")


password_reset = local_accounts_only(
    auth_views.PasswordResetView.as_view(
        form_class=ResetRequestForm,
        template_name="identity/password_reset.html",
        email_template_name="identity/password_reset_email.txt",
        subject_template_name="identity/password_reset_subject.txt",
        success_url=reverse_lazy("identity:password-reset-sent"),
    )
)
password_reset_sent = local_accounts_only(
    auth_views.PasswordResetDoneView.as_view(template_name="identity/password_reset_sent.html")
)
password_reset_confirm = local_accounts_only(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=NewPasswordForm,
        template_name="identity/password_reset_confirm.html",
        success_url=reverse_lazy("identity:password-reset-complete"),
    )
)
password_reset_complete = local_accounts_only(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="identity/password_reset_complete.html",
        extra_context={"sign_in_url": reverse_lazy("identity:sign-in")},
    )
)
