"""Reading processes: the version a new dossier follows, steps and their edges, the rules' verdict."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.workflow.content import content_of
from motcua.workflow.models import Process, ProcessStep, ProcessVersion
from motcua.workflow.rules import ProcessCheck, ProcessError, check_content, legal_hours

# The order "in force" means: the latest date, and of two versions from one date the later one.
SUPERSEDING_ORDER = ("-valid_from", "-number")


def process_for(*, procedure: Procedure, agency: Agency | None) -> Process | None:
    """The process of `agency` for `procedure` (agency None: the province-wide default)."""
    return Process.objects.filter(procedure=procedure, agency=agency).first()


def latest_published(process: Process) -> ProcessVersion | None:
    """The last version published, even one that applies only from a future date."""
    return process.versions.published().order_by(*SUPERSEDING_ORDER).first()


def version_in_force(process: Process, *, on: date | None = None) -> ProcessVersion | None:
    day = on or clock.today()
    return (
        process.versions.published()
        .filter(valid_from__lte=day)
        .order_by(*SUPERSEDING_ORDER)
        .first()
    )


def process_version_for(
    *, procedure: Procedure, agency: Agency | None, on: date | None = None
) -> ProcessVersion | None:
    """The version a dossier of `procedure` at `agency` starts under on `on` (default today): the
    agency's own published version in force then, else the province-wide default's; None when
    neither has one. The dossier keeps it to the end."""
    day = on or clock.today()
    in_force = ProcessVersion.objects.published().filter(
        process__procedure=procedure, valid_from__lte=day
    )
    if agency is not None:
        own = in_force.filter(process__agency=agency).order_by(*SUPERSEDING_ORDER).first()
        if own is not None:
            return own
    return in_force.filter(process__agency__isnull=True).order_by(*SUPERSEDING_ORDER).first()


def steps_of(version: ProcessVersion) -> QuerySet[ProcessStep]:
    return version.steps.select_related("unit").order_by("position", "pk")


def first_step(version: ProcessVersion) -> ProcessStep | None:
    return steps_of(version).first()


def next_steps(step: ProcessStep) -> list[ProcessStep]:
    """Where `forward` may take a dossier from `step`: the steps it names, else the one after it."""
    return _forward_edges(list(steps_of(step.version)))[step.pk]


def previous_steps(step: ProcessStep) -> list[ProcessStep]:
    """The steps that forward to `step`, in order: where `return_back` may send a dossier (its
    history tells which of them it came from)."""
    steps = list(steps_of(step.version))
    edges = _forward_edges(steps)
    return [other for other in steps if step in edges[other.pk]]


def legal_hours_of(procedure: Procedure, *, on: date | None = None) -> Decimal | None:
    """The procedure's legal time in working hours, from its version in force on `on` (else its
    latest published one); None when unknown."""
    version = catalog.current_version(procedure, on=on) or catalog.latest_published(procedure)
    if version is None:
        return None
    return legal_hours(version.processing_amount, version.processing_unit)


def validate_version(version: ProcessVersion, *, on: date | None = None) -> ProcessCheck:
    """The rules' findings on a stored version, against the legal time in force on `on` (default:
    the version's date, else today)."""
    process = version.process
    day = on or version.valid_from or clock.today()
    check = check_content(
        content_of(version),
        agency=process.agency,
        legal_hours=legal_hours_of(process.procedure, on=day),
    )
    # A content is ordered by its list; stored rows by a number the admin types, which may repeat.
    positions: dict[int, ProcessStep] = {}
    for step in steps_of(version):
        if step.position in positions:
            check.errors.append(
                ProcessError(
                    step_key=step.key,
                    step_name=step.name,
                    field="position",
                    message=_("cùng thứ tự với bước «%(name)s»: mỗi bước một thứ tự.")
                    % {"name": positions[step.position].name},
                )
            )
        positions.setdefault(step.position, step)
    return check


@dataclass
class AgencyProcess:
    """A procedure the agency handles, with the agency's own process and the province-wide default
    (each with its versions, newest first) and the version a dossier filed today follows."""

    procedure: Procedure
    name: str
    own: Process | None
    default: Process | None
    in_force: ProcessVersion | None


def _agency_procedures(agency: Agency) -> Q:
    return Q(assignments__agency=agency) | Q(processes__agency=agency)


def agency_processes(agency: Agency) -> list[AgencyProcess]:
    """The processes used by `agency`'s procedures (those assigned to it, and any it has its own
    process for), by procedure code: four queries whatever their number."""
    procedures = list(
        Procedure.objects.filter(_agency_procedures(agency)).distinct().order_by("code")
    )
    names = dict(
        catalog.latest_versions()
        .filter(procedure__in=procedures)
        .values_list("procedure_id", "name")
    )
    processes = Process.objects.filter(
        Q(agency=agency) | Q(agency__isnull=True), procedure__in=procedures
    ).prefetch_related(
        Prefetch("versions", queryset=ProcessVersion.objects.order_by(*SUPERSEDING_ORDER))
    )
    by_key = {(process.procedure_id, process.agency_id): process for process in processes}
    today = clock.today()
    rows = []
    for procedure in procedures:
        own, default = by_key.get((procedure.pk, agency.pk)), by_key.get((procedure.pk, None))
        in_force = next(
            (
                version
                for process in (own, default)
                if process is not None
                for version in process.versions.all()
                if version.is_published and version.valid_from <= today
            ),
            None,
        )
        rows.append(AgencyProcess(procedure, names.get(procedure.pk, ""), own, default, in_force))
    return rows


def agency_process_version(agency: Agency, pk: int) -> ProcessVersion:
    """A version of a process `agency` uses (its own, or the default of one of its procedures),
    or `NotFound`."""
    version = (
        ProcessVersion.objects.filter(pk=pk)
        .filter(
            Q(process__agency=agency)
            | Q(
                process__agency__isnull=True,
                process__procedure__in=Procedure.objects.filter(_agency_procedures(agency)),
            )
        )
        .select_related("process__procedure", "process__agency")
        .first()
    )
    if version is None:
        raise NotFound(_("Không tìm thấy phiên bản quy trình này của đơn vị."), code="unknown")
    return version


def _forward_edges(steps: list[ProcessStep]) -> dict[int, list[ProcessStep]]:
    by_key = {step.key: step for step in steps}
    edges: dict[int, list[ProcessStep]] = {}
    for index, step in enumerate(steps):
        if step.is_end:
            edges[step.pk] = []
        elif step.next_steps:
            edges[step.pk] = [by_key[key] for key in step.next_steps if key in by_key]
        else:
            edges[step.pk] = steps[index + 1 : index + 2]
    return edges
