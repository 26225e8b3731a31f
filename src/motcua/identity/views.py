"""Sign-in pages: the choice between VNeID and a local password, registration of citizens and
organisations, e-mail and phone verification, the account page, password reset and signing out.
Local password accounts answer only with `MOTCUA_LOCAL_ACCOUNTS` on."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.models import User, UserKind
from motcua.core.errors import DomainError
from motcua.identity import selectors, services
from motcua.identity.forms import (
    CodeForm,
    NewPasswordForm,
    OrganisationRegistrationForm,
    RegistrationForm,
    ResetRequestForm,
    SignInForm,
)
from motcua.identity.selectors import VNEID_SESSION_KEY, awaiting_email_verification

# The account waiting for its e-mail code, and where to go once signed in.
PENDING_USER = "identity_pending_user"
PENDING_NEXT = "identity_next"
# Set while a signed-in account registered on the site has not confirmed its phone: the banner
# on every page reads it from the session, which costs no query.
PHONE_UNVERIFIED = "identity_phone_unverified"
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
                username=_username(form.cleaned_data["identifier"]),
                password=form.cleaned_data["password"],
            )
            if user is None or user.kind == UserKind.OFFICER:
                form.add_error(
                    "password",
                    _(
                        "Số định danh (mã số thuế, email) hoặc mật khẩu chưa đúng. Kiểm tra "
                        "lại, hoặc bấm “Quên mật khẩu”."
                    ),
                )
            elif awaiting_email_verification(user):
                services.send_email_code(user=user)
                return _await_code(request, user, next_url)
            else:
                _sign_in(request, user)
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


def _username(identifier: str) -> str:
    # Organisations may sign in with their e-mail as well as their tax code (the username).
    if "@" not in identifier:
        return identifier
    organisation = selectors.organisation_with_email(identifier)
    return organisation.username if organisation is not None else ""


def _sign_in(request, user: User) -> None:
    login(request, user, backend=PASSWORD_BACKEND)
    request.session[VNEID_SESSION_KEY] = False
    request.session[PHONE_UNVERIFIED] = selectors.awaiting_phone_verification(user)


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
def register_organisation(request):
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = OrganisationRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.register_organisation_with_password(
                name=data["name"],
                tax_code=data["tax_code"],
                address=data["address"],
                representative_name=data["representative_name"],
                representative_id_number=data["representative_id_number"],
                phone=data["phone"],
                email=data["email"],
                password=data["password1"],
            )
        except DomainError as exc:
            form.add_domain_error(exc, renames={"password": "password1", "full_name": "name"})
        else:
            return _await_code(request, user, next_url)
    return render(request, "identity/register_organisation.html", {"form": form, "next": next_url})


@local_accounts_only
@require_http_methods(["GET", "POST"])
def verify_email(request):
    user = User.objects.filter(pk=request.session.get(PENDING_USER)).first()
    if user is None:
        messages.info(request, _("Hãy đăng nhập để nhận mã xác thực email."))
        return redirect("identity:sign-in")
    sent_by = _("6 chữ số trong thư chúng tôi gửi đến email của bạn.")
    form = CodeForm(sent_by=sent_by)
    if request.method == "POST" and "resend" in request.POST:
        services.send_email_code(user=user)
        messages.info(request, _("Đã gửi mã mới đến {email}.").format(email=user.email))
        return redirect("identity:verify-email")
    if request.method == "POST":
        form = CodeForm(request.POST, sent_by=sent_by)
        if form.is_valid():
            try:
                services.confirm_email(user=user, code=form.cleaned_data["code"])
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                next_url = request.session.pop(PENDING_NEXT, None) or settings.LOGIN_REDIRECT_URL
                del request.session[PENDING_USER]
                _sign_in(request, user)
                messages.success(request, _("Đã xác thực email. Chào mừng bạn!"))
                if request.session[PHONE_UNVERIFIED]:
                    return _to_phone_verification(request, user, next_url)
                return HttpResponseRedirect(next_url)
    return render(
        request,
        "identity/verify_email.html",
        {
            "form": form,
            "email": user.email,
            "minutes": int(services.EMAIL_CODE_LIFETIME.total_seconds() // 60),
        },
    )


def _to_phone_verification(request, user: User, next_url: str) -> HttpResponseRedirect:
    try:
        services.send_phone_code(user=user)
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.info(request, _sent_to_phone(user))
    return HttpResponseRedirect(
        f"{reverse('identity:verify-phone')}?{urlencode({'next': next_url})}"
    )


def _sent_to_phone(user: User) -> str:
    return _("Chúng tôi đã gửi mã xác thực gồm 6 chữ số qua tin nhắn đến số {phone}.").format(
        phone=user.phone
    )


def non_officer(view):
    """Signed in as a citizen or an organisation; officers have no account page here."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.kind == UserKind.OFFICER:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@local_accounts_only
@non_officer
@require_http_methods(["GET", "POST"])
def verify_phone(request):
    user = request.user
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    here = f"{request.path}?{urlencode({'next': next_url})}"
    if selectors.verified_phone(user) is not None:
        request.session[PHONE_UNVERIFIED] = False
        messages.info(
            request, _("Số điện thoại {phone} đã được xác thực.").format(phone=user.phone)
        )
        return redirect("identity:account")
    sent_by = _("6 chữ số trong tin nhắn chúng tôi gửi đến số điện thoại của Ông/Bà.")
    form = CodeForm(sent_by=sent_by)
    if request.method == "POST" and "resend" in request.POST:
        try:
            services.send_phone_code(user=user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.info(request, _sent_to_phone(user))
        return HttpResponseRedirect(here)
    if request.method == "POST":
        form = CodeForm(request.POST, sent_by=sent_by)
        if form.is_valid():
            try:
                services.confirm_phone(user=user, code=form.cleaned_data["code"])
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                request.session[PHONE_UNVERIFIED] = False
                messages.success(
                    request, _("Đã xác thực số điện thoại {phone}.").format(phone=user.phone)
                )
                return HttpResponseRedirect(next_url)
    return render(
        request,
        "identity/verify_phone.html",
        {
            "form": form,
            "phone": user.phone,
            "pending": selectors.pending_phone_code(user),
            "minutes": int(services.PHONE_CODE_LIFETIME.total_seconds() // 60),
            "next": next_url,
        },
    )


@non_officer
@require_http_methods(["GET"])
def account(request):
    user = request.user
    phone_verified = selectors.verified_phone(user)
    return render(
        request,
        "identity/account.html",
        {
            "account": user,
            "organisation": user.kind == UserKind.ORGANISATION,
            "profile": selectors.organisation_profile(user),
            "email_verified": selectors.verified_email(user),
            "phone_verified": phone_verified,
            "phone_to_verify": settings.MOTCUA_LOCAL_ACCOUNTS
            and selectors.awaiting_phone_verification(user, verified=phone_verified is not None),
            "vneid": selectors.authenticated_with_vneid(request),
        },
    )


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
