"""The simulated post office's behaviour: it accepts parcels (a tracking number in the UPU S10
form, `EB12345678 5VN` without the space, and a flat fee), answers where a parcel is, moves it on
(by the page's buttons or by itself, `advance_due`) and after each move notifies the sender's
callback URL with the report signed as the generic HTTP plugin expects.

It can be told to fail, for the error paths: an address containing `TU_CHOI` is refused (422),
one containing `LOI_MAY_CHU` makes it answer 503.
"""

import json
import logging
import secrets
from datetime import timedelta

import requests
from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.delivery.contrib.http_generic.plugin import DEFAULTS, signature
from motcua.delivery.simulators.models import ParcelStatus, SimulatedParcel

logger = logging.getLogger(__name__)

FEE = 22000
REFUSE_MARKER = "TU_CHOI"
BREAK_MARKER = "LOI_MAY_CHU"
P = ParcelStatus
NEXT = {P.CREATED: P.PICKED_UP, P.PICKED_UP: P.IN_TRANSIT, P.IN_TRANSIT: P.DELIVERED}
SENDS_BACK = frozenset({P.PICKED_UP, P.IN_TRANSIT})
REPORT = DEFAULTS["report_fields"]
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


class Refused(Exception):
    """The post will not carry this parcel (the message says why)."""


class Broken(Exception):
    """The post's system fails (the marker word asked for it)."""


def check_digit(serial: str) -> int:
    """The UPU S10 check digit of an 8-digit serial."""
    remainder = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def new_tracking_number() -> str:
    serial = f"{secrets.randbelow(10**8):08d}"
    return f"EB{serial}{check_digit(serial)}VN"


def accept(
    *,
    order_code: str,
    receiver_name: str,
    receiver_phone: str,
    receiver_address: str,
    sender_name: str = "",
    content: str = "",
    callback_url: str = "",
) -> SimulatedParcel:
    """Book a parcel; the same order code again gets the parcel booked for it."""
    if BREAK_MARKER in receiver_address:
        raise Broken(receiver_address)
    if REFUSE_MARKER in receiver_address:
        raise Refused("Địa chỉ nằm ngoài vùng phát của bưu cục (mô phỏng).")
    if not (order_code and receiver_name and receiver_phone and receiver_address):
        raise Refused("Thiếu mã đơn, tên, số điện thoại hoặc địa chỉ người nhận.")
    known = SimulatedParcel.objects.filter(order_code=order_code).first()
    if known is not None:
        return known
    now = clock.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return SimulatedParcel.objects.create(
                    tracking_number=new_tracking_number(),
                    order_code=order_code[:64],
                    receiver_name=receiver_name[:255],
                    receiver_phone=receiver_phone[:32],
                    receiver_address=receiver_address[:500],
                    sender_name=sender_name[:255],
                    content=content[:255],
                    fee=FEE,
                    status=P.CREATED,
                    callback_url=callback_url[:500],
                    created_at=now,
                    moved_at=now,
                )
        except IntegrityError:  # a tracking number drawn twice, or the same order at once
            known = SimulatedParcel.objects.filter(order_code=order_code).first()
            if known is not None:
                return known
    raise Broken("no free tracking number")


def report(parcel: SimulatedParcel) -> dict:
    return {
        REPORT["tracking_number"]: parcel.tracking_number,
        REPORT["status"]: parcel.status,
        REPORT["time"]: parcel.moved_at.astimezone(clock.VN_TZ).isoformat(),
    }


def advance(parcel: SimulatedParcel) -> SimulatedParcel:
    """On to the next status (picked up → in transit → delivered), then notify."""
    if parcel.status not in NEXT:
        raise Refused("Bưu gửi đã kết thúc hành trình.")
    return _move(parcel, NEXT[parcel.status])


def send_back(parcel: SimulatedParcel) -> SimulatedParcel:
    """Returned to the sender (chuyển hoàn: nobody at the address), then notify."""
    if parcel.status not in SENDS_BACK:
        raise Refused("Chỉ chuyển hoàn bưu gửi đã lấy hàng và chưa phát.")
    return _move(parcel, P.RETURNED)


def advance_due() -> int:
    """Move on each parcel that has stayed put for the simulator's step: the demo's parcels
    travel by themselves. The number moved."""
    step = timedelta(seconds=settings.MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS)
    due = SimulatedParcel.objects.filter(status__in=list(NEXT), moved_at__lte=clock.now() - step)
    moved = 0
    for parcel in due.order_by("moved_at")[:50]:
        advance(parcel)
        moved += 1
    return moved


def notify(parcel: SimulatedParcel) -> str:
    """POST the parcel's report to its callback URL, signed; what came of it (kept and shown)."""
    if not parcel.callback_url:
        return ""
    body = json.dumps(report(parcel)).encode()
    secret = settings.MOTCUA_POSTAL_SIMULATOR_CLIENT["callback_secret"]
    headers = {
        "Content-Type": "application/json",
        DEFAULTS["signature_header"]: signature(body, secret),
    }
    try:
        response = requests.post(parcel.callback_url, data=body, headers=headers, timeout=5)
        result = f"{response.status_code} {_answer_code(response)}"
    except requests.RequestException as exc:
        logger.warning("postal simulator: callback for %s failed: %s", parcel, exc)
        result = f"không gửi được: {type(exc).__name__}"
    SimulatedParcel.objects.filter(pk=parcel.pk).update(callback_result=result[:255])
    parcel.callback_result = result[:255]
    return result


def _move(parcel: SimulatedParcel, status: str) -> SimulatedParcel:
    parcel.status = status
    parcel.moved_at = clock.now()
    parcel.save(update_fields=["status", "moved_at"])
    notify(parcel)
    return parcel


def _answer_code(response: requests.Response) -> str:
    """The answer's `code` (recorded, ignored, bad_signature, ...), else its first words."""
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if isinstance(answer, dict) and answer.get("code"):
        return str(answer["code"])
    return response.text[:200]
