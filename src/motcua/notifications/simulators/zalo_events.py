"""The simulated Zalo platform's side of the OA webhook: an event as Zalo shapes it (app id,
millisecond timestamp, the follower's id), signed with the simulated OA's secret
(`MOTCUA_NOTIFY_SIMULATOR_ZALO_APP`) and posted to the webhook address registered for the OA."""

import json
import time
import uuid

import requests
from django.conf import settings
from django.urls import reverse

from motcua.notifications.contrib.zalo_oa.plugin import SIGNATURE_HEADER, event_signature

OA_ID = "2000000000000000002"


class NotDelivered(Exception):
    pass


def shaped_event(*, zalo_user_id: str, event: str, text: str = "") -> dict:
    app = settings.MOTCUA_NOTIFY_SIMULATOR_ZALO_APP
    shaped = {
        "app_id": app["app_id"],
        "user_id_by_app": f"app-{zalo_user_id}",
        "event_name": event,
        "timestamp": str(int(time.time() * 1000)),
    }
    if event == "user_send_text":
        return shaped | {
            "sender": {"id": zalo_user_id},
            "recipient": {"id": OA_ID},
            "message": {"text": text, "msg_id": uuid.uuid4().hex},
        }
    return shaped | {"oa_id": OA_ID, "source": "oa_profile", "follower": {"id": zalo_user_id}}


def send(*, zalo_user_id: str, event: str, text: str = "") -> str:
    """Post the event; the webhook's answer (what it did), or NotDelivered."""
    shaped = shaped_event(zalo_user_id=zalo_user_id, event=event, text=text)
    raw = json.dumps(shaped, ensure_ascii=False).encode()
    app = settings.MOTCUA_NOTIFY_SIMULATOR_ZALO_APP
    signature = event_signature(
        raw, app_id=app["app_id"], timestamp=shaped["timestamp"], secret=app["oa_secret_key"]
    )
    url = settings.MOTCUA_PUBLIC_URL.rstrip("/") + reverse("zalo-oa:webhook")
    try:
        response = requests.post(
            url,
            data=raw,
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature},
            timeout=10,
        )
    except requests.RequestException as exc:
        raise NotDelivered(str(exc)) from exc
    if response.status_code != 200:
        raise NotDelivered(f"HTTP {response.status_code}")
    return str(response.json().get("message", ""))
