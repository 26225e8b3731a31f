"""Exporting the catalogue in the import format (docs/formats/catalogue.md), JSON or Excel.

By default each procedure's latest published version is written, with the date it applies from
(possibly a future one), so that importing the export changes nothing; `on` writes the versions in
force on a day instead.
"""

import json
from datetime import date
from pathlib import Path
from typing import Any

from motcua.catalog.content import content_of
from motcua.catalog.document import procedure_document
from motcua.catalog.excel import write_workbook
from motcua.catalog.models import ProcedureAssignment
from motcua.catalog.selectors import current_versions, latest_versions, with_content

COMMENT = "Danh mục thủ tục hành chính, định dạng docs/formats/catalogue.md."


def export_catalogue(*, on: date | None = None) -> dict[str, Any]:
    versions = with_content(current_versions(on=on) if on else latest_versions())
    agencies: dict[int, list[str]] = {}
    for procedure_id, code in ProcedureAssignment.objects.order_by("agency__code").values_list(
        "procedure_id", "agency__code"
    ):
        agencies.setdefault(procedure_id, []).append(code)
    return {
        "_comment": COMMENT,
        "procedures": [
            procedure_document(
                code=version.procedure.code,
                content=content_of(version),
                valid_from=version.valid_from,
                agency_codes=agencies.get(version.procedure_id, []),
            )
            for version in versions.order_by("procedure__code")
        ],
    }


def write_catalogue(path: Path, *, on: date | None = None) -> int:
    """Write the export to `path` (Excel for .xlsx, else JSON); answers how many procedures."""
    document = export_catalogue(on=on)
    if path.suffix.lower() == ".xlsx":
        write_workbook(document, str(path))
    else:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(document["procedures"])
