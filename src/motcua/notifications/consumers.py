"""The outbox consumers `notifications.send.<topic>`: for each dossier action a citizen must know
of, and for a fee received, messages to the applicant on every channel they can be reached on
(SMS first); for an assignment, an e-mail to the officer assigned. Each topic's payload is read
into the same news (`_dossier_news`, `_payment_news`), queued and sent the same way. At least
once, so idempotent: the outbox message id is noted with the queued messages in one transaction
(`events.services.first_receipt`), and the messages are sent after that commit."""

from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core.errors import NotFound
from motcua.core.money import vnd
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.dossiers.selectors import dossier_by_code_or_reference
from motcua.events import registry
from motcua.events import services as events
from motcua.notifications import compose, sending
from motcua.notifications.kinds import CITIZEN_KINDS, Kind

CONSUMER = "notifications.send.{topic}"
# News that asks the citizen to act, told only while the dossier still waits for it: a message
# delivered late (the outbox was behind, a worker was down) must not ask for a fee already paid.
STILL_WAITING = {Kind.PAYMENT: Status.AWAITING_PAYMENT, Kind.SUPPLEMENT: Status.AWAITING_SUPPLEMENT}


@dataclass(frozen=True)
class _News:
    dossier: Dossier
    recipients: list[compose.Recipient]
    context: dict[str, str]
    agency: Agency


def _dossier_news(message: registry.Message) -> _News | None:
    """A dossier action's news (the payload names the dossier by id): to the applicant, or for
    an assignment to the officer assigned; a request already answered is not told."""
    dossier = (
        Dossier.objects.select_related(
            "owner", "procedure_version", "return_agency", "competent_agency"
        )
        .filter(pk=message.payload.get("dossier"))
        .first()
    )
    if dossier is None:
        return None
    waiting = STILL_WAITING.get(message.topic)
    if waiting is not None and dossier.status != waiting:
        return None
    if message.topic == Kind.ASSIGNED:
        event = DossierEvent.objects.filter(pk=message.payload.get("event")).first()
        handler = (event.data or {}).get("handler") if event else None
        officer = User.objects.filter(pk=handler).first()
        recipients = compose.officer_recipients(officer) if officer else []
    else:
        recipients = compose.citizen_recipients(dossier)
    context = compose.dossier_context(dossier, sent=dict(message.payload))
    return _News(dossier, recipients, context, dossier.competent_agency)


def _payment_news(message: registry.Message) -> _News | None:
    """The money was received (`payment.paid`, whose payload names the dossier by its code):
    told to the applicant, but not for a surplus, which an officer refunds."""
    payload = message.payload
    if payload.get("surplus"):
        return None
    try:
        dossier = dossier_by_code_or_reference(str(payload.get("dossier", "")))
    except NotFound:
        return None
    context = compose.dossier_context(dossier) | {
        "so_tien": vnd(int(payload.get("amount") or 0)),
        "hinh_thuc": str(payload.get("method_label") or ""),
    }
    return _News(dossier, compose.citizen_recipients(dossier), context, dossier.receiving_agency)


def notify(message: registry.Message) -> None:
    read = _payment_news if message.topic == Kind.PAID else _dossier_news
    with transaction.atomic():
        if not events.first_receipt(consumer=CONSUMER.format(topic=message.topic), message=message):
            return
        news = read(message)
        if news is None:
            return
        ids = compose.queue(
            kind=message.topic,
            recipients=news.recipients,
            context=news.context,
            cause=f"outbox:{message.id}",
            dossier=news.dossier,
            agency=news.agency,
            source=message.id,
        )
    sending.start(ids)


def register_consumers() -> None:
    for topic in map(str, [*CITIZEN_KINDS, Kind.ASSIGNED]):
        registry.register(topic, name=CONSUMER.format(topic=topic), handler=notify)
