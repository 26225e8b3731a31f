"""The outbox consumers `notifications.send.<topic>`: for each dossier action a citizen must know
of, messages to the applicant on every channel they can be reached on (SMS first); for an
assignment, an e-mail to the officer assigned. At least once, so idempotent: the outbox message
id is noted with the queued messages in one transaction (`events.services.first_receipt`), and
the messages are sent after that commit."""

from django.db import transaction

from motcua.accounts.models import User
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


def _recipients(message: registry.Message, dossier: Dossier) -> list[compose.Recipient]:
    if message.topic != Kind.ASSIGNED:
        return compose.citizen_recipients(dossier)
    event = DossierEvent.objects.filter(pk=message.payload.get("event")).first()
    officer = User.objects.filter(pk=(event.data or {}).get("handler") if event else None).first()
    return compose.officer_recipients(officer) if officer else []


def notify(message: registry.Message) -> None:
    name = CONSUMER.format(topic=message.topic)
    with transaction.atomic():
        if not events.first_receipt(consumer=name, message=message):
            return
        dossier = (
            Dossier.objects.select_related(
                "owner", "procedure_version", "return_agency", "competent_agency"
            )
            .filter(pk=message.payload.get("dossier"))
            .first()
        )
        if dossier is None:
            return
        waiting = STILL_WAITING.get(message.topic)
        if waiting is not None and dossier.status != waiting:
            return
        ids = compose.queue(
            kind=message.topic,
            recipients=_recipients(message, dossier),
            context=compose.dossier_context(dossier, sent=dict(message.payload)),
            cause=f"outbox:{message.id}",
            dossier=dossier,
            agency=dossier.competent_agency,
            source=message.id,
        )
    sending.start(ids)


def notify_paid(message: registry.Message) -> None:
    """The citizen is told that the money was received (`payment.paid`, from the payments app,
    which names the dossier by its code): not for a surplus, which an officer refunds."""
    payload = message.payload
    with transaction.atomic():
        if not events.first_receipt(consumer=CONSUMER.format(topic=Kind.PAID), message=message):
            return
        if payload.get("surplus"):
            return
        try:
            dossier = dossier_by_code_or_reference(str(payload.get("dossier", "")))
        except NotFound:
            return
        context = compose.dossier_context(dossier) | {
            "so_tien": vnd(int(payload.get("amount") or 0)),
            "hinh_thuc": str(payload.get("method_label") or ""),
        }
        ids = compose.queue(
            kind=Kind.PAID,
            recipients=compose.citizen_recipients(dossier),
            context=context,
            cause=f"outbox:{message.id}",
            dossier=dossier,
            agency=dossier.receiving_agency,
            source=message.id,
        )
    sending.start(ids)


def register_consumers() -> None:
    for topic in map(str, [*CITIZEN_KINDS, Kind.ASSIGNED]):
        handler = notify_paid if topic == Kind.PAID else notify
        registry.register(topic, name=CONSUMER.format(topic=topic), handler=handler)
