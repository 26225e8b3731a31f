"""Every way a dossier's fees change: `assess` (fee lines from the procedure version),
`start_online` (a payment at a gateway), `record_cash` (at the desk), `refund`. What a gateway
reports is recorded by `settlement`.

Each runs in one transaction, with the dossier's row locked while what it owes is reckoned, so
two tabs paying at once get one pending payment, and the dossier's `fees_due` (which holds the
result back) always matches its unpaid lines.
"""

import secrets
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.catalog.fees import Channel, fees_for
from motcua.catalog.models import Fee
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, ValidationFailed
from motcua.core.money import vnd
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import FINAL_STATUSES, Dossier
from motcua.dossiers.models import Channel as FilingChannel
from motcua.events import services as events
from motcua.payments import providers, selectors, settlement
from motcua.payments.merchants import merchant_for
from motcua.payments.models import (
    FeeLine,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
)


def _locked(dossier: Dossier) -> Dossier:
    """The dossier's row locked: every change of what it owes or paid takes this lock first,
    then the payment's (`settlement.lock_dossier`)."""
    return settlement.lock_dossier(dossier.pk)


def assess(
    *,
    dossier: Dossier,
    user: User | None = None,
    case: str = "",
    quantities: Mapping[str, int] | None = None,
    exemptions: tuple[str, ...] = (),
    unpriced_amount: int | None = None,
) -> list[FeeLine]:
    """The dossier's unpaid fee lines drawn again from its procedure version: the channel it
    came by, the `case`, how many pages, copies or sets, and the exemption groups the applicant
    belongs to; `unpriced_amount` is the unit amount of a fee the catalogue leaves to the agency.
    Paid lines stay as they were. `user` None is the system's first assessment when the dossier
    is filed."""
    if unpriced_amount is not None and unpriced_amount <= 0:
        message = _("Mức thu phải là số nguyên dương (đồng).")
        raise ValidationFailed(message, fields={"unpriced_amount": [message]})
    if user is not None:
        access.ensure(user, "payments.collect", dossier)
    with transaction.atomic():
        dossier = _locked(dossier)
        channel = Channel.ONLINE if dossier.channel == FilingChannel.ONLINE else Channel.COUNTER
        drawn = fees_for(
            dossier.procedure_version,
            channel=channel,
            quantities=quantities,
            case=case,
            exemptions=exemptions,
        )
        paid_fees = set(
            dossier.fee_lines.filter(payment__isnull=False).values_list("fee_id", flat=True)
        )
        dossier.fee_lines.filter(payment__isnull=True).delete()
        lines = FeeLine.objects.bulk_create(
            FeeLine(
                dossier=dossier,
                fee=line.fee,
                name=line.fee.name,
                unit_amount=line.unit_amount if line.unit_amount is not None else unpriced_amount,
                quantity=line.quantity,
                amount=_amount(line, unpriced_amount),
                exemption=line.exempt_as,
                position=position,
            )
            for position, line in enumerate(drawn)
            if line.fee.pk not in paid_fees
        )
        _reckon(dossier)
        if user is not None:
            audit.record(
                action="payment.assess",
                actor=user,
                obj=dossier,
                data={"case": case, "quantities": dict(quantities or {}), "lines": len(lines)},
            )
    return lines


def _amount(line, unpriced_amount: int | None) -> int | None:
    if line.amount is not None or unpriced_amount is None:
        return line.amount
    return 0 if line.exempt_as else unpriced_amount * line.quantity


def ensure_assessed(dossier: Dossier) -> None:
    """Assess a dossier whose filing the outbox consumer has not had yet, once: a procedure
    without fees has nothing to assess, and a finished dossier is left as it ended."""
    if (
        dossier.status not in FINAL_STATUSES
        and not FeeLine.objects.filter(dossier=dossier).exists()
        and Fee.objects.filter(version_id=dossier.procedure_version_id).exists()
    ):
        assess(dossier=dossier)


def _reckon(dossier: Dossier) -> None:
    due = selectors.due(dossier)
    dossier_services.set_fees_due(dossier=dossier, amount=due.fees, unpriced=due.unknown)


def start_online(
    *, user: User, dossier: Dossier, return_url: str, client_ip: str, provider: str = "vnpay"
) -> str:
    """A payment of everything the dossier owes now, at the gateway of its receiving agency's
    merchant account; the address to send the citizen to. A payment of this dossier still
    pending is cancelled here: the new one replaces it (if the old one is paid after all, the
    money is recorded and shown as surplus to refund)."""
    access.ensure(user, "payments.pay", dossier)
    ensure_assessed(dossier)
    with transaction.atomic():
        dossier = _locked(dossier)
        due = selectors.due(dossier)
        _ensure_priced(due)
        if due.total <= 0 or dossier.status in FINAL_STATUSES:
            raise Conflict(_("Hồ sơ không còn khoản nào phải nộp."), code="nothing_due")
        if not selectors.asked_now(dossier, due):
            raise Conflict(
                _("Chưa đến lúc nộp phí: cơ quan sẽ báo khi hồ sơ có kết quả."), code="not_yet_due"
            )
        merchant = merchant_for(dossier.receiving_agency, provider=provider)
        if merchant is None:
            raise Conflict(
                _("%(agency)s chưa nhận thanh toán trực tuyến: vui lòng nộp tại Bộ phận Một cửa.")
                % {"agency": dossier.receiving_agency.name},
                code="no_merchant",
            )
        now = clock.now()
        Payment.objects.filter(dossier=dossier, status=PaymentStatus.PENDING).update(
            status=PaymentStatus.CANCELLED
        )
        payment = Payment.objects.create(
            dossier=dossier,
            agency=dossier.receiving_agency,
            method=PaymentMethod.ONLINE,
            merchant=merchant,
            reference=f"{now:%y%m%d}{secrets.token_hex(6).upper()}",
            amount=due.total,
            obligation=due.obligation,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.MOTCUA_PAYMENT_MINUTES),
            started_by=user,
        )
        settlement.log_call(payment=payment, kind="start", data={"amount": payment.amount})
        url = providers.get(merchant.provider).start_url(
            payment, return_url=return_url, client_ip=client_ip
        )
    return url


def _ensure_priced(due: selectors.Due) -> None:
    if due.unknown:
        raise Conflict(
            _(
                "Có khoản phí do cơ quan xác định mức thu: cán bộ Bộ phận Một cửa cần tính lại "
                "phí (nhập mức thu) trước khi thu."
            ),
            code="fees_not_assessed",
        )


def record_cash(*, user: User, dossier: Dossier, amount: int, note: str = "") -> Payment:
    """Cash taken at the desk for what the dossier owes, with the officer and the moment."""
    access.ensure(user, "payments.collect", dossier)
    ensure_assessed(dossier)
    with transaction.atomic():
        dossier = _locked(dossier)
        due = selectors.due(dossier)
        _ensure_priced(due)
        if due.total <= 0:
            raise Conflict(_("Hồ sơ không còn khoản nào phải nộp."), code="nothing_due")
        if amount != due.total:
            message = _("Số tiền thu phải đúng số còn phải nộp: %(amount)s đồng.") % {
                "amount": vnd(due.total)
            }
            raise ValidationFailed(message, fields={"amount": [message]})
        payment = _cash(dossier, due, amount=amount, by=user, at=clock.now(), note=note)
    return payment


def _cash(
    dossier: Dossier, due: selectors.Due, *, amount: int, by: User, at, note: str = ""
) -> Payment:
    """A cash payment by officer `by` at `at`, settled (the dossier's row locked by the caller)."""
    payment = Payment.objects.create(
        dossier=dossier,
        agency=dossier.receiving_agency,
        method=PaymentMethod.CASH,
        reference=f"TM{at:%y%m%d}{secrets.token_hex(6).upper()}",
        amount=amount,
        obligation=due.obligation,
        created_at=at,
        received_by=by,
    )
    settlement.settle(payment, paid_at=at, actor=by, note=note)
    return payment


def note_cash_taken(*, dossier: Dossier, amount: int, by: User, at) -> Payment:
    """Cash the desk took while receiving the dossier (its officer and moment already in the
    history and the audit log): recorded as that officer's cash payment."""
    ensure_assessed(dossier)
    with transaction.atomic():
        dossier = _locked(dossier)
        payment = _cash(dossier, selectors.due(dossier), amount=amount, by=by, at=at)
    return payment


def refund(*, user: User, payment: Payment, amount: int, reason: str, client_ip: str) -> Refund:
    """Give back `amount` of a paid payment (through its gateway when it came online), in three
    steps: the amount set aside (`requested`), the gateway asked with no transaction open, the
    outcome recorded — so what the gateway did is never rolled back, and a refusal is kept."""
    access.ensure(user, "payments.refund", payment.dossier)
    reason = (reason or "").strip()
    if not reason:
        message = _("Nhập lý do hoàn tiền.")
        raise ValidationFailed(message, fields={"reason": [message]})
    with transaction.atomic():
        _locked(payment.dossier)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        set_aside = payment.refunds.filter(status=RefundStatus.REQUESTED).aggregate(
            total=Sum("amount")
        )["total"]
        left = payment.amount - payment.refunded_amount - (set_aside or 0)
        if payment.status not in (PaymentStatus.PAID, PaymentStatus.REFUNDED) or left <= 0:
            raise Conflict(_("Giao dịch này không còn tiền để hoàn."), code="nothing_to_refund")
        if not 0 < amount <= left:
            message = _("Số tiền hoàn từ 1 đến %(amount)s đồng.") % {"amount": vnd(left)}
            raise ValidationFailed(message, fields={"amount": [message]})
        made = Refund.objects.create(
            payment=payment, amount=amount, reason=reason, by=user, at=clock.now()
        )
    provider_reference = ""
    if payment.method == PaymentMethod.ONLINE:
        try:
            provider_reference = providers.get(payment.merchant.provider).refund(
                payment, amount=amount, by=user.get_username(), client_ip=client_ip
            )
        except (providers.GatewayError, DomainError) as exc:
            Refund.objects.filter(pk=made.pk).update(status=RefundStatus.FAILED)
            settlement.log_call(payment=payment, kind="refund", data={"error": str(exc)})
            raise Conflict(
                _("Cổng thanh toán chưa nhận yêu cầu hoàn tiền; thử lại sau."),
                code="gateway_unavailable",
            ) from exc
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        Refund.objects.filter(pk=made.pk).update(
            status=RefundStatus.DONE, provider_reference=provider_reference
        )
        payment.refunded_amount += amount
        if payment.refunded_amount == payment.amount:
            payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["refunded_amount", "status"])
        settlement.log_call(payment=payment, kind="refund", data={"amount": amount})
        summary = {"payment": payment.reference, "amount": amount, "dossier": payment.dossier.key}
        events.publish("payment.refund", summary, key=payment.dossier.key)
        audit.record(action="payment.refund", actor=user, obj=payment, data=summary)
    made.refresh_from_db()
    return made
