"""What a dossier owes now, its payments, and what a collecting agency took in a period."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Sum

from motcua.agencies.models import Agency
from motcua.catalog.choices import PaymentDue
from motcua.core import clock
from motcua.dossiers.models import ClockStop, Dossier, Status, StopKind
from motcua.payments.models import (
    FeeLine,
    Payment,
    PaymentStatus,
    Receipt,
    Refund,
    RefundStatus,
)


@dataclass(frozen=True)
class Due:
    lines: list[FeeLine]  # assessed and not yet paid
    fees: int  # what those lines come to (lines without an amount count nothing)
    obligation: int  # the financial obligation an officer asked for, not yet paid
    unknown: bool  # a line's amount is for an officer to set: it cannot be paid online yet

    @property
    def total(self) -> int:
        return self.fees + self.obligation


def due(dossier: Dossier) -> Due:
    lines = list(FeeLine.objects.filter(dossier=dossier, payment__isnull=True))
    return Due(
        lines=lines,
        fees=sum(line.amount or 0 for line in lines),
        obligation=obligation_due(dossier),
        unknown=any(line.amount is None for line in lines),
    )


def obligation_due(dossier: Dossier) -> int:
    """The amount of the open payment wait (`request_payment`) less what was paid toward it."""
    wait = (
        ClockStop.objects.filter(dossier=dossier, kind=StopKind.PAYMENT, ended_at__isnull=True)
        .order_by("-pk")
        .first()
    )
    if wait is None or not wait.amount:
        return 0
    paid = Payment.objects.filter(
        dossier=dossier, status=PaymentStatus.PAID, surplus=False, paid_at__gte=wait.started_at
    ).aggregate(total=Sum("obligation"))["total"]
    return max(wait.amount - (paid or 0), 0)


def asked_now(dossier: Dossier, due: Due) -> bool:
    """Whether the citizen is asked to pay now: an obligation an officer asked for, fees due at
    filing (the procedure's setting), or the result ready."""
    return (
        due.obligation > 0
        or dossier.procedure_version.payment_due == PaymentDue.AT_FILING
        or dossier.status == Status.READY
    )


def payments_of(dossier: Dossier) -> list[Payment]:
    return list(
        Payment.objects.filter(dossier=dossier)
        .exclude(status=PaymentStatus.CANCELLED)
        .select_related("received_by", "merchant")
        .order_by("-created_at", "-pk")
    )


def receipts_of(dossier: Dossier) -> list[Receipt]:
    return list(
        Receipt.objects.filter(payment__dossier=dossier)
        .select_related("series", "payment", "file")
        .order_by("issued_at", "pk")
    )


def lines_of(dossier: Dossier) -> list[FeeLine]:
    return list(FeeLine.objects.filter(dossier=dossier).select_related("payment"))


@dataclass(frozen=True)
class Reconciliation:
    """What a collecting agency took in a period (đối soát thu phí, lệ phí): each payment paid
    in it, each refund made in it, and the totals by method."""

    payments: list[Payment]
    refunds: list[Refund]
    by_method: dict[str, int]
    total: int
    refunded: int


def reconciliation(*, agency: Agency, start: date, end: date) -> Reconciliation:
    """Payments of `agency` paid between the days `start` and `end` (inclusive, Vietnam time)."""
    since = datetime.combine(start, time.min, tzinfo=clock.VN_TZ)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=clock.VN_TZ)
    paid = list(
        Payment.objects.filter(agency=agency, paid_at__gte=since, paid_at__lt=until)
        .exclude(status=PaymentStatus.CANCELLED)
        .select_related("dossier", "received_by", "merchant")
        .order_by("paid_at", "pk")
    )
    refunds = list(
        Refund.objects.filter(
            payment__agency=agency, status=RefundStatus.DONE, at__gte=since, at__lt=until
        )
        .select_related("payment__dossier", "by")
        .order_by("at", "pk")
    )
    by_method: dict[str, int] = {}
    for payment in paid:
        by_method[payment.method] = by_method.get(payment.method, 0) + payment.amount
    return Reconciliation(
        payments=paid,
        refunds=refunds,
        by_method=by_method,
        total=sum(by_method.values()),
        refunded=sum(refund.amount for refund in refunds),
    )
