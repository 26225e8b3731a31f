"""The periodic job that asks the postal provider about shipments it has not told us about for a
while: a notification lost on the way (our server down, the carrier's retries given up) must not
leave a citizen's parcel stuck "in transit" for ever. Only for a provider that can be asked."""

import logging
from datetime import timedelta

from django.db.models import Q

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.delivery import providers, services
from motcua.delivery.models import Shipment, ShipmentStatus
from motcua.events.schedule import every

logger = logging.getLogger(__name__)

BATCH = 100
# A shipment not heard of for this long is asked about (and then not again for as long).
QUIET = timedelta(minutes=30)
TRAVELLING = (ShipmentStatus.CREATED, ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT)


def poll_quiet() -> int:
    """Ask the provider about each quiet shipment it booked; the number that moved."""
    provider = providers.active()
    if provider is None or not provider.can_query():
        return 0
    cutoff = clock.now() - QUIET
    quiet = (
        Shipment.objects.filter(
            provider=provider.name, status__in=TRAVELLING, updated_at__lt=cutoff
        )
        .filter(Q(checked_at__isnull=True) | Q(checked_at__lt=cutoff))
        .exclude(tracking_number="")
        .select_related("dossier")
        .order_by("updated_at")
    )
    moved = 0
    for shipment in quiet[:BATCH]:
        Shipment.objects.filter(pk=shipment.pk).update(checked_at=clock.now())
        try:
            report = provider.query(shipment.tracking_number)
            moved += services.apply_report(shipment=shipment, status=report.status, at=report.at)
        except DomainError as exc:  # the provider unreachable or not knowing it: next time
            logger.warning("shipment %s (%s): %s", shipment.pk, shipment.tracking_number, exc)
    return moved


def register_jobs() -> None:
    every(600, "delivery.poll_quiet")(poll_quiet)
