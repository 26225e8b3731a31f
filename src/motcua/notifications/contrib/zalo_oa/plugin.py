"""Zalo Official Account messages (Zalo OA Open API v3.0, developers.zalo.me): a POST of
`{"recipient": {"user_id": ...}, "message": {"text": ...}}` to `<base_url>/v3.0/oa/message/cs`
with the OA's access token in the `access_token` header. Zalo answers HTTP 200 for refusals too:
`error` is 0 on success (with `data.message_id`), negative otherwise, `message` says why (an
invalid or expired token, a user who does not follow the OA, ...).

Configuration: `MOTCUA_NOTIFY_ZALO` (JSON over `DEFAULTS`). The simulator is configured with the
token in an `access-token` header (`token_header`): Django's servers, like nginx and gunicorn by
default, drop header names with an underscore, and both spellings reach it as
`HTTP_ACCESS_TOKEN`.

The OA's webhook (events such as a follower's text message or an unfollow) is authenticated by
`X-ZEvent-Signature: mac=<hex SHA-256 of app_id + raw body + timestamp + OA secret key>`, the
app id and the timestamp read from the body (`verify_event`); `app_id` and `oa_secret_key`
configure it, and without a secret the webhook is off.

The OA API takes no idempotency key (`real_api_idempotent` is False): a copy sent again after a
crash reaches the citizen twice. The request carries the key in an `X-Idempotency-Key` header
all the same, which Zalo ignores and the simulator honours.
"""

import hashlib
import hmac
import json
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from motcua.notifications.channels import Outgoing, SendFailed
from motcua.notifications.kinds import Channel

DEFAULTS: dict[str, Any] = {
    "base_url": "https://openapi.zalo.me",
    "path": "/v3.0/oa/message/cs",
    "access_token": "",
    "token_header": "access_token",
    "timeout_seconds": 10,
    "app_id": "",
    "oa_secret_key": "",
}
IDEMPOTENCY_HEADER = "X-Idempotency-Key"


def config() -> dict[str, Any]:
    return {**DEFAULTS, **(settings.MOTCUA_NOTIFY_ZALO or {})}


class ZaloOaPlugin:
    channel = Channel.ZALO
    real_api_idempotent = False

    def configured(self) -> bool:
        return bool(config()["access_token"])

    def send(self, outgoing: Outgoing) -> str:
        conf = config()
        try:
            response = requests.post(
                conf["base_url"].rstrip("/") + conf["path"],
                json={
                    "recipient": {"user_id": outgoing.recipient},
                    "message": {"text": outgoing.body},
                },
                headers={
                    conf["token_header"]: conf["access_token"],
                    IDEMPOTENCY_HEADER: outgoing.idempotency_key,
                },
                timeout=float(conf["timeout_seconds"]),
            )
        except requests.Timeout as exc:
            raise SendFailed(_("Zalo OA không trả lời kịp: %(error)s") % {"error": exc}) from exc
        except requests.RequestException as exc:
            raise SendFailed(_("Không kết nối được Zalo OA: %(error)s") % {"error": exc}) from exc
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != 200 or not isinstance(answer, dict):
            raise SendFailed(
                _("Zalo OA trả lời HTTP %(status)s: %(detail)s")
                % {"status": response.status_code, "detail": response.text[:300]}
            )
        if answer.get("error") != 0:
            raise SendFailed(
                _("Zalo OA từ chối (mã %(code)s): %(detail)s")
                % {"code": answer.get("error"), "detail": answer.get("message", "")}
            )
        return str((answer.get("data") or {}).get("message_id", ""))


SIGNATURE_HEADER = "X-ZEvent-Signature"


def event_signature(raw: bytes, *, app_id: str, timestamp: str, secret: str) -> str:
    signed = app_id.encode() + raw + timestamp.encode() + secret.encode()
    return "mac=" + hashlib.sha256(signed).hexdigest()


def verify_event(raw: bytes, header: str) -> dict | None:
    """The webhook event in `raw` when its signature and app id are this OA's, else None."""
    conf = config()
    if not conf["oa_secret_key"]:
        return None
    try:
        event = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(event, dict) or str(event.get("app_id", "")) != str(conf["app_id"]):
        return None
    expected = event_signature(
        raw,
        app_id=str(event.get("app_id", "")),
        timestamp=str(event.get("timestamp", "")),
        secret=conf["oa_secret_key"],
    )
    return event if hmac.compare_digest(header.strip().encode(), expected.encode()) else None
