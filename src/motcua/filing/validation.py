"""Checking one field of the wizard as the citizen leaves it (kiểm tra khi nhập), for htmx.

The applicant and form steps post their whole form here when a field changes: the same cleaning
as the page's own POST runs, what was typed is saved into the draft (so a connection dropped
later loses nothing), and the answer is that field drawn as on the full page — with its error,
or without one — plus the message for the page's screen-reader status line. Without
JavaScript nothing calls this; the page's button does the same checks.
"""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, NotFound
from motcua.filing import selectors, services
from motcua.filing.forms import ApplicantForm, check_form_fields, form_fields_form
from motcua.filing.models import Step
from motcua.filing.views import filer_only

CHECKED_STEPS = {Step.APPLICANT, Step.FORM}


@require_POST
@filer_only
def check_field(request: HttpRequest, draft_id: UUID, step: str) -> HttpResponse:
    try:
        draft = selectors.draft_of(request.user, draft_id)
        current = Step(step)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ValueError as exc:
        raise Http404 from exc
    if current not in CHECKED_STEPS:
        raise Http404
    if draft.submitted:
        # Filed in another tab meanwhile: nothing to save; the page's button leads on.
        return HttpResponse(status=204)
    if current == Step.APPLICANT:
        form = ApplicantForm(request.POST, user=request.user)
        form.is_valid()
    else:
        try:
            version = services.version_for_filing(draft.procedure)
        except DomainError:
            # The procedure left online filing meanwhile: the page's button says so.
            return HttpResponse(status=204)
        form = form_fields_form(version, request.POST)
        check_form_fields(version, form)
    name = request.GET.get("field", "")
    if name not in form.fields:
        return HttpResponseBadRequest()
    typed = {key: request.POST.get(key, "") for key in form.fields if key in request.POST}
    services.save_typed(owner=request.user, draft_id=draft.pk, step=current, values=typed)
    return render(request, "filing/parts/checked.html", {"field": form[name]})
