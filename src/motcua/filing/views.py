"""The online filing wizard: plain forms, POST then redirect, one thing per page.

Every POST saves what was typed into the draft before checking it, so an error or a dropped
connection loses nothing; "Quay lại" is a submit button for the same reason.
"""

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts import access
from motcua.catalog.selectors import agencies_for_procedure, procedure_by_code
from motcua.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from motcua.dossiers import selectors as dossiers
from motcua.filing import kept, selectors, services
from motcua.filing.forms import (
    SELF,
    AgencyForm,
    ApplicantForm,
    DeliveryForm,
    check_form_fields,
    form_fields_form,
)
from motcua.filing.models import Draft, Step
from motcua.filing.presenters import component_slots, review_view

STEPS = list(Step)


def filer_only(view: Callable) -> Callable:
    """Signed in as a citizen or an organisation: officers file at the counter instead.

    A page of a draft posted after the session expired is kept (`motcua.filing.kept`) before
    the citizen is sent to sign in and back to that step, where it is put into the draft."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        draft_id, step = kwargs.get("draft_id"), kwargs.get("step")
        if not request.user.is_authenticated:
            return _to_sign_in(request, draft_id=draft_id, step=step)
        if not access.can(request.user, "dossiers.submit", None):
            return render(request, "filing/refused.html", status=403)
        if request.method == "GET" and draft_id is not None and step is not None:
            _restore_kept(request, draft_id=draft_id)
        return view(request, *args, **kwargs)

    return wrapper


def _to_sign_in(request: HttpRequest, *, draft_id: UUID | None, step: str | None) -> HttpResponse:
    if request.method != "POST" or draft_id is None or step is None:
        return redirect_to_login(request.get_full_path())
    was_kept = kept.keep(request, draft_id=draft_id, step=step, posted=request.POST)
    if request.htmx:
        # A field checked as it was left: nothing to show beside it; the page's own button
        # leads to the sign-in, and what was typed is kept meanwhile.
        return HttpResponse(status=204)
    if was_kept:
        messages.info(
            request,
            _(
                "Phiên làm việc đã hết hạn. Ông/Bà vui lòng đăng nhập lại để tiếp tục; những gì "
                "vừa nhập đã được giữ lại."
            ),
        )
    return redirect_to_login(reverse("filing:step", kwargs={"draft_id": draft_id, "step": step}))


def _restore_kept(request: HttpRequest, *, draft_id: UUID) -> None:
    """Put into the draft what was kept for it when the session expired, if it is the caller's
    (anyone else who signs in on the same browser gets nothing, and the values are dropped)."""
    taken = kept.take(request, draft_id=draft_id)
    if taken is None:
        return
    try:
        draft = selectors.draft_of(request.user, draft_id)
    except NotFound:
        return
    if draft.submitted:
        return
    step, values = taken
    services.save_step(draft=draft, step=step, values=values)
    messages.info(
        request, _("Phiên làm việc đã hết hạn; những gì Ông/Bà vừa nhập đã được giữ lại.")
    )


def vneid_authenticated(request: HttpRequest) -> bool:
    """Whether this session signed in with VNeID. Read through `motcua.identity` when that app
    is installed; without it no session can have, so the answer is no."""
    try:
        from motcua.identity.selectors import authenticated_with_vneid
    except ImportError:
        return False
    return authenticated_with_vneid(request)


@filer_only
def start(request: HttpRequest, code: str) -> HttpResponse:
    try:
        draft = services.start(user=request.user, procedure=procedure_by_code(code))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except Conflict as exc:
        return render(
            request, "filing/not_online.html", {"message": exc.message, "code": code}, status=409
        )
    return redirect("filing:step", draft_id=draft.pk, step=draft.step)


@filer_only
def drafts(request: HttpRequest) -> HttpResponse:
    return render(request, "filing/drafts.html", {"drafts": selectors.drafts_of(request.user)})


@filer_only
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, draft_id: UUID) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.submitted:
        return redirect("filing:submitted", reference=draft.dossier.reference)
    if request.method == "POST":
        services.delete(draft=draft)
        return redirect("filing:drafts")
    return render(request, "filing/delete.html", {"draft": draft})


@filer_only
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, draft_id: UUID, step: str) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.submitted:
        return redirect("filing:submitted", reference=draft.dossier.reference)
    try:
        current = Step(step)
        version = services.version_for_filing(draft.procedure)
    except ValueError as exc:
        raise Http404 from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except Conflict as exc:
        context = {"message": exc.message, "code": draft.procedure.code}
        return render(request, "filing/not_online.html", context, status=409)
    context = _HANDLERS[current](request, draft, version)
    if isinstance(context, HttpResponse):
        return context
    index = STEPS.index(current)
    context |= {
        "draft": draft,
        "version": version,
        "step": current,
        "number": index + 1,
        "total": len(STEPS),
        "previous": STEPS[index - 1] if index else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, f"filing/steps/{current.name.lower()}.html", context, status=status)


@filer_only
def submitted(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = (
        dossiers.mine(request.user)
        .filter(reference=reference)
        .select_related("procedure_version", "receiving_agency")
        .first()
    )
    if dossier is None:
        raise Http404
    return render(request, "filing/submitted.html", {"dossier": dossier})


def _draft(request: HttpRequest, draft_id: UUID) -> Draft:
    try:
        return selectors.draft_of(request.user, draft_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _after(request: HttpRequest, draft: Draft, current: Step) -> HttpResponse:
    """Where a saved page goes: back one step for "Quay lại", else on to the next."""
    index = STEPS.index(current)
    target = STEPS[index - 1] if request.POST.get("action") == "back" else STEPS[index + 1]
    services.move_to(draft=draft, step=target)
    return redirect("filing:step", draft_id=draft.pk, step=target.value)


def _typed(request: HttpRequest, names) -> dict[str, str]:
    return {name: request.POST.get(name, "") for name in names if name in request.POST}


def _agency(request, draft, version):
    agencies = agencies_for_procedure(draft.procedure)
    saved = draft.data.get(Step.AGENCY, {})
    if request.method == "POST":
        form = AgencyForm(request.POST, agencies=agencies)
        services.save_step(draft=draft, step=Step.AGENCY, values=_typed(request, ["agency"]))
        if form.is_valid():
            return _after(request, draft, Step.AGENCY)
    else:
        form = AgencyForm(saved or None, agencies=agencies)
    return {"form": form}


def _applicant(request, draft, version):
    user = request.user
    names = ["for_whom", "name", "id_number", "phone", "email", "address"]
    if request.method == "POST":
        form = ApplicantForm(request.POST, user=user)
        services.save_step(draft=draft, step=Step.APPLICANT, values=_typed(request, names))
        if request.POST.get("action") == "back" or form.is_valid():
            return _after(request, draft, Step.APPLICANT)
        return {"form": form}
    saved = draft.data.get(Step.APPLICANT)
    if saved:
        return {"form": ApplicantForm(saved, user=user)}
    own = {
        "for_whom": SELF,
        "name": user.full_name,
        "id_number": user.tax_code or user.id_number,
        "phone": user.phone,
        "email": user.email,
        "address": user.address,
    }
    return {"form": ApplicantForm(initial=own, user=user)}


def _form(request, draft, version):
    if request.method == "POST":
        form = form_fields_form(version, request.POST)
        names = list(form.fields)
        services.save_step(draft=draft, step=Step.FORM, values=_typed(request, names))
        if request.POST.get("action") == "back":
            return _after(request, draft, Step.FORM)
    else:
        saved = draft.data.get(Step.FORM)
        form = form_fields_form(version, saved if saved is not None else None)
        if saved is None:
            return {"form": form}
    if check_form_fields(version, form) and request.method == "POST":
        return _after(request, draft, Step.FORM)
    return {"form": form}


def _components(request, draft, version):
    slots = component_slots(draft, version=version)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        removed = request.POST.get("remove", "")
        if ":" in removed:
            slot, file_id = removed.split(":", 1)
            services.detach(draft=draft, slot=slot, file_id=file_id)
        for slot in slots:
            chosen = request.POST.getlist(f"store-{slot.key}")
            uploads = request.FILES.getlist(f"file-{slot.key}")
            try:
                if chosen:
                    services.choose(
                        user=request.user, draft=draft, slot=slot.key, document_ids=chosen
                    )
                if uploads:
                    services.attach(user=request.user, draft=draft, slot=slot.key, uploads=uploads)
            except ValidationFailed as exc:
                errors[slot.key] = exc.fields.get(slot.key) or [exc.message]
        action = request.POST.get("action")
        if not errors and action == "back":
            return _after(request, draft, Step.COMPONENTS)
        slots = component_slots(draft, version=version)
        if not errors and action == "next":
            for slot in slots:
                if slot.required and not slot.files:
                    errors[slot.key] = [
                        _("Đính kèm ít nhất một tệp cho giấy tờ: %(name)s.") % {"name": slot.name}
                    ]
            if not errors:
                return _after(request, draft, Step.COMPONENTS)
        if not errors:
            return redirect("filing:step", draft_id=draft.pk, step=Step.COMPONENTS.value)
    for slot in slots:
        slot.errors = errors.get(slot.key, [])
    offers = selectors.store_offers(draft, version=version, keys=[slot.key for slot in slots])
    return {
        "slots": slots,
        "slot_rows": [(slot, offers[slot.key]) for slot in slots],
        "slot_errors": [s for s in slots if s.errors],
    }


def _delivery(request, draft, version):
    if request.method == "POST":
        form = DeliveryForm(request.POST)
        services.save_step(
            draft=draft, step=Step.DELIVERY, values=_typed(request, ["method", "address"])
        )
        if request.POST.get("action") == "back" or form.is_valid():
            return _after(request, draft, Step.DELIVERY)
        return {"form": form}
    return {"form": DeliveryForm(draft.data.get(Step.DELIVERY) or None)}


def _review(request, draft, version):
    problems: dict[str, list[str]] = {}
    message = ""
    if request.method == "POST":
        if request.POST.get("action") == "back":
            return _after(request, draft, Step.REVIEW)
        try:
            dossier = services.submit(
                user=request.user,
                draft_id=draft.pk,
                vneid_authenticated=vneid_authenticated(request),
            )
        except DomainError as exc:
            message, problems = exc.message, exc.fields
        else:
            return redirect("filing:submitted", reference=dossier.reference)
    else:
        problems = services.incomplete_steps(draft, version=version)
    return review_view(draft, version=version) | {
        "problems": [(Step(slug), messages) for slug, messages in problems.items()],
        "message": message,
    }


_HANDLERS = {
    Step.AGENCY: _agency,
    Step.APPLICANT: _applicant,
    Step.FORM: _form,
    Step.COMPONENTS: _components,
    Step.DELIVERY: _delivery,
    Step.REVIEW: _review,
}
