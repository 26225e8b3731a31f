"""What a procedure version says, as plain data: the services write it, the import compares it.

`VersionContent` names its values after the model fields, so that writing a version is
`ProcedureVersion(**values)` and two contents are equal exactly when a new version would change
nothing. The import format (docs/formats/catalogue.md) maps onto it one key for one value.
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import date, time
from decimal import Decimal
from typing import Any

from motcua.catalog.choices import FeeBasis, OnlineMode, PaymentDue, ProcessingUnit
from motcua.catalog.models import Component, Fee, FormField, ProcedureVersion


@dataclass
class FeeContent:
    kind: str
    name: str
    amount: int | None = None
    online_amount: int | None = None
    basis: str = FeeBasis.DOSSIER
    case: str = ""
    exemptions: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class ComponentContent:
    name: str
    code: str = ""
    originals: int | None = None
    certified_copies: int | None = None
    copies: int | None = None
    required: bool = True
    template: str = ""
    note: str = ""


@dataclass
class FormFieldContent:
    key: str
    label: str
    type: str
    required: bool = False
    choices: list[str] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)
    help: str = ""


PART_MODELS: dict[str, tuple[type, type]] = {
    "fees": (Fee, FeeContent),
    "components": (Component, ComponentContent),
    "form_fields": (FormField, FormFieldContent),
}
# What a content holds besides the version's own columns.
NOT_COLUMNS = ("field_code", "field_name", *PART_MODELS)


@dataclass
class VersionContent:
    name: str
    field_name: str
    levels: list[str]
    implementing_body: str
    result_name: str
    source: str
    field_code: str = ""  # some national exports leave it empty
    online_mode: str = OnlineMode.NONE
    processing_amount: Decimal | None = None
    processing_unit: str = ProcessingUnit.DAY
    cutoff: time | None = None
    processing_note: str = ""
    result_electronic: bool = False
    payment_due: str = PaymentDue.BEFORE_RETURN
    legal_basis: list[str] = field(default_factory=list)
    published_by: str = ""
    legal_effective_date: date | None = None
    aliases: list[str] = field(default_factory=list)
    verified: bool = False
    notes: str = ""
    fees: list[FeeContent] = field(default_factory=list)
    components: list[ComponentContent] = field(default_factory=list)
    form_fields: list[FormFieldContent] = field(default_factory=list)

    def version_values(self) -> dict[str, Any]:
        """The values of the `ProcedureVersion` columns (the field is resolved by the caller)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in NOT_COLUMNS}


def content_of(version: ProcedureVersion) -> VersionContent:
    """The content of a stored version (prefetch `fees`, `components`, `form_fields` and select
    `field` to read many)."""
    values = {
        f.name: getattr(version, f.name)
        for f in fields(VersionContent)
        if f.name not in NOT_COLUMNS
    }
    parts = {
        relation: [
            content_type(**{name: getattr(row, name) for name in content_type.__dataclass_fields__})
            for row in getattr(version, relation).all()
        ]
        for relation, (_model, content_type) in PART_MODELS.items()
    }
    return VersionContent(
        field_code=version.field.code if version.field else "",
        field_name=version.field.name if version.field else "",
        **values,
        **parts,
    )


def part_rows(content: VersionContent, version: ProcedureVersion) -> list:
    """Unsaved rows for the parts of `content`, attached to `version`, in order."""
    return [
        model(version=version, position=position, **asdict(part))
        for relation, (model, _content_type) in PART_MODELS.items()
        for position, part in enumerate(getattr(content, relation))
    ]
