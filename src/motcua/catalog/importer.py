"""Importing procedures (the format: docs/formats/catalogue.md), all or nothing.

Every procedure is checked first (`reading`, then against the database: agencies, open drafts,
dates); only a file without a single rejection is written, in one transaction, through the
services. A procedure is matched by its code and compared with its latest published version: when
anything differs a new version is published from `ApDungTu` (default today), so importing the same
file twice changes nothing. `DonViThucHien`, when given, sets exactly which agencies handle it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_by_code
from motcua.catalog import services
from motcua.catalog.content import content_of
from motcua.catalog.models import Procedure, ProcedureAssignment, ProcedureVersion
from motcua.catalog.reading import VERSION_PATHS, ProcedureEntry, Rejection, read_catalogue
from motcua.catalog.selectors import latest_versions, with_content
from motcua.core import clock
from motcua.core.errors import DomainError, NotFound
from motcua.core.versioning import VersionStatus, superseding_error

__all__ = ["ImportReport", "Rejection", "import_catalogue"]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected


@dataclass
class _Plan:
    entry: ProcedureEntry
    procedure: Procedure | None
    new_content: bool
    agencies: list[Agency] | None  # None: leave the assignments as they are
    new_agencies: bool

    @property
    def changes(self) -> bool:
        return self.procedure is None or self.new_content or self.new_agencies


class _Rejected(Exception):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(str(rejection))
        self.rejection = rejection


def import_catalogue(data: object, *, dry_run: bool = False) -> ImportReport:
    """Import a document `{"procedures": [...]}`; with `dry_run` nothing is kept."""
    document = read_catalogue(data)
    report = ImportReport(rejected=document.rejections, dry_run=dry_run)
    if not report.ok:
        return report
    plans = _plan(document.entries, report)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for plan in plans:
                _write(plan, report)
            if dry_run:
                # A rehearsal: everything checked and written, then rolled back.
                transaction.set_rollback(True)
    except _Rejected as exc:
        report.created.clear()
        report.updated.clear()
        report.unchanged.clear()
        report.rejected.append(exc.rejection)
    return report


def _plan(entries: list[ProcedureEntry], report: ImportReport) -> list[_Plan]:
    """What each entry changes, checked against the database; rejections go to the report."""
    codes = [entry.code for entry in entries]
    procedures = Procedure.objects.in_bulk(codes, field_name="code")
    latest = {
        version.procedure.code: version
        for version in with_content(latest_versions().filter(procedure__code__in=codes))
    }
    drafts = dict(
        ProcedureVersion.objects.filter(
            procedure__code__in=codes, status=VersionStatus.DRAFT
        ).values_list("procedure__code", "number")
    )
    assigned: dict[str, set[int]] = {}
    for code, agency_id in ProcedureAssignment.objects.filter(
        procedure__code__in=codes
    ).values_list("procedure__code", "agency_id"):
        assigned.setdefault(code, set()).add(agency_id)
    agencies = _agencies(entries, report)
    today = clock.today()
    plans = []
    for entry in entries:
        current = latest.get(entry.code)
        new_content = current is None or content_of(current) != entry.content
        wanted = (
            [agencies[code] for code in entry.agency_codes if code in agencies]
            if entry.agency_codes is not None
            else None
        )
        plan = _Plan(
            entry=entry,
            procedure=procedures.get(entry.code),
            new_content=new_content,
            agencies=wanted,
            new_agencies=wanted is not None
            and {agency.pk for agency in wanted} != assigned.get(entry.code, set()),
        )
        if new_content and entry.code in drafts:
            report.rejected.append(
                Rejection(
                    entry.code,
                    "",
                    _(
                        "Thủ tục đang có bản nháp (phiên bản %(number)s): công bố hoặc xóa bản "
                        "nháp đó trước khi nhập."
                    )
                    % {"number": drafts[entry.code]},
                )
            )
        if current is not None and new_content:
            message = superseding_error(current, day=entry.valid_from or today, today=today)
            if message:
                report.rejected.append(Rejection(entry.code, "ApDungTu", message))
        plans.append(plan)
    return plans


def _agencies(entries: list[ProcedureEntry], report: ImportReport) -> dict[str, Agency]:
    """The agencies the entries name, by the code they use (a former code finds its unit)."""
    found: dict[str, Agency] = {}
    for entry in entries:
        for code in entry.agency_codes or ():
            if code in found:
                continue
            try:
                found[code] = agency_by_code(code)
            except NotFound as exc:
                report.rejected.append(Rejection(entry.code, "DonViThucHien", exc.message))
    return found


def _write(plan: _Plan, report: ImportReport) -> None:
    entry = plan.entry
    if not plan.changes:
        report.unchanged.append(entry.code)
        return
    with _rejecting(entry.code):
        procedure = plan.procedure or services.create_procedure(code=entry.code)
        if plan.new_content:
            draft = services.create_draft(procedure=procedure, content=entry.content)
            services.publish_version(version=draft, valid_from=entry.valid_from)
        if plan.agencies is not None:
            services.set_assignments(procedure=procedure, agencies=plan.agencies)
    (report.updated if plan.procedure else report.created).append(entry.code)


@contextmanager
def _rejecting(code: str) -> Iterator[None]:
    """Turns a refusal from a service into the procedure's rejection (which rolls back)."""
    try:
        yield
    except DomainError as exc:
        key = VERSION_PATHS.get(next(iter(exc.fields), ""), "")
        raise _Rejected(Rejection(code, key, exc.message)) from exc
