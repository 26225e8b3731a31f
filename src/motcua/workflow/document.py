"""The process format (docs/formats/process.md): reading a document into `ProcessContent`, and
writing a version back in the same shape.

Reading checks the shape (keys, types) and the codes it names (procedure, agencies, units) and
collects every problem at once, each naming its step; the process rules themselves are `rules`'.
Nothing is written here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_by_code
from motcua.core.errors import NotFound
from motcua.workflow.content import ConsultationContent, ProcessContent, StepContent
from motcua.workflow.rules import ProcessError

DOCUMENT_KEYS = frozenset({"procedure", "agency", "valid_from", "steps"})
STEP_KEYS = frozenset(
    {
        "key",
        "name",
        "unit",
        "role",
        "allowance_hours",
        "actions",
        "next_steps",
        "is_end",
        "paper_handover",
        "consultations",
    }
)
CONSULTATION_KEYS = frozenset({"name", "unit", "allowance_hours"})
# The model's columns: 6 digits, 2 of them after the point.
MAX_HOURS = Decimal("9999.99")


@dataclass
class ProcessDocument:
    procedure: Procedure | None = None
    agency: Agency | None = None
    valid_from: date | None = None
    content: ProcessContent = field(default_factory=ProcessContent)
    rejections: list[ProcessError] = field(default_factory=list)


def read_process(data: object) -> ProcessDocument:
    """The document's process, checked; with any rejection it is not to be written."""
    reader = _Reader()
    reader.read(data)
    return reader.document


def process_document(
    *,
    procedure: Procedure,
    agency: Agency | None,
    valid_from: date | None,
    content: ProcessContent,
    comment: str = "",
) -> dict[str, Any]:
    """A version in the format, every key written, so that importing it back changes nothing."""
    document: dict[str, Any] = {"_comment": comment} if comment else {}
    document |= {
        "procedure": procedure.code,
        "agency": agency.code if agency else None,
        "valid_from": valid_from.isoformat() if valid_from else None,
        "steps": [
            {
                "key": step.key,
                "name": step.name,
                "unit": step.unit.code if step.unit else None,
                "role": step.role,
                "allowance_hours": _number(step.allowance_hours),
                "actions": list(step.actions),
                "next_steps": list(step.next_steps),
                "is_end": step.is_end,
                "paper_handover": step.paper_handover,
                "consultations": [
                    {
                        "name": consultation.name,
                        "unit": consultation.unit.code if consultation.unit else None,
                        "allowance_hours": _number(consultation.allowance_hours),
                    }
                    for consultation in step.consultations
                ],
            }
            for step in content.steps
        ],
    }
    return document


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class _Reader:
    def __init__(self) -> None:
        self.document = ProcessDocument()
        self.units: dict[str, Agency | None] = {}

    def reject(self, field_name: str, message: str, *, step: tuple[str, str] = ("", "")) -> None:
        key, name = step
        self.document.rejections.append(
            ProcessError(step_key=key, step_name=name, field=field_name, message=message)
        )

    def read(self, data: object) -> None:
        if not isinstance(data, dict):
            self.reject("", _("Tệp phải là một đối tượng JSON mô tả một quy trình."))
            return
        self.unknown_keys(data, DOCUMENT_KEYS)
        self.read_header(data)
        steps = data.get("steps")
        if not isinstance(steps, list):
            self.reject("steps", _("«steps» phải là danh sách các bước."))
            return
        for number, entry in enumerate(steps, start=1):
            step = self.read_step(entry, number)
            if step is not None:
                self.document.content.steps.append(step)

    def unknown_keys(
        self, entry: dict, allowed: frozenset[str], *, step: tuple[str, str] = ("", "")
    ) -> None:
        for key in entry:
            if not key.startswith("_") and key not in allowed:
                self.reject(
                    key, _("Khóa «%(key)s» không có trong định dạng.") % {"key": key}, step=step
                )

    def read_header(self, data: dict) -> None:
        code = data.get("procedure")
        if not isinstance(code, str) or not code.strip():
            self.reject("procedure", _("«procedure» phải là mã thủ tục, ví dụ 1.001193."))
        else:
            try:
                self.document.procedure = procedure_by_code(code.strip())
            except NotFound as exc:
                self.reject("procedure", exc.message)
        agency_code = data.get("agency")
        if agency_code is not None:
            agency = self.unit("agency", agency_code)
            if agency is not None and agency.is_internal_unit:
                self.reject(
                    "agency",
                    _("Quy trình thuộc về cơ quan giải quyết, không thuộc phòng hay bộ phận."),
                )
            self.document.agency = agency
        valid_from = data.get("valid_from")
        if valid_from is not None:
            try:
                self.document.valid_from = date.fromisoformat(valid_from)
            except (TypeError, ValueError):
                self.reject("valid_from", _("«valid_from» phải là ngày dạng YYYY-MM-DD."))

    def unit(
        self, field_name: str, code: object, *, step: tuple[str, str] = ("", "")
    ) -> Agency | None:
        if code is None:
            return None
        if not isinstance(code, str):
            self.reject(field_name, _("Ghi mã định danh của cơ quan, đơn vị hoặc null."), step=step)
            return None
        if code not in self.units:
            try:
                self.units[code] = agency_by_code(code)
            except NotFound as exc:
                self.units[code] = None
                self.reject(field_name, exc.message, step=step)
        return self.units[code]

    def read_step(self, entry: object, number: int) -> StepContent | None:
        if not isinstance(entry, dict):
            self.reject(
                "steps", _("Bước thứ %(number)d phải là một đối tượng.") % {"number": number}
            )
            return None
        key = entry.get("key")
        name = entry.get("name")
        where = (
            key if isinstance(key, str) and key else f"#{number}",
            name if isinstance(name, str) else "",
        )
        self.unknown_keys(entry, STEP_KEYS, step=where)
        if not isinstance(key, str) or not isinstance(name, str):
            self.reject("key", _("Mỗi bước phải có «key» và «name» là chuỗi."), step=where)
            return None
        step = StepContent(
            key=key,
            name=name,
            role=self.text(entry, "role", step=where),
            allowance_hours=self.hours(entry, "allowance_hours", step=where),
            unit=self.unit("unit", entry.get("unit"), step=where),
            actions=self.texts(entry, "actions", step=where),
            next_steps=self.texts(entry, "next_steps", step=where),
            is_end=self.flag(entry, "is_end", step=where),
            paper_handover=self.flag(entry, "paper_handover", step=where),
        )
        consultations = entry.get("consultations", [])
        if not isinstance(consultations, list):
            self.reject("consultations", _("«consultations» phải là danh sách."), step=where)
            return step
        for consultation in consultations:
            if not isinstance(consultation, dict):
                self.reject("consultations", _("Mỗi ý kiến phải là một đối tượng."), step=where)
                continue
            self.unknown_keys(consultation, CONSULTATION_KEYS, step=where)
            step.consultations.append(
                ConsultationContent(
                    name=self.text(consultation, "name", step=where),
                    unit=self.unit("consultations", consultation.get("unit"), step=where),
                    allowance_hours=self.hours(consultation, "allowance_hours", step=where),
                )
            )
        return step

    def text(self, entry: dict, key: str, *, step: tuple[str, str]) -> str:
        value = entry.get(key, "")
        if isinstance(value, str):
            return value.strip()
        self.reject(key, _("«%(key)s» phải là chuỗi.") % {"key": key}, step=step)
        return ""

    def texts(self, entry: dict, key: str, *, step: tuple[str, str]) -> list[str]:
        value = entry.get(key, [])
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return [item.strip() for item in value]
        self.reject(key, _("«%(key)s» phải là danh sách chuỗi.") % {"key": key}, step=step)
        return []

    def flag(self, entry: dict, key: str, *, step: tuple[str, str]) -> bool:
        value = entry.get(key, False)
        if isinstance(value, bool):
            return value
        self.reject(key, _("«%(key)s» phải là true hoặc false.") % {"key": key}, step=step)
        return False

    def hours(self, entry: dict, key: str, *, step: tuple[str, str]) -> Decimal | None:
        value = entry.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise InvalidOperation
            hours = Decimal(str(value))
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or abs(hours) > MAX_HOURS or (hours * 100) % 1:
            self.reject(
                key,
                _("«%(key)s» phải là số giờ, tối đa hai chữ số thập phân, ví dụ 4 hoặc 1.5.")
                % {"key": key},
                step=step,
            )
            return None
        return hours
