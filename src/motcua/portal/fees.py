"""The fees on the citizen's dossier page (Phí, lệ phí): what is owed, what was paid and how, the
e-receipts to download, and the button that sends them to the payment gateway when a payment is
due now."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, NotFound
from motcua.core.money import vnd
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.models import FINAL_STATUSES, Dossier
from motcua.payments import selectors, services
from motcua.payments.models import Receipt, ReceiptStatus


def fees_panel(dossier: Dossier) -> dict:
    """The panel's context: the lines, the payments, and what may be paid online now. A dossier
    the outbox consumer has not assessed yet (it runs moments after filing) is assessed here, so
    the amount shown is the amount the gateway will be asked for."""
    services.ensure_assessed(dossier)
    lines = selectors.lines_of(dossier)
    payments = selectors.payments_of(dossier)
    due = selectors.due(dossier)
    payable = due.total > 0 and not due.unknown and dossier.status not in FINAL_STATUSES
    return {
        "fees": {
            "lines": [
                {
                    "name": line.name,
                    "amount": vnd(line.amount) if line.amount is not None else None,
                    "quantity": line.quantity,
                    "exemption": line.exemption,
                    "paid": line.payment_id is not None,
                    "free": line.amount == 0,
                }
                for line in lines
            ],
            "obligation": vnd(due.obligation) if due.obligation else "",
            "due": vnd(due.total) if due.total else "",
            "unknown": due.unknown,
            "payable": payable and selectors.asked_now(dossier, due),
            "receipts": [
                {
                    "label": str(receipt),
                    "lookup_code": receipt.lookup_code,
                    "status": receipt.get_status_display(),
                    "issued": receipt.status == ReceiptStatus.ISSUED,
                }
                for receipt in selectors.receipts_of(dossier)
                if receipt.file_id
            ],
            "payments": [
                {
                    "reference": payment.reference,
                    "amount": vnd(payment.amount),
                    "method": payment.get_method_display(),
                    "status": payment.get_status_display(),
                    "paid_at": payment.paid_at,
                }
                for payment in payments
            ],
        }
        if lines or payments or due.obligation
        else None
    }


@login_required
def receipt(request: HttpRequest, key: str, lookup_code: str) -> FileResponse:
    """One of the caller's receipts, as the provider made it."""
    try:
        dossier = dossier_selectors.one_of_mine(request.user, key)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    found = (
        Receipt.objects.select_related("file")
        .filter(payment__dossier=dossier, lookup_code=lookup_code, file__isnull=False)
        .first()
    )
    if found is None:
        raise Http404
    handle = found.file.file.storage.open(found.file.file.name, "rb")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=found.file.original_name,
        content_type="application/pdf",
    )


@login_required
@require_POST
def pay(request: HttpRequest, key: str) -> HttpResponse:
    try:
        dossier = dossier_selectors.one_of_mine(request.user, key)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        url = services.start_online(
            user=request.user,
            dossier=dossier,
            # The address registered with the gateway, not whatever Host the request named.
            return_url=f"{settings.MOTCUA_PUBLIC_URL}{reverse('vnpay:return')}",
            client_ip=request.META.get("REMOTE_ADDR", "127.0.0.1"),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:my-dossier", key=dossier.key)
    return redirect(url)
