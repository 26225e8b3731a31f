"""Procedures and processes for the workflow tests: procedures through the catalogue's import,
processes as `ProcessContent` or in the process format (docs/formats/process.md)."""

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_by_code
from motcua.workflow.content import ConsultationContent, ProcessContent, StepContent

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "motcua"
    / "workflow"
    / "sample"
    / "dang-ky-khai-sinh.json"
)


def procedure(
    code: str = "1.001193",
    name: str = "Đăng ký khai sinh",
    *,
    amount: float | None = 1,
    unit: str = "day",
    valid_from: str | None = None,
    **keys: Any,
) -> Procedure:
    """A published procedure with the legal time `amount` `unit` (None: unknown); `keys` are
    more keys of the catalogue format (`PhiLePhi`, `ThoiDiemNopPhi`, ...)."""
    entry = {
        "MaTTHC": code,
        "TenTTHC": name,
        "LinhVuc": {"Ma": "G15-TP07", "Ten": "Hộ tịch"},
        "CapThucHien": ["commune"],
        "CoQuanThucHien": "Ủy ban nhân dân cấp xã",
        "HinhThucDVC": "partial",
        "ThoiHanGiaiQuyet": {"SoLuong": amount, "DonVi": unit},
        "KetQua": {"Ten": "Giấy khai sinh", "DienTu": True},
        "DaXacMinh": False,
        "NguonTin": "Kiểm thử",
    }
    if valid_from:
        entry["ApDungTu"] = valid_from
    entry.update(keys)
    report = import_catalogue({"procedures": [entry]})
    assert report.ok, [str(rejection) for rejection in report.rejected]
    return procedure_by_code(code)


def sample() -> dict[str, Any]:
    """The sample default process for "Đăng ký khai sinh" (1 + 4 + 2 + 1 hours)."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def document(**changes: Any) -> dict[str, Any]:
    """The sample with top-level keys replaced."""
    data = copy.deepcopy(sample())
    data.update(changes)
    return data


def step(key: str, name: str = "", **values: Any) -> StepContent:
    """A complete specialist step of 1 hour that may forward; `values` replace its fields."""
    values.setdefault("role", "specialist")
    values.setdefault("allowance_hours", Decimal(1))
    values.setdefault("actions", ["forward"])
    values["consultations"] = [
        ConsultationContent(**consultation) for consultation in values.get("consultations", [])
    ]
    return StepContent(key=key, name=name or key.replace("_", " ").capitalize(), **values)


def birth_content(**units: Any) -> ProcessContent:
    """The sample's four steps as content; `units` gives steps their unit by key."""
    return ProcessContent(
        steps=[
            step(
                "tiep_nhan",
                "Tiếp nhận hồ sơ",
                role="counter_officer",
                actions=["receive", "request_supplement", "forward"],
                unit=units.get("tiep_nhan"),
            ),
            step(
                "xu_ly",
                "Xử lý hồ sơ",
                allowance_hours=Decimal(4),
                actions=["return_back", "attach_result", "forward"],
                unit=units.get("xu_ly"),
            ),
            step(
                "phe_duyet",
                "Phê duyệt kết quả",
                role="leader",
                allowance_hours=Decimal(2),
                actions=["approve", "return_back", "finish"],
                unit=units.get("phe_duyet"),
            ),
            step(
                "tra_ket_qua",
                "Trả kết quả",
                role="counter_officer",
                actions=["return_result"],
                is_end=True,
                unit=units.get("tra_ket_qua"),
            ),
        ]
    )
