"""Importing a process (the format: docs/formats/process.md), all or nothing.

The document is read and checked first — its shape and codes (`document`), then every process rule
(`rules`) against the procedure's legal time — and only a document without a single rejection is
written, in one transaction, through the services. A process is matched by procedure and agency
and compared with its latest published version: a new version is published from `valid_from`
(default today) only when the steps differ, so importing the same file twice changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.core.versioning import VersionStatus, superseding_error
from motcua.workflow import services
from motcua.workflow.content import content_of
from motcua.workflow.document import ProcessDocument, read_process
from motcua.workflow.models import Process, ProcessVersion
from motcua.workflow.rules import ProcessError, ProcessInvalid, check_content
from motcua.workflow.selectors import latest_published, legal_hours_of, process_for

__all__ = ["ImportReport", "Outcome", "import_process"]


class Outcome:
    CREATED = "created"  # the process's first published version
    UPDATED = "updated"  # a new version of a process that had one
    UNCHANGED = "unchanged"


@dataclass
class ImportReport:
    procedure: str = ""
    agency: str | None = None
    outcome: str = ""  # an `Outcome`; empty when the document is rejected
    version: int | None = None  # the number of the version now latest
    rejected: list[ProcessError] = field(default_factory=list)
    warnings: list[ProcessError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected


def import_process(data: object, *, dry_run: bool = False) -> ImportReport:
    """Import a document describing one process; with `dry_run` nothing is kept."""
    document = read_process(data)
    report = ImportReport(rejected=document.rejections, dry_run=dry_run)
    if not report.ok:
        return report
    procedure, agency, content = document.procedure, document.agency, document.content
    report.procedure = procedure.code
    report.agency = agency.code if agency else None
    day = document.valid_from or clock.today()
    check = check_content(content, agency=agency, legal_hours=legal_hours_of(procedure, on=day))
    report.rejected.extend(check.errors)
    report.warnings.extend(check.warnings)
    if not report.ok:
        return report
    process = process_for(procedure=procedure, agency=agency)
    latest = latest_published(process) if process else None
    if latest is not None and content_of(latest) == content:
        report.outcome, report.version = Outcome.UNCHANGED, latest.number
        return report
    report.rejected.extend(_obstacles(process, latest, day=day))
    if report.ok:
        _write(document, process, latest=latest, report=report)
    return report


def _obstacles(
    process: Process | None, latest: ProcessVersion | None, *, day: date
) -> list[ProcessError]:
    """What in the database stops a new version: an open draft, or an earlier date."""
    obstacles = []
    draft = process.versions.filter(status=VersionStatus.DRAFT).first() if process else None
    if draft is not None:
        obstacles.append(
            ProcessError(
                message=_(
                    "Quy trình đang có bản nháp (phiên bản %(number)s): công bố hoặc xóa bản nháp "
                    "đó trước khi nhập."
                )
                % {"number": draft.number}
            )
        )
    message = superseding_error(latest, day=day, today=clock.today()) if latest else ""
    if message:
        obstacles.append(ProcessError(field="valid_from", message=message))
    return obstacles


def _write(
    document: ProcessDocument,
    process: Process | None,
    *,
    latest: ProcessVersion | None,
    report: ImportReport,
) -> None:
    try:
        with transaction.atomic():
            process = process or services.create_process(
                procedure=document.procedure, agency=document.agency
            )
            version = services.create_draft(process=process, content=document.content)
            services.publish_version(version=version, valid_from=document.valid_from)
            report.outcome = Outcome.UPDATED if latest else Outcome.CREATED
            report.version = version.number
            if report.dry_run:
                # A rehearsal: everything checked and written, then rolled back.
                transaction.set_rollback(True)
    except ProcessInvalid as exc:
        report.outcome, report.version = "", None
        report.rejected.extend(exc.errors)
    except DomainError as exc:
        report.outcome, report.version = "", None
        report.rejected.append(ProcessError(field=next(iter(exc.fields), ""), message=exc.message))
