"""Exporting a process in the import format (docs/formats/process.md).

By default the latest published version is written, with the date it applies from (possibly a
future one), so that importing the export changes nothing; `on` writes the version in force on a
day instead.
"""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.core.errors import NotFound
from motcua.workflow.content import content_of
from motcua.workflow.document import process_document
from motcua.workflow.selectors import latest_published, process_for, version_in_force

COMMENT = "Quy trình nội bộ, định dạng docs/formats/process.md."


def export_process(
    *, procedure: Procedure, agency: Agency | None, on: date | None = None
) -> dict[str, Any]:
    """The process of `agency` (None: the province-wide default) for `procedure`."""
    process = process_for(procedure=procedure, agency=agency)
    version = None
    if process is not None:
        version = version_in_force(process, on=on) if on else latest_published(process)
    if version is None:
        raise NotFound(
            _("Thủ tục %(code)s chưa có quy trình đã công bố cho %(where)s.")
            % {
                "code": procedure.code,
                "where": agency.name if agency else _("toàn tỉnh (mặc định)"),
            },
            code="unknown_process",
        )
    return process_document(
        procedure=procedure,
        agency=agency,
        valid_from=version.valid_from,
        content=content_of(version),
        comment=COMMENT,
    )


def write_process(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
