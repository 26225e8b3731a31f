"""Postal shipments of results: `return_by_post` (hand the result to the post: the parcel booked
with the postal provider, then the dossier's `return_result` and the shipment in one
transaction), `create_shipment` (another parcel for a returned dossier), `update_status`, and
`apply_report` (a provider's status report, idempotent).

The shipment is made in the return's call chain rather than by an outbox consumer of
`dossier.return_result`: it needs what the officer types at the desk (recipient, phone, address),
which the return event does not carry, and a shipment that fails must undo the return too, so
that a dossier is never "returned by post" with nothing sent. `delivery` sits above `dossiers`,
so `dossiers` never learns about the post.

Booking comes first and outside the transaction: if the provider refuses or cannot be reached,
nothing is recorded (no return, no shipment) and the officer reads why beside the form they
typed. The provider is asked only once the return is known to be allowed (access, status), and
with an order code derived from the dossier (`<code>-<n>`), so that if the return still fails
afterwards (someone acted first), the retry books the same code and a carrier that keeps order
codes unique answers with the same parcel rather than a second one. A tracking number typed at
the desk means the parcel was booked at the post office's counter: it is recorded as typed and
the provider is not asked (also the way round a provider that is down).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.phones import normalise_phone
from motcua.delivery import providers
from motcua.delivery.models import Shipment, ShipmentStatus
from motcua.dossiers import services as dossier_services
from motcua.dossiers.lifecycle import ensure_allowed
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.rules import acting_as
from motcua.events import services as events
from motcua.workflow.actions import Action

# Each status, and the statuses it may move on to (a plugin may skip a step it never saw).
S = ShipmentStatus
NEXT: dict[str, frozenset[str]] = {
    S.CREATED: frozenset({S.PICKED_UP, S.IN_TRANSIT, S.DELIVERED, S.RETURNED}),
    S.PICKED_UP: frozenset({S.IN_TRANSIT, S.DELIVERED, S.RETURNED}),
    S.IN_TRANSIT: frozenset({S.DELIVERED, S.RETURNED}),
    S.DELIVERED: frozenset(),
    S.RETURNED: frozenset(),
}
STAMPS = {
    S.PICKED_UP: "picked_up_at",
    S.IN_TRANSIT: "in_transit_at",
    S.DELIVERED: "delivered_at",
    S.RETURNED: "returned_at",
}


@dataclass(frozen=True)
class _Booked:
    tracking_number: str
    fee: int
    provider: str = ""
    reference: str = ""


def return_by_post(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    recipient: str,
    phone: str,
    address: str,
    fee: int = 0,
    tracking_number: str = "",
    note: str = "",
) -> Shipment:
    """The return desk hands the result to the post: the parcel is booked with the provider
    (unless `tracking_number` says the desk booked it already), then the dossier is returned and
    its shipment created — or nothing happens. With a provider, its tracking number and fee are
    kept and the `fee` typed is not used."""
    fields = _check(recipient=recipient, phone=phone, address=address, fee=fee)
    if acting_as(user, f"dossiers.{Action.RETURN_RESULT}", dossier) is None:
        access.ensure(user, f"dossiers.{Action.RETURN_RESULT}", dossier)
    access.ensure(user, "delivery.ship", dossier)
    ensure_allowed(dossier, Action.RETURN_RESULT)
    booked = _book(dossier, fields, tracking_number=tracking_number)
    with transaction.atomic():
        dossier = dossier_services.return_result(
            user=user, dossier=dossier, expected_version=expected_version, note=note
        )
        return _save(user=user, dossier=dossier, fields=fields, booked=booked)


def create_shipment(
    *,
    user: User,
    dossier: Dossier,
    recipient: str,
    phone: str,
    address: str,
    fee: int = 0,
    tracking_number: str = "",
) -> Shipment:
    """Another shipment of the returned `dossier`'s result to `address` (a parcel sent back,
    a second copy), booked as in `return_by_post`; status `created`."""
    access.ensure(user, "delivery.ship", dossier)
    fields = _check(recipient=recipient, phone=phone, address=address, fee=fee)
    if dossier.status != Status.RETURNED:
        raise Conflict(
            _("Hồ sơ chưa trả kết quả: chỉ gửi bưu chính kết quả đã trả."), code="not_returned"
        )
    booked = _book(dossier, fields, tracking_number=tracking_number)
    return _save(user=user, dossier=dossier, fields=fields, booked=booked)


def _book(dossier: Dossier, fields: dict, *, tracking_number: str) -> _Booked:
    """The parcel booked with the active provider, or as typed at the desk."""
    provider = None if tracking_number.strip() else providers.active()
    if provider is None:
        return _Booked(tracking_number=tracking_number.strip()[:64], fee=fields["fee"])
    reference = f"{dossier.code or dossier.reference}-{dossier.shipments.count() + 1}"
    agency = dossier.return_agency
    booking = provider.book(
        providers.Parcel(
            reference=reference,
            recipient=fields["recipient"],
            phone=fields["phone"],
            address=fields["address"],
            sender_name=agency.name,
            sender_phone=agency.phone,
            sender_address=agency.address,
            content=_("Kết quả giải quyết hồ sơ %(code)s") % {"code": dossier.key},
        )
    )
    return _Booked(booking.tracking_number, booking.fee, provider.name, reference)


def _save(*, user: User, dossier: Dossier, fields: dict, booked: _Booked) -> Shipment:
    now = clock.now()
    with transaction.atomic():
        shipment = Shipment.objects.create(
            dossier=dossier,
            created_by=user,
            created_at=now,
            updated_at=now,
            tracking_number=booked.tracking_number,
            provider=booked.provider,
            reference=booked.reference,
            **{**fields, "fee": booked.fee},
        )
        _record(shipment, user=user, topic="shipment.created", at=now)
    return shipment


def update_status(
    *,
    shipment: Shipment,
    status: str,
    user: User | None = None,
    tracking_number: str = "",
    at: datetime | None = None,
) -> Shipment:
    """Move `shipment` on to `status` (by an officer, or by a postal plugin with no `user`);
    a tracking number given is recorded. Only forward: a delivered or returned parcel ends."""
    if user is not None:
        access.ensure(user, "delivery.ship", shipment.dossier)
    if status not in ShipmentStatus.values:
        message = _("Trạng thái bưu gửi không hợp lệ.")
        raise ValidationFailed(message, fields={"status": [message]})
    moment = at or clock.now()
    with transaction.atomic():
        shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if status not in NEXT[shipment.status]:
            raise Conflict(
                _("Bưu gửi đang «%(now)s», không thể chuyển sang «%(next)s».")
                % {"now": shipment.get_status_display(), "next": ShipmentStatus(status).label},
                code="shipment_status",
            )
        shipment.status = status
        setattr(shipment, STAMPS[status], moment)
        if tracking_number.strip():
            shipment.tracking_number = tracking_number.strip()[:64]
        shipment.updated_at = clock.now()
        shipment.save()
        _record(shipment, user=user, topic=f"shipment.{status}", at=moment)
    return shipment


def apply_report(*, shipment: Shipment, status: str, at: datetime | None = None) -> bool:
    """A postal provider's word that `shipment` reached `status` (at `at`): recorded when it
    moves the shipment forward; a status already reached, or one behind, changes nothing
    (carriers repeat and reorder their notifications). Whether anything changed."""
    try:
        update_status(shipment=shipment, status=status, at=at)
    except Conflict as exc:
        if exc.code == "shipment_status":
            return False
        raise
    return True


def _check(*, recipient: str, phone: str, address: str, fee: int) -> dict:
    problems: dict[str, list[str]] = {}
    recipient, address = (recipient or "").strip(), (address or "").strip()
    if not recipient:
        problems["recipient"] = [_("Nhập họ tên người nhận bưu gửi.")]
    normalised = normalise_phone(phone or "")
    if not normalised:
        problems["phone"] = [
            _("Nhập số điện thoại người nhận để bưu tá liên hệ, ví dụ 0912345678.")
        ]
    if not address:
        problems["address"] = [_("Nhập địa chỉ nhận: số nhà, đường, xã/phường, tỉnh.")]
    if isinstance(fee, bool) or not isinstance(fee, int) or fee < 0:
        problems["fee"] = [_("Cước phí là số tiền (đồng), không âm.")]
    if problems:
        raise ValidationFailed(next(iter(problems.values()))[0], fields=problems)
    return {"recipient": recipient[:255], "phone": normalised, "address": address[:500], "fee": fee}


def _record(shipment: Shipment, *, user: User | None, topic: str, at: datetime) -> None:
    summary = {
        "shipment": shipment.pk,
        "dossier": shipment.dossier_id,
        "status": shipment.status,
        "tracking_number": shipment.tracking_number,
        "fee": shipment.fee,
        "at": at.isoformat(),
    }
    events.publish(topic, summary, key=shipment.dossier.key)
    audit.record(action=topic, actor=user, obj=shipment, data=summary)
