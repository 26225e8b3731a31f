"""The signing plug-in on the signer's computer (phần mềm ký số, e.g. Ban Cơ yếu's): the page
(`static/signatures/plugin.js`) asks the local service at `settings.MOTCUA_SIGNING_PLUGIN_URL`
for the token's certificates, posts the chosen one here (`services.attach_certificate`), has the
plug-in sign what comes back, and posts the signature (`services.finish_with_signature`). The
key never leaves the token; the server checks the certificate and the signature.

This module reads what the page posts: base64 fields, refused with a Vietnamese message.
"""

import base64
import binascii

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed


def plugin_url() -> str:
    return settings.MOTCUA_SIGNING_PLUGIN_URL


def _decode(text, field: str) -> bytes:
    try:
        data = base64.b64decode(str(text), validate=True)
    except (ValueError, binascii.Error):
        data = b""
    if not data:
        raise ValidationFailed(
            _("Dữ liệu phần mềm ký số gửi lên không đọc được."),
            code="bad_request",
            fields={field: [_("Không đọc được.")]},
        )
    return data


def read_certificate(body: dict) -> tuple[bytes, list[bytes]]:
    """`{"certificate": <DER base64>, "chain": [<DER base64>, …]}` from the page."""
    chain = body.get("chain") or []
    if not isinstance(chain, list):
        chain = []
    return _decode(body.get("certificate"), "certificate"), [
        _decode(item, "chain") for item in chain
    ]


def read_signature(body: dict) -> bytes:
    """`{"signature": <base64>}` from the page."""
    return _decode(body.get("signature"), "signature")
