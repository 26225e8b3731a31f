"""Postal shipments: returning by post makes the shipment with the return or not at all; the
status only moves forward, each step stamped, published and audited; who may ship."""

import pytest

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.delivery import services
from motcua.delivery.models import Shipment, ShipmentStatus
from motcua.dossiers.models import DeliveryMethod, Status
from motcua.events.models import OutboxMessage
from tests.backoffice.intake.desk import MORNING, ready_walk_in
from tests.dossiers.helpers import walk_in

LATER = MORNING.replace(hour=15)


def _shipped(desk):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A")
    with clock.frozen(LATER):
        return services.return_by_post(
            user=world.counter_a,
            dossier=dossier,
            expected_version=dossier.version,
            recipient="Trần Thị Bình",
            phone="+84 912 345 678",
            address="Thôn A, xã An Phú",
            fee=22000,
        )


def test_returning_by_post_returns_the_dossier_and_creates_the_shipment(desk):
    shipment = _shipped(desk)
    assert shipment.dossier.status == Status.RETURNED
    assert (shipment.status, shipment.phone, shipment.tracking_number) == (
        "created",
        "0912345678",
        "",
    )
    assert OutboxMessage.objects.filter(topic="shipment.created").exists()
    assert AuditEntry.objects.filter(action="shipment.created").exists()


def test_a_bad_shipment_leaves_the_dossier_ready(desk):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A")
    with clock.frozen(LATER), pytest.raises(ValidationFailed) as refused:
        services.return_by_post(
            user=world.counter_a,
            dossier=dossier,
            expected_version=dossier.version,
            recipient="",
            phone="12",
            address="Thôn A",
            fee=-1,
        )
    assert set(refused.value.fields) == {"recipient", "phone", "fee"}
    dossier.refresh_from_db()
    assert dossier.status == Status.READY
    assert not Shipment.objects.exists()


def test_the_status_moves_forward_with_its_moment_and_the_tracking_number(desk):
    shipment = _shipped(desk)
    moment = LATER.replace(hour=16)
    with clock.frozen(moment):
        shipment = services.update_status(
            shipment=shipment, status=ShipmentStatus.PICKED_UP, tracking_number="EB123456789VN"
        )
    assert (shipment.status, shipment.picked_up_at, shipment.tracking_number) == (
        "picked_up",
        moment,
        "EB123456789VN",
    )
    shipment = services.update_status(
        shipment=shipment, status=ShipmentStatus.DELIVERED, user=desk.world.counter_a
    )
    assert shipment.delivered_at is not None
    with pytest.raises(Conflict):
        services.update_status(shipment=shipment, status=ShipmentStatus.IN_TRANSIT)
    assert OutboxMessage.objects.filter(topic="shipment.delivered").exists()


def test_only_the_return_desk_ships(desk):
    world = desk.world
    shipment = _shipped(desk)
    with pytest.raises(Forbidden):
        services.update_status(
            shipment=shipment, status=ShipmentStatus.PICKED_UP, user=world.counter_b
        )
    with clock.frozen(MORNING):
        unreturned = walk_in(world)
    with pytest.raises(Conflict):
        services.create_shipment(
            user=world.counter_a,
            dossier=unreturned,
            recipient="Trần Thị Bình",
            phone="0912345678",
            address="Thôn A",
        )


def test_the_admin_lists_shipments_read_only(desk, admin_client):
    shipment = _shipped(desk)
    listing = admin_client.get("/admin/delivery/shipment/")
    assert listing.status_code == 200
    assert shipment.dossier.code in listing.content.decode()
    assert admin_client.get("/admin/delivery/shipment/add/").status_code == 403
