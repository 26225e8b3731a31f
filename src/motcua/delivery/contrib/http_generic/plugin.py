"""The generic HTTP postal plugin: a carrier's JSON API described by configuration, not code.

`settings.MOTCUA_POSTAL` (JSON from the environment) gives the base URL and the API key, and
optionally the paths, the field mapping of the booking request (our field → theirs; an empty name
leaves the field out), the answer's fields holding the tracking number and fee, the fields of a
status report (tracking number, status, time) with the carrier's words for our statuses, the time
format, and the shared secret and header of the signed notifications — merged over `DEFAULTS`,
which are what the simulator at /_sim/buu-dien/ speaks.

- book: `POST {base_url}{paths.create}` with the mapped fields (flat JSON) and the API key in
  `api_key_header`; the answer names the tracking number and fee.
- query: `GET {base_url}{paths.query}` (`{tracking_number}` filled in) answers a status report;
  an empty `paths.query` means the carrier cannot be asked.
- notifications: the carrier POSTs a status report to `/buu-chinh/http-generic/thong-bao/`, its
  raw body signed with HMAC-SHA256 (hex) under `callback_secret`, sent in `signature_header`.

Each request is short and bounded (`timeout_seconds`): the officer never waits long at the desk.
"""

import hashlib
import hmac
from dataclasses import asdict
from datetime import datetime
from typing import Any
from urllib.parse import quote

import requests
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.delivery.models import ShipmentStatus
from motcua.delivery.providers import Booking, Parcel, Report

NAME = "http_generic"
DEFAULTS: dict[str, Any] = {
    "provider": NAME,
    "base_url": "",
    "api_key": "",
    "api_key_header": "X-Api-Key",
    "timeout_seconds": 5,
    "paths": {"create": "/shipments", "query": "/shipments/{tracking_number}"},
    "create_fields": {
        "reference": "order_code",
        "recipient": "receiver_name",
        "phone": "receiver_phone",
        "address": "receiver_address",
        "sender_name": "sender_name",
        "sender_phone": "sender_phone",
        "sender_address": "sender_address",
        "content": "content",
        "callback_url": "callback_url",
    },
    "response_fields": {"tracking_number": "tracking_number", "fee": "fee", "message": "message"},
    "report_fields": {"tracking_number": "tracking_number", "status": "status", "time": "time"},
    # The carrier's word for each of our statuses.
    "status_values": {
        ShipmentStatus.CREATED: "CREATED",
        ShipmentStatus.PICKED_UP: "PICKED_UP",
        ShipmentStatus.IN_TRANSIT: "IN_TRANSIT",
        ShipmentStatus.DELIVERED: "DELIVERED",
        ShipmentStatus.RETURNED: "RETURNED",
    },
    # "iso" (ISO 8601), or a strftime format read as Vietnamese time (e.g. "%Y%m%d%H%M%S").
    "time_format": "iso",
    "callback_secret": "",
    "signature_header": "X-Signature",
}
TABLES = ("paths", "create_fields", "response_fields", "report_fields", "status_values")


def config() -> dict[str, Any]:
    """The defaults with the settings over them (the nested tables merged key by key)."""
    given = settings.MOTCUA_POSTAL or {}
    merged = {**DEFAULTS, **given}
    for table in TABLES:
        merged[table] = {**DEFAULTS[table], **given.get(table, {})}
    return merged


def signature(body: bytes, secret: str) -> str:
    """The notification's signature: HMAC-SHA256 of the raw body, hex."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def callback_url() -> str:
    return settings.MOTCUA_PUBLIC_URL + reverse("postal-http-generic:callback")


class HttpGenericProvider:
    name = NAME

    def configured(self) -> bool:
        return bool(config()["base_url"])

    def can_query(self) -> bool:
        return bool(config()["paths"]["query"])

    def book(self, parcel: Parcel) -> Booking:
        conf = config()
        ours = {**asdict(parcel), "callback_url": callback_url()}
        body = {theirs: ours[field] for field, theirs in conf["create_fields"].items() if theirs}
        answer = _call("post", conf["paths"]["create"], json=body)
        names = conf["response_fields"]
        tracking_number = str(_required(answer, names["tracking_number"])).strip()[:64]
        try:
            fee = int(answer.get(names["fee"]) or 0)
        except (TypeError, ValueError):
            fee = -1
        if fee < 0:
            raise _bad_answer(names["fee"])
        return Booking(tracking_number=tracking_number, fee=fee)

    def query(self, tracking_number: str) -> Report:
        path = config()["paths"]["query"].format(tracking_number=quote(tracking_number, safe=""))
        return read_report(_call("get", path))

    def verify(self, body: bytes, given: str) -> bool:
        """Whether `given` is the signature of `body` under the shared secret (never without
        one: an installation that set no secret accepts no notification)."""
        secret = config()["callback_secret"]
        return bool(secret) and hmac.compare_digest(signature(body, secret), given or "")


def read_report(answer: dict[str, Any]) -> Report:
    """A status report (a notification's body or a query's answer) in our words;
    ValidationFailed when it is not one."""
    conf = config()
    names = conf["report_fields"]
    ours = {str(theirs): status for status, theirs in conf["status_values"].items()}
    tracking_number = str(answer.get(names["tracking_number"]) or "").strip()
    status = ours.get(str(answer.get(names["status"]) or ""))
    if not tracking_number or status is None:
        raise ValidationFailed(
            _("Thông báo của dịch vụ bưu chính thiếu số hiệu bưu gửi hoặc trạng thái không rõ."),
            code="bad_report",
        )
    return Report(tracking_number=tracking_number, status=status, at=_moment(answer, conf))


def _moment(answer: dict[str, Any], conf: dict[str, Any]) -> datetime | None:
    raw = str(answer.get(conf["report_fields"]["time"]) or "").strip()
    if not raw:
        return None
    try:
        if conf["time_format"] == "iso":
            moment = datetime.fromisoformat(raw)
        else:
            # A format without an offset is read as Vietnamese time, below.
            moment = datetime.strptime(raw, conf["time_format"])  # noqa: DTZ007
    except ValueError as exc:
        raise ValidationFailed(
            _("Thời điểm trong thông báo của dịch vụ bưu chính không đọc được: %(time)s.")
            % {"time": raw[:40]},
            code="bad_report",
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.VN_TZ)


def _call(method: str, path: str, **kwargs) -> dict[str, Any]:
    conf = config()
    url = conf["base_url"].rstrip("/") + path
    headers = {conf["api_key_header"]: conf["api_key"]} if conf["api_key"] else {}
    try:
        response = requests.request(
            method, url, headers=headers, timeout=float(conf["timeout_seconds"]), **kwargs
        )
    except requests.RequestException as exc:
        raise Conflict(
            _(
                "Chưa kết nối được dịch vụ bưu chính nên chưa trả kết quả và chưa tạo bưu gửi; "
                "nội dung đã nhập vẫn còn. Thử lại sau ít phút, hoặc gửi tại quầy bưu điện rồi "
                "nhập số hiệu bưu gửi."
            ),
            code="postal_unavailable",
        ) from exc
    try:
        answer = response.json()
    except ValueError:
        answer = None
    answer = answer if isinstance(answer, dict) else {}
    said = str(answer.get(conf["response_fields"]["message"]) or "").strip()[:300]
    if response.status_code in (401, 403):
        raise Conflict(
            _(
                "Dịch vụ bưu chính không chấp nhận khóa kết nối của hệ thống: báo quản trị hệ "
                "thống kiểm tra cấu hình MOTCUA_POSTAL."
            ),
            code="postal_unauthorised",
        )
    if response.status_code == 404:
        if method == "get":
            raise Conflict(_("Dịch vụ bưu chính không biết bưu gửi này."), code="postal_unknown")
        raise Conflict(
            _(
                "Dịch vụ bưu chính không có địa chỉ đặt gửi đã cấu hình (mã 404): báo quản trị "
                "hệ thống kiểm tra cấu hình MOTCUA_POSTAL."
            ),
            code="postal_error",
        )
    if 400 <= response.status_code < 500:
        raise ValidationFailed(
            _(
                "Bưu điện từ chối nhận bưu gửi: %(reason)s Kiểm tra địa chỉ, người nhận và số "
                "điện thoại rồi gửi lại."
            )
            % {"reason": said or _("không nêu lý do.")},
            code="postal_refused",
        )
    if response.status_code >= 400 or not answer:
        raise Conflict(
            _(
                "Dịch vụ bưu chính báo lỗi (mã %(status)s) nên chưa trả kết quả và chưa tạo bưu "
                "gửi. Thử lại sau ít phút."
            )
            % {"status": response.status_code},
            code="postal_error",
        )
    return answer


def _required(answer: dict[str, Any], field: str) -> Any:
    if answer.get(field) in (None, ""):
        raise _bad_answer(field)
    return answer[field]


def _bad_answer(field: str) -> Conflict:
    return Conflict(
        _("Câu trả lời của dịch vụ bưu chính thiếu hoặc sai trường %(field)s.") % {"field": field},
        code="postal_bad_answer",
    )
