"""The e-receipt provider plugin over HTTP (JSON), configured by `MOTCUA_RECEIPT_PROVIDER`
(`base_url`, `api_key`). Vietnamese e-invoice and e-receipt providers each have their own API;
this plugin speaks the small protocol below, which the simulator at /_sim/bien-lai/ speaks too,
and a province whose provider differs adds a plugin beside it:

- `POST {base}/bien-lai` `{reference, form_code, serial, payer, lines, total, paid_at, method,
  collector, replaces, reason}` → `{number, lookup_code, issued_at}`; the provider numbers
  receipts of a form and serial in order, without gaps. `reference` is an idempotency key: the
  same reference gives back the same receipt (the provider's API must accept one for it to be
  safe to retry; the simulator does).
- `GET {base}/bien-lai/{form}/{serial}/{number}.pdf` → the receipt's PDF.
- `POST {base}/bien-lai/{form}/{serial}/{number}/huy` `{reason}` → `{status: "cancelled"}`.
Every call carries the header `X-Api-Key`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests
from django.conf import settings

from motcua.payments.providers import GatewayError

TIMEOUT = 20


@dataclass(frozen=True)
class Issued:
    number: int
    lookup_code: str
    issued_at: datetime


class HttpReceiptProvider:
    code = "receipt_http"

    def _call(self, method: str, path: str, body: dict | None = None) -> requests.Response:
        config = settings.MOTCUA_RECEIPT_PROVIDER
        if not config.get("base_url"):
            raise GatewayError("no e-receipt provider is configured (MOTCUA_RECEIPT_PROVIDER)")
        try:
            response = requests.request(
                method,
                f"{config['base_url'].rstrip('/')}/{path}",
                json=body,
                headers={"X-Api-Key": config.get("api_key", "")},
                timeout=TIMEOUT,
            )
        except requests.RequestException as exc:
            raise GatewayError(str(exc)) from exc
        if response.status_code >= 400:
            raise GatewayError(f"{response.status_code}: {response.text[:200]}")
        return response

    def issue(self, content: dict[str, Any]) -> Issued:
        try:
            answer = self._call("POST", "bien-lai", content).json()
            return Issued(
                number=int(answer["number"]),
                lookup_code=str(answer["lookup_code"]),
                issued_at=datetime.fromisoformat(answer["issued_at"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError(f"the provider's answer is not a receipt: {exc}") from exc

    def pdf(self, *, form_code: str, serial: str, number: int) -> bytes:
        return self._call("GET", f"bien-lai/{form_code}/{serial}/{number}.pdf").content

    def cancel(self, *, form_code: str, serial: str, number: int, reason: str) -> None:
        self._call("POST", f"bien-lai/{form_code}/{serial}/{number}/huy", {"reason": reason})
