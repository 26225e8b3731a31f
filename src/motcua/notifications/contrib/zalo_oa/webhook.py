"""The Zalo OA's webhook (`POST /zalo-oa/webhook/`), the address registered for the OA at
developers.zalo.me: no session, the event's signature is the credential. A forged or foreign
event is answered 403 and changes nothing; every authentic one 200 (Zalo repeats events it
sees refused), with what it did (`notifications.zalo.receive_event`). 404 while no OA secret
is configured."""

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.notifications import zalo
from motcua.notifications.contrib.zalo_oa import plugin


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> JsonResponse:
    if not plugin.config()["oa_secret_key"]:
        raise Http404
    event = plugin.verify_event(request.body, request.headers.get(plugin.SIGNATURE_HEADER, ""))
    if event is None:
        return JsonResponse({"error": -1, "message": "bad signature"}, status=403)
    return JsonResponse({"error": 0, "message": zalo.receive_event(event)})
