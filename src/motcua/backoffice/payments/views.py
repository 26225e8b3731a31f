"""Fees in the back office: the panel on a dossier's page (what is owed and paid; assess, take
cash, refund; the e-receipts, to download, cancel or replace) and the reconciliation report per
collecting agency and period (screen, Excel)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.backoffice.decorators import officer_required
from motcua.backoffice.inbox.book import XLSX, download
from motcua.backoffice.payments.forms import (
    AssessForm,
    CashForm,
    ReceiptEndForm,
    ReconciliationForm,
    RefundForm,
)
from motcua.core.errors import DomainError, NotFound
from motcua.core.money import vnd
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.models import Dossier
from motcua.payments import receipts, report, selectors, services
from motcua.payments.models import Payment, PaymentMethod, Receipt


def panel(user: User, dossier: Dossier, *, bound: dict | None = None) -> dict:
    """The fees panel's context on the officer's dossier page (a dossier the outbox consumer
    has not assessed yet is assessed now, as on the citizen's page)."""
    services.ensure_assessed(dossier)
    due = selectors.due(dossier)
    may_collect = access.can(user, "payments.collect", dossier)
    may_refund = access.can(user, "payments.refund", dossier)
    bound = bound or {}
    return {
        "fees": {
            "lines": selectors.lines_of(dossier),
            "payments": [
                {
                    "payment": payment,
                    "amount": vnd(payment.amount),
                    "refund_form": bound.get(payment.reference)
                    or RefundForm(initial={"amount": payment.amount - payment.refunded_amount}),
                    "refundable": may_refund
                    and payment.paid_at is not None
                    and payment.refunded_amount < payment.amount,
                }
                for payment in selectors.payments_of(dossier)
            ],
            "due": vnd(due.total) if due.total else "",
            "unknown": due.unknown,
            "obligation": vnd(due.obligation) if due.obligation else "",
            "assess_form": (bound.get("assess") or AssessForm()) if may_collect else None,
            "cash_form": (bound.get("cash") or CashForm(initial={"amount": due.total or None}))
            if may_collect and due.total
            else None,
            "may_collect": may_collect,
            "receipts": selectors.receipts_of(dossier),
        }
    }


def _dossier(request: HttpRequest, key: str) -> Dossier:
    try:
        return dossier_selectors.dossier_by_code_or_reference(key, user=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _done(request: HttpRequest, dossier: Dossier, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("backoffice:dossier", key=dossier.key)


def _refused(request: HttpRequest, dossier: Dossier, exc: DomainError) -> HttpResponse:
    if exc.status == 403:
        raise PermissionDenied(exc.message) from exc
    messages.error(request, exc.message)
    return redirect("backoffice:dossier", key=dossier.key)


@officer_required
@require_POST
def assess(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _dossier(request, key)
    form = AssessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số bản, số trang phải là số không âm."))
        return redirect("backoffice:dossier", key=dossier.key)
    data = form.cleaned_data
    try:
        services.assess(
            dossier=dossier,
            user=request.user,
            case=data["case"],
            quantities={"ban": data["copies"], "trang": data["pages"]},
            exemptions=(data["exemption"],) if data["exemption"] else (),
            unpriced_amount=data["unpriced_amount"],
        )
    except DomainError as exc:
        return _refused(request, dossier, exc)
    return _done(request, dossier, _("Đã tính lại phí, lệ phí của hồ sơ."))


@officer_required
@require_POST
def cash(request: HttpRequest, key: str) -> HttpResponse:
    dossier = _dossier(request, key)
    form = CashForm(request.POST)
    if not form.is_valid():
        said = form.errors.get("amount") or [_("Nhập số tiền đã thu (số nguyên dương, đồng).")]
        messages.error(request, said[0])
        return redirect("backoffice:dossier", key=dossier.key)
    try:
        payment = services.record_cash(
            user=request.user,
            dossier=dossier,
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _refused(request, dossier, exc)
    return _done(
        request,
        dossier,
        _("Đã ghi nhận thu %(amount)s đồng tiền mặt, mã %(reference)s.")
        % {"amount": vnd(payment.amount), "reference": payment.reference},
    )


@officer_required
@require_POST
def refund(request: HttpRequest, reference: str) -> HttpResponse:
    payment = get_object_or_404(Payment.objects.select_related("dossier"), reference=reference)
    dossier = _dossier(request, payment.dossier.key)
    form = RefundForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("backoffice:dossier", key=dossier.key)
    try:
        services.refund(
            user=request.user,
            payment=payment,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            client_ip=request.META.get("REMOTE_ADDR", "127.0.0.1"),
        )
    except DomainError as exc:
        return _refused(request, dossier, exc)
    return _done(
        request,
        dossier,
        _("Đã hoàn %(amount)s đồng của giao dịch %(reference)s.")
        % {"amount": vnd(form.cleaned_data["amount"]), "reference": reference},
    )


def _receipt(request: HttpRequest, lookup_code: str) -> Receipt:
    found = get_object_or_404(
        Receipt.objects.select_related("payment__dossier", "series", "file"),
        lookup_code=lookup_code,
    )
    _dossier(request, found.payment.dossier.key)  # 404 for a dossier the officer cannot see
    return found


@officer_required
def receipt_file(request: HttpRequest, lookup_code: str) -> FileResponse:
    found = _receipt(request, lookup_code)
    if found.file is None:
        raise Http404
    handle = found.file.file.storage.open(found.file.file.name, "rb")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=found.file.original_name,
        content_type="application/pdf",
    )


@officer_required
@require_POST
def receipt_end(request: HttpRequest, lookup_code: str, how: str) -> HttpResponse:
    if how not in ("huy", "thay-the"):
        raise Http404
    found = _receipt(request, lookup_code)
    dossier = found.payment.dossier
    form = ReceiptEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập lý do hủy hoặc thay thế biên lai."))
        return redirect("backoffice:dossier", key=dossier.key)
    try:
        if how == "huy":
            receipts.cancel(user=request.user, receipt=found, reason=form.cleaned_data["reason"])
            message = _("Đã hủy biên lai %(receipt)s.") % {"receipt": found}
        else:
            new = receipts.replace(
                user=request.user,
                receipt=found,
                reason=form.cleaned_data["reason"],
                payer_name=form.cleaned_data["payer_name"],
            )
            message = _("Đã lập biên lai %(new)s thay thế biên lai %(old)s.") % {
                "new": new,
                "old": found,
            }
    except DomainError as exc:
        return _refused(request, dossier, exc)
    return _done(request, dossier, message)


@officer_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    form = ReconciliationForm(request.GET or None, user=request.user)
    context: dict = {"form": form, "report": None}
    if form.is_bound and form.is_valid():
        agency, start, end = (form.cleaned_data[k] for k in ("don_vi", "tu_ngay", "den_ngay"))
        found = selectors.reconciliation(agency=agency, start=start, end=end)
        if request.GET.get("dinh_dang") == "xlsx":
            sheet = report.reconciliation_xlsx(found, agency_name=agency.name, start=start, end=end)
            return download(sheet, f"doi-soat-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", XLSX)
        context |= {
            "report": found,
            "rows": [(payment, vnd(payment.amount)) for payment in found.payments],
            "refund_rows": [(refund, vnd(refund.amount)) for refund in found.refunds],
            "totals": [
                (label, vnd(found.by_method.get(method, 0)))
                for method, label in PaymentMethod.choices
            ],
            "total": vnd(found.total),
            "refunded": vnd(found.refunded),
        }
    return render(request, "backoffice/payments/reconciliation.html", context)
