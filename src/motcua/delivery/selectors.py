"""Reading shipments: those of a dossier, newest first; the statuses one reached, with when."""

from django.db.models import QuerySet

from motcua.delivery.models import Shipment, ShipmentStatus
from motcua.dossiers.models import Dossier


def shipments_of(dossier: Dossier) -> QuerySet[Shipment]:
    return Shipment.objects.filter(dossier=dossier).order_by("-created_at", "-pk")


def journey(shipment: Shipment) -> list[dict]:
    """The statuses `shipment` reached, each with its moment, in the order they came."""
    reached = [(ShipmentStatus.CREATED, shipment.created_at)] + [
        (status, getattr(shipment, stamp))
        for status, stamp in (
            (ShipmentStatus.PICKED_UP, "picked_up_at"),
            (ShipmentStatus.IN_TRANSIT, "in_transit_at"),
            (ShipmentStatus.DELIVERED, "delivered_at"),
            (ShipmentStatus.RETURNED, "returned_at"),
        )
        if getattr(shipment, stamp) is not None
    ]
    return [{"status": status.value, "label": status.label, "at": at} for status, at in reached]


def parcels(dossier: Dossier) -> list[dict]:
    """The result's parcels as the citizen follows them (portal and public API), newest first:
    tracking number, status, and the moment each status was reached."""
    return [
        {
            "tracking_number": shipment.tracking_number,
            "status": shipment.status,
            "status_label": ShipmentStatus(shipment.status).label,
            "fee": shipment.fee,
            "journey": journey(shipment),
        }
        for shipment in shipments_of(dossier)
    ]
