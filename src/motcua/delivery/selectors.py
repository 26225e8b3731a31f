"""Reading shipments: those of a dossier, newest first."""

from django.db.models import QuerySet

from motcua.delivery.models import Shipment
from motcua.dossiers.models import Dossier


def shipments_of(dossier: Dossier) -> QuerySet[Shipment]:
    return Shipment.objects.filter(dossier=dossier).order_by("-created_at", "-pk")
