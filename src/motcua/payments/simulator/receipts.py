"""The e-receipt provider's stand-in under /_sim/bien-lai/ (demo and tests only), speaking the
protocol of `payments.contrib.receipt_http`: it numbers receipts of each registered form and
serial in order without gaps, answers a repeated reference with the same receipt, renders the
PDF, cancels, and keeps a replaced receipt's number on its replacement. An API key it does not
know is refused (401); a form and serial nobody registered, 422."""

import json
import secrets
from datetime import datetime
from pathlib import Path

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.core import clock
from motcua.core.money import in_words, vnd
from motcua.documents.pdf import render_html, render_pdf
from motcua.payments.models import SimulatedReceipt, SimulatedReceiptSeries

TEMPLATE = (Path(__file__).parent / "receipt.html").read_text(encoding="utf-8")
API_KEY = "khoa-bien-lai-mo-phong"  # the demo's, public


def _authorised(request: HttpRequest) -> bool:
    return request.headers.get("X-Api-Key", "") == API_KEY


def _refused(status: int, error: str) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


def _answer(receipt: SimulatedReceipt, status: int = 200) -> JsonResponse:
    return JsonResponse(
        {
            "number": receipt.number,
            "lookup_code": receipt.lookup_code,
            "issued_at": receipt.issued_at.isoformat(),
            "status": receipt.status,
        },
        status=status,
    )


@csrf_exempt
@require_POST
def issue(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        return _refused(401, "sai khóa API")
    try:
        content = json.loads(request.body)
        reference = str(content["reference"])
        form_code, serial = str(content["form_code"]), str(content["serial"])
    except (ValueError, KeyError, TypeError):
        return _refused(400, "thiếu reference, form_code hoặc serial")
    known = SimulatedReceipt.objects.filter(reference=reference).first()
    if known is not None:
        return _answer(known)
    try:
        with transaction.atomic():
            series = SimulatedReceiptSeries.objects.select_for_update().get(
                form_code=form_code, serial=serial
            )
            series.last_number += 1
            series.save(update_fields=["last_number"])
            replaces = content.get("replaces")
            receipt = SimulatedReceipt.objects.create(
                series=series,
                number=series.last_number,
                reference=reference,
                lookup_code=secrets.token_hex(6).upper(),
                content=content,
                replaces=int(replaces) if replaces else None,
                issued_at=clock.now(),
            )
            if replaces:
                SimulatedReceipt.objects.filter(series=series, number=int(replaces)).update(
                    status="replaced"
                )
    except SimulatedReceiptSeries.DoesNotExist:
        return _refused(422, "ký hiệu mẫu số, ký hiệu biên lai chưa đăng ký")
    except IntegrityError:  # the same reference, at the same moment: the first one's receipt
        return _answer(SimulatedReceipt.objects.get(reference=reference))
    return _answer(receipt, status=201)


def _found(form_code: str, serial: str, number: int) -> SimulatedReceipt | None:
    return (
        SimulatedReceipt.objects.select_related("series")
        .filter(series__form_code=form_code, series__serial=serial, number=number)
        .first()
    )


@require_GET
def pdf(request: HttpRequest, form_code: str, serial: str, number: int) -> HttpResponse:
    if not _authorised(request):
        return _refused(401, "sai khóa API")
    receipt = _found(form_code, serial, number)
    if receipt is None:
        return _refused(404, "không có biên lai này")
    content = receipt.content
    context = {
        **content,
        "number": f"{receipt.number:07d}",
        "lookup_code": receipt.lookup_code,
        "lines": [
            {**line, "amount_text": vnd(int(line.get("amount", 0)))}
            for line in content.get("lines", [])
        ],
        "total_text": vnd(int(content.get("total", 0))),
        "total_words": in_words(int(content.get("total", 0))),
        "paid_on": datetime.fromisoformat(content["paid_at"])
        .astimezone(clock.VN_TZ)
        .strftime("%d/%m/%Y")
        if content.get("paid_at")
        else "",
        "replaces": f"{receipt.replaces:07d}" if receipt.replaces else "",
    }
    return HttpResponse(render_pdf(render_html(TEMPLATE, context)), content_type="application/pdf")


@csrf_exempt
@require_POST
def cancel(request: HttpRequest, form_code: str, serial: str, number: int) -> HttpResponse:
    if not _authorised(request):
        return _refused(401, "sai khóa API")
    receipt = _found(form_code, serial, number)
    if receipt is None:
        return _refused(404, "không có biên lai này")
    if receipt.status != "issued":
        return _refused(409, "biên lai đã hủy hoặc đã bị thay thế")
    SimulatedReceipt.objects.filter(pk=receipt.pk).update(status="cancelled")
    return JsonResponse({"status": "cancelled"})


def ledger(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/simulator/receipts.html",
        {"receipts": SimulatedReceipt.objects.select_related("series")[:100]},
    )


def register_series(*, form_code: str, serial: str) -> None:
    """A form and serial as registered with the tax authority (the demo's, a test's)."""
    SimulatedReceiptSeries.objects.get_or_create(form_code=form_code, serial=serial)
