"""What a process version says, as plain data: the services write it, the rules check it, the
import compares it, the diagram draws it.

Steps are listed in order (a step's position is its place in the list, from 1) and name their
units as `Agency` objects, so two contents are equal exactly when a new version would change
nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from motcua.agencies.models import Agency
from motcua.workflow.models import ConsultationSpec, ProcessStep, ProcessVersion


@dataclass
class ConsultationContent:
    name: str
    unit: Agency | None = None
    allowance_hours: Decimal | None = None


@dataclass
class StepContent:
    key: str
    name: str
    role: str = ""
    allowance_hours: Decimal | None = None
    unit: Agency | None = None
    actions: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    is_end: bool = False
    paper_handover: bool = False
    consultations: list[ConsultationContent] = field(default_factory=list)


@dataclass
class ProcessContent:
    steps: list[StepContent] = field(default_factory=list)


# The fields a step's content and its row share, by the same names.
STEP_FIELDS = (
    "key",
    "name",
    "role",
    "allowance_hours",
    "unit",
    "actions",
    "next_steps",
    "is_end",
    "paper_handover",
)


def content_of(version: ProcessVersion) -> ProcessContent:
    """The content of a stored version (its steps with their units and consultations)."""
    steps = version.steps.select_related("unit").prefetch_related("consultations__unit")
    return ProcessContent(
        steps=[
            StepContent(
                **{name: getattr(step, name) for name in STEP_FIELDS},
                consultations=[
                    ConsultationContent(
                        name=consultation.name,
                        unit=consultation.unit,
                        allowance_hours=consultation.allowance_hours,
                    )
                    for consultation in step.consultations.all()
                ],
            )
            for step in steps.order_by("position", "pk")
        ]
    )


def step_rows(
    content: ProcessContent, version: ProcessVersion
) -> list[tuple[ProcessStep, list[ConsultationSpec]]]:
    """Unsaved rows for `content`, attached to `version`: each step with its consultations (whose
    `step` is set once the step is saved)."""
    return [
        (
            ProcessStep(
                version=version,
                position=position,
                **{name: getattr(step, name) for name in STEP_FIELDS},
            ),
            [
                ConsultationSpec(
                    position=index,
                    name=consultation.name,
                    unit=consultation.unit,
                    allowance_hours=consultation.allowance_hours,
                )
                for index, consultation in enumerate(step.consultations, start=1)
            ],
        )
        for position, step in enumerate(content.steps, start=1)
    ]
