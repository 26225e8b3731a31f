"""What becomes of a payment when its gateway reports, whatever the gateway: `record_outcome`
(the IPN, the return to the portal, a query — any of them, in any order, any number of times),
`settle` (the payment meets the dossier's fees and obligation), and `reconcile`, the periodic
job for payments nobody heard back about.

Idempotent by locking the payment's row: of fifty copies of one notification, the first records
the payment and the others find it already recorded.
"""

import logging
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.money import vnd
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.events import services as events
from motcua.payments import providers, selectors
from motcua.payments.models import FeeLine, MerchantAccount, Payment, PaymentEvent, PaymentMethod
from motcua.payments.models import PaymentStatus as S
from motcua.payments.models.ledger import FINAL
from motcua.payments.providers import Outcome

logger = logging.getLogger(__name__)


class Answer(StrEnum):
    RECORDED = "recorded"
    ALREADY = "already"
    NOT_FOUND = "not_found"
    WRONG_AMOUNT = "wrong_amount"
    PENDING = "pending"


def log_call(*, payment: Payment | None, kind: str, data: dict[str, Any], answer: str = "") -> None:
    PaymentEvent.objects.create(
        payment=payment, kind=kind, data=data, answer=answer, at=clock.now()
    )


def record_outcome(
    *, outcome: Outcome, merchant: MerchantAccount | None, kind: str, data: dict[str, Any]
) -> Answer:
    """Record what the gateway says of the payment `outcome.reference` (once it has checked the
    message's signature): paid, failed, or nothing yet."""
    payments = Payment.objects.filter(reference=outcome.reference)
    if merchant is not None:
        payments = payments.filter(merchant=merchant)
    with transaction.atomic():
        # The dossier first, then the payment: the order every service locks them in, so two
        # payments of one dossier settle one after the other and the second sees the first.
        dossier_id = payments.values_list("dossier_id", flat=True).first()
        if dossier_id is not None:
            lock_dossier(dossier_id)
        payment = payments.select_for_update().first()
        answer = _answer(payment, outcome)
        if answer == Answer.RECORDED:
            if outcome.paid:
                payment.provider_reference = outcome.provider_reference
                payment.bank_code = outcome.bank_code
                payment.response_code = outcome.response_code
                settle(payment, paid_at=outcome.paid_at or clock.now(), actor=None)
            else:
                payment.status = S.FAILED
                payment.response_code = outcome.response_code
                payment.save(update_fields=["status", "response_code"])
        log_call(payment=payment, kind=kind, data=data, answer=answer.value)
    return answer


def lock_dossier(dossier_id: int) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("receiving_agency", "procedure_version")
        .get(pk=dossier_id)
    )


def _answer(payment: Payment | None, outcome: Outcome) -> Answer:
    if payment is None:
        return Answer.NOT_FOUND
    if outcome.amount != payment.amount:
        return Answer.WRONG_AMOUNT
    # Money the gateway took is recorded whatever we thought of the payment before (failed,
    # cancelled by a newer one, expired); any other repeat is already settled.
    if payment.status in FINAL and not (outcome.paid and payment.status == S.FAILED):
        return Answer.ALREADY
    if outcome.paid is None:
        return Answer.PENDING
    return Answer.RECORDED


def record_national_portal(
    *, dossier_code: str, reference: str, amount: int, data: dict[str, Any]
) -> Answer:
    """The national portal says the dossier `dossier_code` (its code or national code) paid
    `amount` there, under the portal's `reference`: a paid payment, once per reference."""
    with transaction.atomic():
        found = (
            Dossier.objects.filter(Q(code=dossier_code) | Q(national_code=dossier_code))
            .values_list("pk", flat=True)
            .first()
            if dossier_code
            else None
        )
        dossier = lock_dossier(found) if found is not None else None
        ours = f"DVCQG-{reference}"[:64]
        due = selectors.due(dossier) if dossier is not None else None
        if dossier is None:
            answer = Answer.NOT_FOUND
        elif Payment.objects.filter(reference=ours).exists():
            answer = Answer.ALREADY
        elif due.unknown or amount != due.total:
            answer = Answer.WRONG_AMOUNT
        else:
            now = clock.now()
            payment = Payment.objects.create(
                dossier=dossier,
                agency=dossier.receiving_agency,
                method=PaymentMethod.NATIONAL_PORTAL,
                reference=ours,
                amount=amount,
                obligation=selectors.obligation_due(dossier),
                created_at=now,
                provider_reference=reference[:64],
            )
            settle(payment, paid_at=now, actor=None)
            answer = Answer.RECORDED
        found = Payment.objects.filter(reference=ours).first()
        log_call(payment=found, kind="paygov", data=data, answer=answer.value)
    return answer


def settle(payment: Payment, *, paid_at: datetime, actor: User | None, note: str = "") -> None:
    """`payment` (its row locked by the caller) is paid. When it is what the dossier owes now, it
    pays the unpaid lines and the obligation, and a dossier waiting for that obligation moves
    on. Otherwise (another payment came first, or the fees were assessed again since it started)
    the money is recorded all the same and marked surplus, for an officer to refund."""
    dossier = payment.dossier
    due = selectors.due(dossier)
    payment.status = S.PAID
    payment.paid_at = paid_at
    payment.surplus = payment.amount != due.total
    payment.save()
    if not payment.surplus:
        FeeLine.objects.filter(pk__in=[line.pk for line in due.lines]).update(payment=payment)
        dossier_services.set_fees_due(dossier=dossier, amount=0)
    summary = {
        "payment": payment.reference,
        "dossier": dossier.key,
        "amount": payment.amount,
        "method": payment.method,
        # In the installation's language, whoever's page recorded it: the citizen reads it.
        "method_label": _in_default_language(payment.get_method_display),
        "surplus": payment.surplus,
    }
    events.publish("payment.paid", summary, key=dossier.key)
    audit.record(action="payment.paid", actor=actor, obj=payment, data={**summary, "note": note})
    if payment.obligation and not payment.surplus:
        _move_on(payment, by=actor)


def _in_default_language(text) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text())


def _move_on(payment: Payment, *, by: User | None) -> None:
    """The obligation is met: the dossier's wait ends, confirmed by the officer who took the
    cash, or by the system for a gateway. If the dossier cannot move (an officer confirmed it a
    moment before), the payment stands."""
    note = _("Đã nộp %(amount)s đồng (%(method)s), mã giao dịch %(reference)s.") % {
        "amount": vnd(payment.amount),
        "method": payment.get_method_display(),
        "reference": payment.reference,
    }
    try:
        with transaction.atomic():
            dossier_services.payment_received(dossier=payment.dossier, note=note, by=by)
    except DomainError as exc:
        logger.warning("payment %s: the dossier did not move on: %s", payment.reference, exc)


# How long after its expiry a payment is still asked about: a gateway's page may be paid at
# the last moment, and its answer come late.
GRACE = timedelta(hours=1)


def reconcile(*, older_than: timedelta = timedelta(minutes=5), client_ip: str = "127.0.0.1") -> int:
    """Ask the gateway about each online payment that may yet be paid: pending for more than
    `older_than`, or replaced by a newer one (its page stays payable) until its expiry and a
    grace. A pending one the gateway does not know, or that cannot be asked about, expires once
    past its time. The least recently asked first. The number that ended."""
    ended = 0
    now = clock.now()
    open_ones = Payment.objects.filter(
        merchant__isnull=False, created_at__lte=now - older_than
    ).filter(
        Q(status=S.PENDING) | Q(status__in=(S.CANCELLED, S.EXPIRED), expires_at__gte=now - GRACE)
    )
    for payment in open_ones.select_related("merchant").order_by(
        F("checked_at").asc(nulls_first=True), "created_at"
    )[:100]:
        Payment.objects.filter(pk=payment.pk).update(checked_at=now)
        try:
            outcome = providers.get(payment.merchant.provider).query(payment, client_ip=client_ip)
        except (providers.GatewayError, DomainError) as exc:
            logger.warning("payment %s: the gateway was not asked: %s", payment.reference, exc)
            outcome = None
        answer = (
            record_outcome(
                outcome=outcome,
                merchant=payment.merchant,
                kind="query",
                data={"paid": outcome.paid, "code": outcome.response_code},
            )
            if outcome is not None
            else Answer.PENDING
        )
        if answer == Answer.RECORDED:
            ended += 1
        elif answer == Answer.PENDING and payment.expires_at and payment.expires_at < now:
            ended += Payment.objects.filter(pk=payment.pk, status=S.PENDING).update(
                status=S.EXPIRED
            )
    return ended
