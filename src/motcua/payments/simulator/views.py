"""The VNPay simulator's pages and API under /_sim/vnpay/ (DEBUG only): the payment page with
pay / fail / cancel (and "pay, but lose the IPN"), the merchant web API, and a list of what it
saw (the demo's view of payments from the gateway's side)."""

import json

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.money import vnd
from motcua.payments.models import SimulatedTransaction
from motcua.payments.simulator import gateway


@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    try:
        checked = gateway.check(params)
        if request.method == "POST" and request.POST.get("choice") in gateway.CHOICES:
            return HttpResponseRedirect(gateway.finish(checked, choice=request.POST["choice"]))
    except gateway.Refused as refused:
        return render(
            request,
            "payments/simulator/refused.html",
            {"code": refused.code, "message": str(refused)},
            status=400,
        )
    return render(
        request,
        "payments/simulator/pay.html",
        {"merchant": checked.merchant, "amount": vnd(checked.amount), "params": params},
    )


@csrf_exempt
@require_POST
def api(request: HttpRequest) -> HttpResponse:
    try:
        body = json.loads(request.body)
    except ValueError:
        return JsonResponse({"vnp_ResponseCode": "99", "vnp_Message": "Invalid JSON"}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"vnp_ResponseCode": "99", "vnp_Message": "Invalid JSON"}, status=400)
    return JsonResponse(gateway.answer_api(body))


def ledger(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/simulator/ledger.html",
        {"transactions": SimulatedTransaction.objects.all()[:100]},
    )
