"""The officers' sign-in, in two steps: account and password, then the code from the
authenticator app (or a recovery code). The session is signed in only after both: between them
it holds just who passed the first step, for a few minutes. An officer with no authenticator yet
enrols at the second step. Repeated failures lock the account for this address (django-axes,
`locked_out`)."""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from motcua.accounts import two_factor
from motcua.accounts.models import User
from motcua.backoffice.decorators import officer_required
from motcua.core import clock
from motcua.core.errors import ValidationFailed

PENDING = "backoffice.pending"
PENDING_SECONDS = 300
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


class PasswordForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Tên đăng nhập"),
        max_length=150,
        error_messages={"required": gettext_lazy("Nhập tên đăng nhập cán bộ.")},
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": gettext_lazy("Nhập mật khẩu.")},
    )


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=20,
        help_text=gettext_lazy(
            "Mã 6 chữ số trên ứng dụng xác thực của bạn, hoặc một mã khôi phục."
        ),
        error_messages={"required": gettext_lazy("Nhập mã 6 chữ số trên ứng dụng xác thực.")},
    )


def _next(request: HttpRequest) -> str:
    value = request.POST.get("next") or request.GET.get("next")
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("backoffice:home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _next(request)
    user = request.user
    if user.is_authenticated and user.is_verified() and two_factor.needs_second_factor(user):
        return HttpResponseRedirect(next_url)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = authenticate(
            request,
            username=form.cleaned_data["username"].strip(),
            password=form.cleaned_data["password"],
        )
        if found is None or not two_factor.needs_second_factor(found):
            form.add_error(
                "password",
                _(
                    "Tên đăng nhập hoặc mật khẩu chưa đúng. Sau %(limit)s lần sai liên tiếp, "
                    "tài khoản bị tạm khóa %(minutes)s phút."
                )
                % {
                    "limit": settings.AXES_FAILURE_LIMIT,
                    "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
                },
            )
        else:
            if user.is_authenticated:
                logout(request)
            request.session.cycle_key()
            request.session[PENDING] = {"user": found.pk, "at": clock.now().timestamp()}
            step = (
                "backoffice:second-factor" if two_factor.is_enrolled(found) else "backoffice:enrol"
            )
            return HttpResponseRedirect(_with_next(step, next_url))
    context = {"form": form, "next": next_url, "expired": request.GET.get("het-phien") == "1"}
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/signin/password.html", context, status=status)


def _pending(request: HttpRequest) -> User | None:
    """Who passed the password step, if they did in the last few minutes, in this session."""
    pending = request.session.get(PENDING)
    if not pending or clock.now().timestamp() - pending["at"] > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def _pending_or_restart(request: HttpRequest) -> User | HttpResponse:
    user = _pending(request)
    if user is None:
        messages.info(request, _("Phiên đăng nhập đã hết; vui lòng nhập lại mật khẩu."))
        return HttpResponseRedirect(_with_next("backoffice:sign-in", _next(request)))
    return user


def _complete(request: HttpRequest, user: User, device) -> None:
    login(request, user, backend=PASSWORD_BACKEND)
    otp_login(request, device)
    request.session.pop(PENDING, None)


@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    found = _pending_or_restart(request)
    if isinstance(found, HttpResponse):
        return found
    next_url = _next(request)
    if not two_factor.is_enrolled(found):
        return HttpResponseRedirect(_with_next("backoffice:enrol", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(user=found, token=form.cleaned_data["token"])
        except ValidationFailed as exc:
            form.add_error("token", exc.message)
        else:
            _complete(request, found, device)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    _(
                        "Bạn đã dùng một mã khôi phục; còn %(left)s mã. Nếu mất điện thoại, hãy "
                        "cài lại ứng dụng xác thực và tạo mã khôi phục mới."
                    )
                    % {"left": two_factor.recovery_codes_left(found)},
                )
            return HttpResponseRedirect(next_url)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": next_url, "officer": found}
    return render(request, "backoffice/signin/code.html", context, status=status)


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in: add the authenticator app, confirm with its first code."""
    found = _pending_or_restart(request)
    if isinstance(found, HttpResponse):
        return found
    next_url = _next(request)
    if two_factor.is_enrolled(found):
        return HttpResponseRedirect(_with_next("backoffice:second-factor", next_url))
    device = two_factor.pending_device(found)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(
                user=found, device=device, token=form.cleaned_data["token"]
            )
        except ValidationFailed as exc:
            form.add_error("token", exc.message)
        else:
            _complete(request, found, device)
            return _codes_page(request, codes=codes)
    context = {
        "form": form,
        "next": next_url,
        "officer": found,
        "secret": two_factor.base32_secret(device),
        "qr": segno.make(two_factor.provisioning_uri(device), error="m").svg_inline(
            scale=4, omitsize=False
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/signin/enrol.html", context, status=status)


@officer_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and a new set for a code of the authenticator app."""
    form = CodeForm(request.POST or None)
    codes = None
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.new_recovery_codes(
                user=request.user, token=form.cleaned_data["token"]
            )
        except ValidationFailed as exc:
            form.add_error("token", exc.message)
    return _codes_page(request, codes=codes, form=form)


def _codes_page(request: HttpRequest, *, codes: list[str] | None, form=None) -> HttpResponse:
    """The codes are written into this response only: never kept in the session."""
    context = {
        "codes": codes,
        "left": two_factor.recovery_codes_left(request.user),
        "next": _next(request),
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "backoffice/signin/recovery_codes.html", context, status=status)


@require_http_methods(["POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("backoffice:sign-in")


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """What django-axes answers once an account is locked for this address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "backoffice/signin/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
