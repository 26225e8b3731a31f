"""The remote-signing provider plugin (ký số từ xa): a generic client for services in the style
of VNPT SmartCA or Viettel MySign. The caller sends the signer's user id and the SHA-256 hash to
sign; the signer confirms in the provider's phone app; the caller polls the transaction's status
until it carries the signature.

`settings.MOTCUA_REMOTE_SIGNING` (JSON from the environment) gives the base URL, the client id
and secret, and optionally the paths, the field names of the requests and answers, the status
values and the encodings, merged over `DEFAULTS` (which are what the simulator speaks). Each
request is short and bounded (`timeout_seconds`): a page never waits long for the provider.
"""

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, ValidationFailed

DEFAULTS: dict[str, Any] = {
    "base_url": "",
    "client_id": "",
    "client_secret": "",
    "timeout_seconds": 5,
    "paths": {"certificate": "/certificate", "sign": "/sign", "status": "/status"},
    "fields": {
        "client_id": "sp_id",
        "client_secret": "sp_password",
        "user_id": "user_id",
        "hash": "data_to_be_signed",
        "hash_algorithm": "hash_algorithm",
        "description": "transaction_desc",
        "transaction_id": "transaction_id",
        "status": "status",
        "signature": "signature_value",
        "certificate": "cert_data",
        "chain": "chain_data",
    },
    # The provider's words for a transaction's states.
    "status_values": {
        "pending": "pending",
        "signed": "signed",
        "rejected": "rejected",
        "expired": "expired",
    },
    "encodings": {"hash": "base64", "signature": "base64", "certificate": "base64"},
}


@dataclass(frozen=True)
class Outcome:
    """A transaction's state in our words: pending, signed, rejected or expired."""

    status: str
    signature: bytes | None = None


def config() -> dict[str, Any]:
    """The defaults with the settings over them (the nested tables merged key by key)."""
    given = settings.MOTCUA_REMOTE_SIGNING or {}
    merged = {**DEFAULTS, **given}
    for table in ("paths", "fields", "status_values", "encodings"):
        merged[table] = {**DEFAULTS[table], **given.get(table, {})}
    return merged


def configured() -> bool:
    return bool(config()["base_url"])


def fetch_certificate(*, user_id: str) -> tuple[bytes, list[bytes]]:
    """The certificate (DER) the provider holds for `user_id`, and its chain."""
    conf = config()
    fields = conf["fields"]
    answer = _call("certificate", {fields["user_id"]: user_id})
    decode = _decoder(conf["encodings"]["certificate"])
    chain = answer.get(fields["chain"]) or []
    return decode(_required(answer, fields["certificate"])), [decode(item) for item in chain]


def request_signature(*, user_id: str, digest: bytes, description: str) -> str:
    """Ask the provider to have `user_id` sign `digest` (SHA-256); the transaction id."""
    conf = config()
    fields = conf["fields"]
    answer = _call(
        "sign",
        {
            fields["user_id"]: user_id,
            fields["hash"]: _encoder(conf["encodings"]["hash"])(digest),
            fields["hash_algorithm"]: "SHA256",
            fields["description"]: description,
        },
    )
    return str(_required(answer, fields["transaction_id"]))


def transaction_status(*, transaction_id: str) -> Outcome:
    conf = config()
    fields = conf["fields"]
    answer = _call("status", {fields["transaction_id"]: transaction_id})
    ours = {value: name for name, value in conf["status_values"].items()}
    status = ours.get(str(_required(answer, fields["status"])))
    if status is None:
        raise Conflict(
            _("Dịch vụ ký số từ xa trả về trạng thái không rõ: %(status)s.")
            % {"status": answer[fields["status"]]},
            code="remote_bad_answer",
        )
    if status != "signed":
        return Outcome(status)
    signature = _decoder(conf["encodings"]["signature"])(_required(answer, fields["signature"]))
    return Outcome(status, signature)


def _call(operation: str, body: dict[str, Any]) -> dict[str, Any]:
    conf = config()
    if not conf["base_url"]:
        raise Conflict(
            _("Chưa cấu hình dịch vụ ký số từ xa (MOTCUA_REMOTE_SIGNING)."),
            code="remote_not_configured",
        )
    fields = conf["fields"]
    payload = {
        fields["client_id"]: conf["client_id"],
        fields["client_secret"]: conf["client_secret"],
        **body,
    }
    url = conf["base_url"].rstrip("/") + conf["paths"][operation]
    try:
        response = requests.post(url, json=payload, timeout=float(conf["timeout_seconds"]))
    except requests.RequestException as exc:
        raise Conflict(
            _("Chưa kết nối được dịch vụ ký số từ xa. Xin thử lại sau ít phút."),
            code="remote_unavailable",
        ) from exc
    if response.status_code in (401, 403):
        raise ValidationFailed(
            _("Dịch vụ ký số từ xa không chấp nhận tài khoản kết nối của hệ thống."),
            code="remote_unauthorised",
        )
    if response.status_code == 404:
        raise ValidationFailed(
            _(
                "Dịch vụ ký số từ xa không tìm thấy người ký hoặc giao dịch này. "
                "Kiểm tra mã người dùng đã đăng ký với dịch vụ."
            ),
            code="remote_unknown",
        )
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if response.status_code >= 400 or not isinstance(answer, dict):
        raise Conflict(
            _("Dịch vụ ký số từ xa báo lỗi (mã %(status)s). Xin thử lại sau.")
            % {"status": response.status_code},
            code="remote_error",
        )
    return answer


def _required(answer: dict[str, Any], field: str) -> Any:
    if answer.get(field) in (None, ""):
        raise Conflict(
            _("Câu trả lời của dịch vụ ký số từ xa thiếu trường %(field)s.") % {"field": field},
            code="remote_bad_answer",
        )
    return answer[field]


def _encoder(encoding: str):
    if encoding == "hex":
        return lambda data: data.hex()
    return lambda data: base64.b64encode(data).decode()


def _decoder(encoding: str):
    def decode(text: str) -> bytes:
        try:
            return (
                bytes.fromhex(text) if encoding == "hex" else base64.b64decode(text, validate=True)
            )
        except (ValueError, TypeError, binascii.Error) as exc:
            raise Conflict(
                _("Dịch vụ ký số từ xa trả về dữ liệu không đọc được."), code="remote_bad_answer"
            ) from exc

    return decode
