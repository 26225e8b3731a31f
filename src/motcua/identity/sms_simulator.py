"""The SMS simulator's phone inbox at /_sim/tin-nhan/: the text messages the demo "sent" (through
`identity.sms.SimulatorBackend`), so that a demo user can read the code they were sent. Only with
`MOTCUA_SMS_SIMULATOR` on (DEBUG only); 404 otherwise."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.core.phones import normalise_phone
from motcua.identity.selectors import simulated_inbox


@require_GET
def inbox(request):
    if not settings.MOTCUA_SMS_SIMULATOR:
        raise Http404
    typed = request.GET.get("so", "").strip()
    phone = normalise_phone(typed) or ""
    return render(
        request,
        "identity/simulator/sms_inbox.html",
        {"inbox": simulated_inbox(phone=phone or typed), "phone": typed},
    )
