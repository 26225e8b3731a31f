"""Payments' consumers of the dossier engine's outbox: a filed dossier's fees are assessed from
its procedure version, and cash the desk took when receiving a walk-in (noted on the receive
event, `dossiers.counter`) becomes a cash payment by that officer at that moment. At least once,
so each notes the message with its own changes (`events.services.first_receipt`)."""

from django.db import transaction

from motcua.dossiers.counter import CASH_FEE
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.events import registry
from motcua.events import services as events
from motcua.payments import services

ASSESS = "payments.assess_filed"
CASH = "payments.cash_at_receipt"


def assess_filed(message: registry.Message) -> None:
    with transaction.atomic():
        if not events.first_receipt(consumer=ASSESS, message=message):
            return
        dossier = Dossier.objects.filter(pk=message.payload.get("dossier")).first()
        if dossier is not None:
            services.ensure_assessed(dossier)


def cash_at_receipt(message: registry.Message) -> None:
    with transaction.atomic():
        if not events.first_receipt(consumer=CASH, message=message):
            return
        event = (
            DossierEvent.objects.select_related("dossier", "actor")
            .filter(pk=message.payload.get("event"))
            .first()
        )
        amount = (event.data or {}).get(CASH_FEE) if event is not None else None
        if amount and event.actor is not None:
            services.note_cash_taken(
                dossier=event.dossier, amount=amount, by=event.actor, at=event.at
            )


def register_consumers() -> None:
    registry.register("dossier.submit", name=ASSESS, handler=assess_filed)
    registry.register("dossier.receive", name=CASH, handler=cash_at_receipt)
