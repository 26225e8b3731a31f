"""The dossier's models, split by concept and re-exported here."""

from motcua.dossiers.models.choices import (
    DEFAULT_NATIONAL_CODES,
    FINAL_STATUSES,
    ApplicantKind,
    Channel,
    DeliveryMethod,
    Judgement,
    RegisterKind,
    Status,
    StopKind,
)
from motcua.dossiers.models.codes import DossierCodeCounter, NationalStatusMapping
from motcua.dossiers.models.dossier import Dossier, DossierComponent
from motcua.dossiers.models.history import ClockStop, DossierEvent, StepRecord
from motcua.dossiers.models.papers import IssuedForm, IssuedPaper, ResultDocument
from motcua.dossiers.models.work import (
    Consultation,
    HandoverBatch,
    Register,
    RegisterEntry,
    Transfer,
)

__all__ = [
    "DEFAULT_NATIONAL_CODES",
    "FINAL_STATUSES",
    "ApplicantKind",
    "Channel",
    "ClockStop",
    "Consultation",
    "DeliveryMethod",
    "Dossier",
    "DossierCodeCounter",
    "DossierComponent",
    "DossierEvent",
    "HandoverBatch",
    "IssuedForm",
    "IssuedPaper",
    "Judgement",
    "NationalStatusMapping",
    "Register",
    "RegisterEntry",
    "RegisterKind",
    "ResultDocument",
    "Status",
    "StepRecord",
    "StopKind",
    "Transfer",
]
