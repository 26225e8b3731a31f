"""The dossier's models, split by concept and re-exported here."""

from motcua.dossiers.models.choices import (
    DEFAULT_NATIONAL_CODES,
    FINAL_STATUSES,
    ApplicantKind,
    Channel,
    DeliveryMethod,
    Judgement,
    Status,
    StopKind,
)
from motcua.dossiers.models.codes import DossierCodeCounter, NationalStatusMapping
from motcua.dossiers.models.dossier import Dossier, DossierComponent
from motcua.dossiers.models.history import ClockStop, DossierEvent, StepRecord

__all__ = [
    "DEFAULT_NATIONAL_CODES",
    "FINAL_STATUSES",
    "ApplicantKind",
    "Channel",
    "ClockStop",
    "DeliveryMethod",
    "Dossier",
    "DossierCodeCounter",
    "DossierComponent",
    "DossierEvent",
    "Judgement",
    "NationalStatusMapping",
    "Status",
    "StepRecord",
    "StopKind",
]
