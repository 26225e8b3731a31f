"""Taking an action from the dossier page: the forms the engine allows this officer now, and the
call to the action's service with what the form gathered."""

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.backoffice.inbox.forms import ActionForm, AnswerForm
from motcua.backoffice.inbox.result_forms import DRAFT_RESULT, FORMS
from motcua.core.errors import DomainError
from motcua.documents.services import store_upload
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier
from motcua.dossiers.rules import acting_as, officer_unit_ids
from motcua.workflow.actions import Action

# The order the page offers them in: what moves the dossier on first, what ends it last.
ORDER = (
    Action.RECEIVE,
    Action.ANSWER,
    Action.TRANSFER_BACK,
    Action.APPROVE,
    Action.SIGN,
    Action.ISSUE,
    Action.FINISH,
    Action.RETURN_RESULT,
    Action.FORWARD,
    DRAFT_RESULT,
    Action.ATTACH_RESULT,
    Action.CONSULT,
    Action.TRANSFER,
    Action.ASSIGN,
    Action.REQUEST_SUPPLEMENT,
    Action.REQUEST_PAYMENT,
    Action.CONFIRM_PAYMENT,
    Action.RETURN_BACK,
    Action.APOLOGIZE,
    Action.ACCEPT_WITHDRAWAL,
    Action.REFUSE,
    Action.STOP,
)

DRAFT_LABEL = _("Soạn văn bản kết quả để ký số")
# The service of a form whose name is not its service's.
SERVICE_NAMES = {Action.ISSUE: "issue_result"}

# Not a form here: the result-return page (`backoffice:return-result`) is its own.
LINKED = frozenset({Action.RETURN_RESULT})
# The actions whose form sends a file (`file`, kept by id in `kept` once stored).
UPLOADS = frozenset({Action.ATTACH_RESULT, DRAFT_RESULT})


def build_form(action: str, *, dossier: Dossier, user: User, data=None, files=None) -> ActionForm:
    """The form of `action` for `dossier`, bound to `data` when posted."""
    form_class = FORMS[action]
    extra = {}
    if form_class is AnswerForm:
        extra["open_consultations"] = _questions_for(user, dossier)
    return form_class(
        data,
        files,
        dossier=dossier,
        user=user,
        prefix=action,
        initial={"expected_version": dossier.version},
        **extra,
    )


def _questions_for(user: User, dossier: Dossier) -> list:
    """The open questions asked of the units of whoever `user` answers as (themselves, or the
    absent colleague they stand in for, as `services.answer` does); none when none is theirs."""
    answerer = acting_as(user, f"dossiers.{Action.ANSWER}", dossier) or user
    units = officer_unit_ids(answerer)
    waiting = dossier.consultations.filter(answered_at__isnull=True).select_related("unit")
    return [c for c in waiting if c.unit_id in units or c.unit.parent_id in units]


def forms_for(user: User, dossier: Dossier, *, bound: ActionForm | None = None) -> list[dict]:
    """One entry per action available now: its form (the posted one if given), or a link."""
    shown = []
    allowed = selectors.available_actions(user, dossier)
    if Action.ATTACH_RESULT in allowed:
        allowed.append(DRAFT_RESULT)  # the same action, with a document to sign
    for action in sorted(allowed, key=lambda a: ORDER.index(a) if a in ORDER else len(ORDER)):
        label = DRAFT_LABEL if action == DRAFT_RESULT else Action(action).label
        if action in LINKED:
            shown.append({"action": action, "label": label, "form": None})
        elif action in FORMS:
            form = bound if bound is not None and bound.prefix == action else None
            form = form or build_form(action, dossier=dossier, user=user)
            if isinstance(form, AnswerForm) and not form.questions:
                continue  # nothing asked of this officer's units
            shown.append({"action": action, "label": label, "form": form})
    return shown


def keep_upload(request: HttpRequest, action: str) -> tuple[QueryDict, str]:
    """The posted data, with the file sent for `action` stored and named by id in its `kept`
    field (so that a refusal or a stale version does not lose it: the page offers it again);
    and the message of a file refused, if any."""
    data = request.POST.copy()
    upload = request.FILES.get(f"{action}-file")
    if action not in UPLOADS or upload is None:
        return data, ""
    try:
        stored = store_upload(uploaded_file=upload, user=request.user)
    except DomainError as exc:
        return data, exc.message
    data[f"{action}-kept"] = str(stored.pk)
    return data, ""


def perform(request: HttpRequest, action: str, form: ActionForm):
    """Call the action's service; DomainError goes to the caller (the view shows it). Signing
    answers with its session (a remote provider or the plug-in may still have to sign)."""
    fields = form.service_fields()
    if action == Action.SIGN:
        return services.start_signature(
            user=request.user,
            dossier=form.dossier,
            next_url=reverse("backoffice:dossier", kwargs={"key": form.dossier.key}),
            **fields,
        )
    if action in UPLOADS:
        fields.pop("file", None)
        fields["upload"] = fields.pop("kept") or None
    return getattr(services, SERVICE_NAMES.get(action, action))(
        user=request.user,
        dossier=form.dossier,
        expected_version=form.cleaned_data["expected_version"],
        **fields,
    )
