"""The procedure catalogue's models, split by concept and re-exported here."""

from motcua.catalog.choices import (
    AdministrativeLevel,
    FeeBasis,
    FeeKind,
    FormFieldType,
    OnlineMode,
    ProcessingUnit,
    SearchTextKind,
    VersionStatus,
)
from motcua.catalog.models.assignments import ProcedureAssignment
from motcua.catalog.models.form_templates import FormTemplate
from motcua.catalog.models.parts import Component, Fee, FormField
from motcua.catalog.models.procedures import Field, Procedure, ProcedureVersion
from motcua.catalog.models.search import SearchText, SearchWord

__all__ = [
    "AdministrativeLevel",
    "Component",
    "Fee",
    "FeeBasis",
    "FeeKind",
    "Field",
    "FormField",
    "FormFieldType",
    "FormTemplate",
    "OnlineMode",
    "Procedure",
    "ProcedureAssignment",
    "ProcedureVersion",
    "ProcessingUnit",
    "SearchText",
    "SearchTextKind",
    "SearchWord",
    "VersionStatus",
]
