"""Shaping a draft for the wizard's pages: the upload slots of the components step and the
summary the review step shows."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from motcua.catalog.models import FormFieldType, ProcedureVersion
from motcua.documents.models import StoredFile
from motcua.dossiers.models import DeliveryMethod
from motcua.filing import selectors, services
from motcua.filing.models import Draft, Step


@dataclass
class Slot:
    """One paper to attach files to: a component of the version, or the authorisation."""

    key: str
    name: str
    required: bool
    note: str = ""
    files: list[StoredFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def component_slots(draft: Draft, *, version: ProcedureVersion) -> list[Slot]:
    attached = selectors.attached_files(draft)
    slots = [
        Slot(
            key=str(component.pk),
            name=component.name,
            required=component.required,
            note=component.note,
            files=attached.get(str(component.pk), []),
        )
        for component in version.components.all()
    ]
    if services.on_behalf(draft):
        slots.append(
            Slot(
                key=services.AUTHORISATION,
                name=_("Văn bản ủy quyền nộp hồ sơ (vì Ông/Bà nộp thay)"),
                required=True,
                files=attached.get(services.AUTHORISATION, []),
            )
        )
    return slots


def review_view(draft: Draft, *, version: ProcedureVersion) -> dict:
    data = draft.data
    typed = data.get(Step.FORM, {})
    form_rows = [
        (declared.label, _as_read(declared, typed[declared.key]))
        for declared in version.form_fields.all()
        if typed.get(declared.key)
    ]
    delivery = data.get(Step.DELIVERY, {})
    method = delivery.get("method", "")
    return {
        "agency": selectors.chosen_agency(draft),
        "applicant": data.get(Step.APPLICANT, {}),
        "on_behalf": services.on_behalf(draft),
        "form_rows": form_rows,
        "slots": [slot for slot in component_slots(draft, version=version) if slot.files],
        "delivery_label": DeliveryMethod(method).label if method in DeliveryMethod.values else "",
        "delivery_address": delivery.get("address", "") if method == DeliveryMethod.POST else "",
    }


def _as_read(declared, value: str) -> str:
    """A typed value as the citizen reads it back: dates day first (23/11/2026)."""
    if declared.type == FormFieldType.DATE:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value
