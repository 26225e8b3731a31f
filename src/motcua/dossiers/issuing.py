"""The forms actions issue (Mẫu 01–05). What a form says is taken in the action's own
transaction (`record_paper`, called by `_core.commit`), so the paper prints the dossier as the
action left it however late it is drawn; the PDF is rendered by an outbox consumer once the
action has committed, stored once with its hash, and from then on always given out as stored.

The consumer runs at least once per message; it fills a paper's file only while it is empty, so
a second run finds the first one's file. Rendering happens outside the action's transaction: a
PDF engine's trouble never undoes a receipt, it only delays the paper (the delivery is retried).
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


def record_paper(event: DossierEvent) -> IssuedPaper | None:
    """In the action's transaction: the form its action issues, with what it will say."""
    form = FORM_OF_ACTION.get(event.action)
    if form is None:
        return None
    context = paperwork.context_for(dossier=event.dossier, kind=form.value, event=event)
    return IssuedPaper.objects.create(
        dossier=event.dossier, form=form, event=event, context=context, issued_at=event.at
    )


def issue_paper(*, event: DossierEvent) -> IssuedPaper:
    """The form `event`'s action issued, rendered and stored the first time only."""
    form = FORM_OF_ACTION[event.action]
    paper = IssuedPaper.objects.filter(event=event, form=form).first()
    if paper is None:  # an action recorded before forms were kept with it
        try:
            with transaction.atomic():
                paper = record_paper(event)
        except IntegrityError:
            paper = IssuedPaper.objects.get(event=event, form=form)
    if paper.file_id is not None:
        return paper
    dossier = event.dossier
    pdf = papers.render_paper(kind=form.value, context=paper.context)
    stored = store_generated(
        content=pdf,
        name=f"mau-{form.value}-{dossier.key}.pdf",
        user=None,
        # Its own name: a second worker's render must not overwrite the first one's file.
        path=f"giay-to/{event.at:%Y/%m}/{dossier.pk}-mau-{form.value}-{uuid.uuid4().hex}.pdf",
    )
    if not IssuedPaper.objects.filter(pk=paper.pk, file__isnull=True).update(file=stored):
        stored.file.delete(save=False)  # another worker got there first
        stored.delete()
    paper.refresh_from_db()
    return paper


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
