"""An agency's officers and their roles: the list, a new officer, one officer's page (grant a role
there), revoking a role, and the account actions (lock, unlock, reset the password, remove the
authenticator), each confirmed first. The services check who may, and audit."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts import access, services
from motcua.accounts.selectors import officer_of, officers_of
from motcua.agencies.models import Agency
from motcua.agencies.selectors import active_on, internal_units
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.backoffice.administration.common import (
    administrator_required,
    agency_or_404,
    found_or_404,
)
from motcua.backoffice.administration.forms import (
    GrantForm,
    OfficerForm,
    PasswordForm,
)
from motcua.core import clock
from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.forms import add_service_errors

FRESH_PASSWORD = "administration.password"
ROLE_ERRORS = {"agency": "unit", "user": "unit"}


def _grant_setup(agency: Agency) -> dict:
    units = list(internal_units(agency) & active_on(clock.today()))
    below = agency.children.exclude(kind__in=INTERNAL_KINDS).exists()
    return {"agency": agency, "units": units, "below": below}


def _unit(setup: dict, code: str) -> Agency:
    return {unit.code: unit for unit in [setup["agency"], *setup["units"]]}[code]


@administrator_required
def officers(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    context = {"agency": agency, "section": "officers", "officers": list(officers_of(agency))}
    return render(request, "backoffice/administration/officers.html", context)


@administrator_required
@require_http_methods(["GET", "POST"])
def officer_new(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    setup = _grant_setup(agency)
    form = OfficerForm(request.POST or None, **setup)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = data["password"] or services.generated_password()
        try:
            created = services.create_officer(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                title=data["title"],
                email=data["email"],
                phone=data["phone"],
                password=password,
                role=data["role"],
                agency=_unit(setup, data["unit"]),
                include_descendants=data.get("include_descendants", False),
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed):
                add_service_errors(form, exc, aliases=ROLE_ERRORS)
            else:
                form.add_error(None, exc.message)
        else:
            if not data["password"]:
                request.session[FRESH_PASSWORD] = {"user": created.username, "password": password}
            messages.success(
                request, _("Đã tạo tài khoản cán bộ %(name)s.") % {"name": created.full_name}
            )
            return redirect("backoffice:administration-officer", agency.code, created.username)
    status = 400 if form.is_bound else 200
    context = {"agency": agency, "section": "officers", "form": form}
    return render(request, "backoffice/administration/officer_new.html", context, status=status)


@administrator_required
@require_http_methods(["GET", "POST"])
def officer(request: HttpRequest, code: str, username: str) -> HttpResponse:
    """One officer: their roles (those in this agency revocable), a role to grant, the account
    actions; the password just made for them, once."""
    agency = agency_or_404(request, code)
    person = found_or_404(officer_of, agency, username)
    setup = _grant_setup(agency)
    form = GrantForm(request.POST or None, **setup)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_role(
                actor=request.user,
                user=person,
                role=data["role"],
                agency=_unit(setup, data["unit"]),
                include_descendants=data.get("include_descendants", False),
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed):
                add_service_errors(form, exc, aliases=ROLE_ERRORS)
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã phân vai trò cho %(name)s.") % {"name": person})
            return redirect("backoffice:administration-officer", agency.code, person.username)
    fresh = request.session.get(FRESH_PASSWORD)
    if fresh and fresh["user"] == person.username:
        del request.session[FRESH_PASSWORD]
    else:
        fresh = None
    here = {agency.pk, *(unit.pk for unit in setup["units"])}
    context = {
        "agency": agency,
        "section": "officers",
        "officer": person,
        "assignments": [(a, a.agency_id in here) for a in person.role_assignments.all()],
        "manageable": access.can(request.user, "accounts.manage_officer", person),
        "form": form,
        "fresh_password": fresh["password"] if fresh else "",
    }
    status = 400 if form.is_bound else 200
    return render(request, "backoffice/administration/officer.html", context, status=status)


@administrator_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, code: str, username: str, role: str, unit: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    person = found_or_404(officer_of, agency, username)
    in_agency = Q(agency=agency) | Q(agency__parent=agency, agency__kind__in=INTERNAL_KINDS)
    assignment = (
        person.role_assignments.filter(in_agency, role=role, agency__code=unit)
        .select_related("agency")
        .first()
    )
    if assignment is None:
        raise Http404(_("Cán bộ không giữ vai trò này tại đơn vị."))
    if not access.can(request.user, "accounts.assign_role", assignment.agency):
        raise PermissionDenied
    back = redirect("backoffice:administration-officer", agency.code, person.username)
    if request.method == "POST":
        try:
            services.revoke_role(actor=request.user, assignment=assignment)
        except DomainError as exc:
            messages.error(request, exc.message)
            return back
        messages.success(
            request,
            _("Đã thu hồi vai trò %(role)s của %(name)s tại %(unit)s.")
            % {
                "role": assignment.get_role_display(),
                "name": person,
                "unit": assignment.agency.name,
            },
        )
        if not officers_of(agency).filter(pk=person.pk).exists():
            return redirect("backoffice:administration-officers", agency.code)
        return back
    context = {
        "agency": agency,
        "section": "officers",
        "officer": person,
        "title": _("Thu hồi vai trò"),
        "question": _("Thu hồi vai trò %(role)s của %(name)s tại %(unit)s?")
        % {"role": assignment.get_role_display(), "name": person, "unit": assignment.agency.name},
        "notes": [
            _("Cán bộ sẽ không còn thấy và xử lý hồ sơ của đơn vị này theo vai trò đó."),
            *(
                [
                    _(
                        "Đây là vai trò cuối cùng của cán bộ tại cơ quan: sau khi thu hồi, cán bộ "
                        "không còn trong danh sách. Nếu cán bộ nghỉ việc, hãy khóa tài khoản."
                    )
                ]
                if len(person.role_assignments.all()) == 1
                else []
            ),
        ],
        "button": _("Thu hồi vai trò"),
    }
    return render(request, "backoffice/administration/confirm.html", context)


@dataclass(frozen=True)
class AccountAction:
    title: str
    question: str
    notes: tuple[str, ...]
    button: str
    done: str
    run: Callable


ACCOUNT_ACTIONS = {
    "khoa": AccountAction(
        title=gettext_lazy("Khóa tài khoản"),
        question=gettext_lazy("Khóa tài khoản của %(name)s?"),
        notes=(
            gettext_lazy("Cán bộ không đăng nhập được nữa; phiên đang mở kết thúc ngay."),
            gettext_lazy("Vai trò và lịch sử xử lý hồ sơ được giữ nguyên; có thể mở khóa lại."),
        ),
        button=gettext_lazy("Khóa tài khoản"),
        done=gettext_lazy("Đã khóa tài khoản của %(name)s."),
        run=services.deactivate_officer,
    ),
    "mo-khoa": AccountAction(
        title=gettext_lazy("Mở khóa tài khoản"),
        question=gettext_lazy("Mở khóa tài khoản của %(name)s?"),
        notes=(gettext_lazy("Cán bộ đăng nhập lại được với mật khẩu và ứng dụng xác thực."),),
        button=gettext_lazy("Mở khóa tài khoản"),
        done=gettext_lazy("Đã mở khóa tài khoản của %(name)s."),
        run=services.reactivate_officer,
    ),
    "dat-lai-mat-khau": AccountAction(
        title=gettext_lazy("Đặt lại mật khẩu"),
        question=gettext_lazy("Đặt lại mật khẩu của %(name)s?"),
        notes=(
            gettext_lazy("Mật khẩu cũ hết hiệu lực và các phiên đang mở kết thúc."),
            gettext_lazy("Chỉ trao mật khẩu mới trực tiếp cho cán bộ sau khi đã xác minh người."),
        ),
        button=gettext_lazy("Đặt lại mật khẩu"),
        done=gettext_lazy("Đã đặt lại mật khẩu của %(name)s."),
        run=services.reset_password,
    ),
    "xoa-xac-thuc": AccountAction(
        title=gettext_lazy("Gỡ ứng dụng xác thực"),
        question=gettext_lazy("Gỡ ứng dụng xác thực và mã khôi phục của %(name)s?"),
        notes=(
            gettext_lazy(
                "Dùng khi cán bộ mất hoặc đổi điện thoại. Lần đăng nhập tới, cán bộ cài lại "
                "ứng dụng xác thực; các phiên đang mở kết thúc."
            ),
            gettext_lazy(
                "Ai biết mật khẩu cũng cài được ứng dụng mới: chỉ gỡ khi đã xác minh trực tiếp "
                "cán bộ, và nên đặt lại mật khẩu cùng lúc."
            ),
        ),
        button=gettext_lazy("Gỡ ứng dụng xác thực"),
        done=gettext_lazy("Đã gỡ ứng dụng xác thực của %(name)s; lần tới cán bộ cài lại."),
        run=services.remove_authenticator,
    ),
}


@administrator_required
@require_http_methods(["GET", "POST"])
def account_action(request: HttpRequest, code: str, username: str, action: str) -> HttpResponse:
    agency = agency_or_404(request, code)
    person = found_or_404(officer_of, agency, username)
    chosen = ACCOUNT_ACTIONS.get(action)
    if chosen is None:
        raise Http404(_("Không có thao tác này."))
    if not access.can(request.user, "accounts.manage_officer", person):
        raise PermissionDenied
    with_password = chosen.run is services.reset_password
    form = PasswordForm(request.POST or None) if with_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        kwargs = {"password": form.cleaned_data["password"] or None} if form else {}
        try:
            result = chosen.run(actor=request.user, officer=person, **kwargs)
        except DomainError as exc:
            if form is None or not isinstance(exc, ValidationFailed):
                messages.error(request, exc.message)
                return redirect("backoffice:administration-officer", agency.code, person.username)
            add_service_errors(form, exc)
        else:
            if with_password and not form.cleaned_data["password"]:
                request.session[FRESH_PASSWORD] = {"user": person.username, "password": result}
            messages.success(request, chosen.done % {"name": person})
            return redirect("backoffice:administration-officer", agency.code, person.username)
    context = {
        "agency": agency,
        "section": "officers",
        "officer": person,
        "title": chosen.title,
        "question": chosen.question % {"name": person},
        "notes": chosen.notes,
        "button": chosen.button,
        "form": form,
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "backoffice/administration/confirm.html", context, status=status)
