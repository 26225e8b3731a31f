"""E-receipts (biên lai điện tử): one is made for each paid payment by the agency's receipt
provider (`issue_for`, an outbox consumer of `payment.paid`, so a provider that is down is
tried again); an officer cancels one (`cancel`) or replaces it with a corrected one
(`replace`). The provider numbers them; the PDF it makes is kept for the citizen to download.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.documents.services import store_generated
from motcua.events import registry
from motcua.payments.contrib.receipt_http.plugin import HttpReceiptProvider, Issued
from motcua.payments.models import (
    Payment,
    PaymentStatus,
    Receipt,
    ReceiptSeries,
    ReceiptStatus,
)
from motcua.payments.providers import GatewayError

# The receipt providers by code, filled in `PaymentsConfig.ready()` (`register_provider`).
PROVIDERS: dict[str, HttpReceiptProvider] = {}


def register_provider(provider: HttpReceiptProvider) -> None:
    PROVIDERS[provider.code] = provider


CONSUMER = "payments.receipt"


def series_for(agency: Agency) -> ReceiptSeries | None:
    current: Agency | None = agency
    while current is not None:
        found = ReceiptSeries.objects.filter(agency=current, active=True).order_by("pk").first()
        if found is not None:
            return found
        current = current.parent
    return None


def _content(payment: Payment, series: ReceiptSeries, *, payer_name: str, **extra) -> dict:
    dossier = payment.dossier
    # What was collected: an exempt or free line is not money received.
    lines = [
        {"name": line.name, "quantity": line.quantity, "amount": line.amount}
        for line in payment.lines.all()
        if line.amount
    ]
    if payment.obligation:
        asked = (
            dossier.clock_stops.filter(amount=payment.obligation).exclude(reason="").order_by("-pk")
        ).first()
        name = asked.reason.rstrip(".") if asked else _("Nghĩa vụ tài chính")
        lines.append({"name": name, "quantity": 1, "amount": payment.obligation})
    return {
        "form_code": series.form_code,
        "serial": series.serial,
        "collector": series.agency.name,
        "payer": {
            "name": payer_name,
            "id_number": dossier.applicant_id_number,
            "address": dossier.applicant_address,
        },
        "dossier": dossier.key,
        "lines": lines,
        "total": payment.amount,
        "paid_at": payment.paid_at.isoformat(),
        "method": str(payment.get_method_display()),
        **extra,
    }


def issue_for(payment: Payment) -> Receipt | None:
    """The payment's receipt, made once (None when its agency has no receipt series: the desk
    then gives a paper receipt)."""
    existing = Receipt.objects.filter(payment=payment, status=ReceiptStatus.ISSUED).first()
    if existing is not None or payment.status not in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        return existing
    series = series_for(payment.agency)
    if series is None:
        return None
    payer = payment.dossier.applicant_name
    content = _content(payment, series, payer_name=payer, reference=payment.reference)
    return _keep(payment, series, PROVIDERS[series.provider].issue(content), payer_name=payer)


def _keep(
    payment: Payment,
    series: ReceiptSeries,
    issued: Issued,
    *,
    payer_name: str,
    replaces: Receipt | None = None,
    reason: str = "",
    user: User | None = None,
) -> Receipt:
    """The numbered receipt with its PDF (fetched first: nothing is recorded without it); a
    replaced receipt is marked so in the same transaction."""
    pdf = PROVIDERS[series.provider].pdf(
        form_code=series.form_code, serial=series.serial, number=issued.number
    )
    with transaction.atomic():
        stored = store_generated(
            content=pdf,
            name=f"bien-lai-{series.serial}-{issued.number:07d}.pdf".replace("/", "-"),
            user=None,
            path=f"receipts/{issued.lookup_code}.pdf",
        )
        if replaces is not None:
            _end(user, replaces, ReceiptStatus.REPLACED, reason)
        receipt, _created = Receipt.objects.get_or_create(
            series=series,
            number=issued.number,
            defaults={
                "payment": payment,
                "lookup_code": issued.lookup_code,
                "payer_name": payer_name,
                "issued_at": issued.issued_at,
                "replaces": replaces,
                "file": stored,
            },
        )
    return receipt


def _ending(user: User, receipt: Receipt, reason: str) -> str:
    access.ensure(user, "payments.collect", receipt.payment.dossier)
    reason = (reason or "").strip()
    if not reason:
        message = _("Nhập lý do.")
        raise ValidationFailed(message, fields={"reason": [message]})
    if receipt.status != ReceiptStatus.ISSUED:
        raise Conflict(_("Biên lai này đã bị hủy hoặc thay thế."), code="receipt_ended")
    return reason


def cancel(*, user: User, receipt: Receipt, reason: str) -> Receipt:
    reason = _ending(user, receipt, reason)
    series = receipt.series
    try:
        PROVIDERS[series.provider].cancel(
            form_code=series.form_code, serial=series.serial, number=receipt.number, reason=reason
        )
    except GatewayError as exc:
        raise Conflict(
            _("Nhà cung cấp biên lai chưa nhận yêu cầu hủy; thử lại sau."), code="provider_down"
        ) from exc
    return _end(user, receipt, ReceiptStatus.CANCELLED, reason)


def _end(user: User | None, receipt: Receipt, status: str, reason: str) -> Receipt:
    Receipt.objects.filter(pk=receipt.pk).update(status=status, ended_at=clock.now(), reason=reason)
    receipt.refresh_from_db()
    audit.record(
        action=f"receipt.{status}",
        actor=user,
        obj=receipt,
        data={"receipt": str(receipt), "reason": reason},
    )
    return receipt


def replace(*, user: User, receipt: Receipt, reason: str, payer_name: str) -> Receipt:
    """A corrected receipt (the payer's name) in place of `receipt`, which is marked replaced."""
    reason = _ending(user, receipt, reason)
    payer_name = (payer_name or "").strip()
    if not payer_name:
        message = _("Nhập tên người nộp trên biên lai thay thế.")
        raise ValidationFailed(message, fields={"payer_name": [message]})
    series = receipt.series
    content = _content(
        receipt.payment,
        series,
        payer_name=payer_name,
        reference=f"{receipt.payment.reference}-{receipt.number}",
        replaces=receipt.number,
        reason=reason,
    )
    try:
        issued = PROVIDERS[series.provider].issue(content)
        return _keep(
            receipt.payment,
            series,
            issued,
            payer_name=payer_name,
            replaces=receipt,
            reason=reason,
            user=user,
        )
    except GatewayError as exc:
        raise Conflict(
            _("Nhà cung cấp biên lai chưa lập được biên lai thay thế; thử lại sau."),
            code="provider_down",
        ) from exc


def on_paid(message: registry.Message) -> None:
    """At least once, and safe so: a repeat finds the receipt made, and the provider answers a
    repeated reference with the same receipt, so a crash between its answer and ours makes no
    second. A provider that is down fails the delivery, which the outbox tries again."""
    payment = Payment.objects.filter(reference=message.payload.get("payment")).first()
    if payment is not None:
        issue_for(payment)


def register_consumers() -> None:
    registry.register("payment.paid", name=CONSUMER, handler=on_paid)
