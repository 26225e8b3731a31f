"""SMS through any HTTP gateway (the brand-name SMS services of Viettel, VNPT, FPT, eSMS...):
the URL, the method, how the body is encoded, which field carries the phone number, the text and
the idempotency key, fixed fields (brand name, account), headers (authentication), and how a
success is recognised are all configuration (`MOTCUA_NOTIFY_SMS`, JSON, over `DEFAULTS`).

Idempotency: whether the gateway drops a repeated request id depends on the gateway; the
configuration says so (`honours_idempotency_key`). Most brand-name gateways take a client
request id but do not promise to drop repeats, so the default is no: at least once. The
simulator does drop them.
"""

from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from motcua.notifications.channels import Outgoing, SendFailed
from motcua.notifications.kinds import Channel

DEFAULTS: dict[str, Any] = {
    "url": "",
    "method": "POST",
    # "json", "form" (application/x-www-form-urlencoded) or "query" (fields in the URL).
    "encoding": "json",
    "fields": {"phone": "to", "text": "message", "idempotency_key": "request_id"},
    "static_fields": {},
    "headers": {},
    # "national" (0912345678) or "international" (84912345678).
    "phone_format": "national",
    "success_status": [200, 201, 202],
    # A dotted path into the JSON answer and the value it must hold; empty: the status decides.
    "success_field": "status",
    "success_value": "ok",
    "message_id_field": "id",
    "error_field": "message",
    "timeout_seconds": 10,
    "honours_idempotency_key": False,
}


def config() -> dict[str, Any]:
    given = settings.MOTCUA_NOTIFY_SMS or {}
    return {
        **DEFAULTS,
        **given,
        "fields": {**DEFAULTS["fields"], **given.get("fields", {})},
    }


def _pick(answer: Any, path: str) -> Any:
    for part in path.split(".") if path else []:
        if not isinstance(answer, dict):
            return None
        answer = answer.get(part)
    return answer


class HttpSmsPlugin:
    channel = Channel.SMS

    @property
    def real_api_idempotent(self) -> bool:
        return bool(config()["honours_idempotency_key"])

    def configured(self) -> bool:
        return bool(config()["url"])

    def send(self, outgoing: Outgoing) -> str:
        conf = config()
        phone = outgoing.recipient
        if conf["phone_format"] == "international" and phone.startswith("0"):
            phone = "84" + phone[1:]
        fields = {
            **conf["static_fields"],
            conf["fields"]["phone"]: phone,
            conf["fields"]["text"]: outgoing.body,
        }
        if conf["fields"].get("idempotency_key"):
            fields[conf["fields"]["idempotency_key"]] = outgoing.idempotency_key
        shape = {"json": "json", "form": "data", "query": "params"}[conf["encoding"]]
        try:
            response = requests.request(
                conf["method"],
                conf["url"],
                headers=conf["headers"],
                timeout=float(conf["timeout_seconds"]),
                **{shape: fields},
            )
        except requests.Timeout as exc:
            raise SendFailed(_("Cổng SMS không trả lời kịp: %(error)s") % {"error": exc}) from exc
        except requests.RequestException as exc:
            raise SendFailed(_("Không kết nối được cổng SMS: %(error)s") % {"error": exc}) from exc
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code not in conf["success_status"] or (
            conf["success_field"]
            and str(_pick(answer, conf["success_field"])) != str(conf["success_value"])
        ):
            detail = _pick(answer, conf["error_field"]) or response.text[:300]
            if response.status_code in conf["success_status"]:  # taken, then refused in the body
                raise SendFailed(_("Cổng SMS từ chối: %(detail)s") % {"detail": detail})
            raise SendFailed(
                _("Cổng SMS từ chối (HTTP %(status)s): %(detail)s")
                % {"status": response.status_code, "detail": detail}
            )
        return str(_pick(answer, conf["message_id_field"]) or "")
