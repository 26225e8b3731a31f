"""A result sent by post is followed where the citizen follows the dossier: the public tracking
API gives the parcel's tracking number and each status reached with its moment, newest parcel
first, as the tracking page does."""

from django.core.cache import cache
from rest_framework.test import APIClient

from motcua.core import clock
from motcua.delivery import services
from motcua.delivery.models import ShipmentStatus
from motcua.dossiers.models import DeliveryMethod
from tests.backoffice.intake.desk import MORNING, ready_walk_in

LATER = MORNING.replace(hour=15)


def _tracking(dossier) -> dict:
    cache.clear()  # the tracking throttle
    answer = APIClient().get(f"/api/v1/tracking/{dossier.code}", {"phone": dossier.applicant_phone})
    assert answer.status_code == 200
    return answer.json()


def test_the_public_tracking_api_follows_the_parcel(desk, client):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A")
    assert _tracking(dossier)["shipments"] == []

    with clock.frozen(LATER):
        shipment = services.return_by_post(
            user=world.counter_a,
            dossier=dossier,
            expected_version=dossier.version,
            recipient="Trần Thị Bình",
            phone="0912345678",
            address="Thôn A, xã An Phú",
            fee=22000,
        )
    with clock.frozen(LATER.replace(hour=16)):
        services.update_status(
            shipment=shipment, status=ShipmentStatus.PICKED_UP, tracking_number="EB123456789VN"
        )

    [parcel] = _tracking(dossier)["shipments"]
    assert (parcel["tracking_number"], parcel["status"], parcel["status_label"]) == (
        "EB123456789VN",
        "picked_up",
        "Bưu điện đã nhận",
    )
    assert [(step["status"], step["at"]) for step in parcel["journey"]] == [
        ("created", "2026-01-06T15:00:00+07:00"),
        ("picked_up", "2026-01-06T16:00:00+07:00"),
    ]
    page = client.get("/tra-cuu/", {"ma": dossier.code, "so_dien_thoai": dossier.applicant_phone})
    shown = page.content.decode()
    assert "EB123456789VN" in shown
    assert "Cước phí bưu chính: 22.000 đồng" in shown
    assert "Thôn A, xã An Phú" not in shown  # the address is not for whoever has the code
