"""The forms actions issue (Mẫu 01–05): rendered by an outbox consumer once the action has
committed, stored once with their hash, and from then on always given out as stored.

The consumer runs at least once per message; the (event, form) pair is unique, so a second run
finds the first one's paper. Rendering happens outside the action's transaction: a PDF engine's
trouble never undoes a receipt, it only delays the paper (the delivery is retried).
"""

import uuid

from django.db import IntegrityError, transaction

from motcua.documents import papers
from motcua.documents.services import store_generated
from motcua.dossiers import paperwork
from motcua.dossiers.models import DossierEvent, IssuedForm, IssuedPaper
from motcua.events import registry
from motcua.events.registry import Message
from motcua.workflow.actions import Action

FORM_OF_ACTION = {
    Action.RECEIVE: IssuedForm.RECEIPT,
    Action.REQUEST_SUPPLEMENT: IssuedForm.SUPPLEMENT,
    Action.REFUSE: IssuedForm.REFUSAL,
    Action.APOLOGIZE: IssuedForm.APOLOGY,
    Action.STOP: IssuedForm.STOP,
}


def issue_paper(*, event: DossierEvent) -> IssuedPaper:
    """The form `event`'s action issues, rendered and stored the first time only."""
    form = FORM_OF_ACTION[event.action]
    existing = IssuedPaper.objects.filter(event=event, form=form).first()
    if existing is not None:
        return existing
    dossier = event.dossier
    context = paperwork.context_for(dossier=dossier, kind=form.value, event=event)
    pdf = papers.render_paper(kind=form.value, context=context)
    stored = store_generated(
        content=pdf,
        name=f"mau-{form.value}-{dossier.key}.pdf",
        user=None,
        # Its own name: a second worker's render must not overwrite the first one's file.
        path=f"giay-to/{event.at:%Y/%m}/{dossier.pk}-mau-{form.value}-{uuid.uuid4().hex}.pdf",
    )
    try:
        with transaction.atomic():
            return IssuedPaper.objects.create(
                dossier=dossier, form=form, event=event, file=stored, issued_at=event.at
            )
    except IntegrityError:  # another worker got there first
        stored.file.delete(save=False)
        stored.delete()
        return IssuedPaper.objects.get(event=event, form=form)


def _on_action(message: Message) -> None:
    event_pk = message.payload.get("event")
    if event_pk is None:  # published before events were named in the message
        return
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_pk).first()
    if event is not None and event.action in FORM_OF_ACTION:
        issue_paper(event=event)


def register_consumers() -> None:
    for action, form in FORM_OF_ACTION.items():
        registry.register(f"dossier.{action}", name=f"dossiers.paper_{form}", handler=_on_action)
