"""Changing processes: creating them, drafts, copying the default to an agency, publishing.

Every write goes through these functions (the import and the admin's actions call them; the
admin's draft pages save steps through their forms, which the models keep to drafts). A version
is written as a draft, may be incomplete while it is, and is published only when `rules` finds
nothing wrong; once published it is immutable. Access is the caller's business.
"""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.accounts.models import Role
from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.selectors import children_of
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.core.validation import full_clean_or_fail
from motcua.core.versioning import VersionStatus, superseding_error
from motcua.workflow.content import ProcessContent, content_of, step_rows
from motcua.workflow.models import (
    ConsultationSpec,
    Process,
    ProcessVersion,
)
from motcua.workflow.rules import ProcessError, ProcessInvalid
from motcua.workflow.selectors import latest_published, process_for, validate_version


@transaction.atomic
def create_process(*, procedure: Procedure, agency: Agency | None = None) -> Process:
    """A process of `agency` for `procedure`, without versions (agency None: the default)."""
    process = Process(procedure=procedure, agency=agency)
    full_clean_or_fail(process)
    process.save()
    return process


@transaction.atomic
def create_draft(*, process: Process, content: ProcessContent | None = None) -> ProcessVersion:
    """A new draft version: `content`, else a copy of the latest published version (else empty,
    for the admin to fill in). A process has at most one draft."""
    if process.versions.filter(status=VersionStatus.DRAFT).exists():
        raise Conflict(
            _("Quy trình %(process)s đang có một bản nháp: công bố hoặc xóa bản nháp đó trước.")
            % {"process": process},
            code="draft_exists",
        )
    if content is None:
        latest = latest_published(process)
        content = content_of(latest) if latest else ProcessContent()
    number = (process.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ProcessVersion(process=process, number=number)
    version.save()
    _fill(version, content)
    return version


@transaction.atomic
def update_draft(*, version: ProcessVersion, content: ProcessContent) -> ProcessVersion:
    """Replace every step of a draft (and their consultations)."""
    _ensure_draft(version)
    version.steps.all().delete()
    _fill(version, content)
    return version


@transaction.atomic
def delete_draft(*, version: ProcessVersion) -> None:
    _ensure_draft(version)
    version.delete()


@transaction.atomic
def copy_default_to_agency(*, procedure: Procedure, agency: Agency) -> ProcessVersion:
    """A draft of `agency`'s process (created if needed) copied from the province-wide default's
    latest published version, to adapt. The default's steps without a unit get the agency's
    one-stop desk for the counter officer's steps when the agency has exactly one; units outside
    the agency are dropped. The administrator picks the rest before publishing."""
    default = process_for(procedure=procedure, agency=None)
    source = latest_published(default) if default else None
    if source is None:
        raise NotFound(
            _("Thủ tục %(code)s chưa có quy trình mặc định đã công bố để sao chép.")
            % {"code": procedure.code},
            code="no_default_process",
        )
    process = process_for(procedure=procedure, agency=agency) or create_process(
        procedure=procedure, agency=agency
    )
    content = content_of(source)
    desks = list(children_of(agency, on=clock.today()).filter(kind=AgencyKind.ONE_STOP_DESK))
    for step in content.steps:
        if step.unit is not None and not step.unit.path.startswith(agency.path):
            step.unit = None
        if step.unit is None and step.role == Role.COUNTER_OFFICER and len(desks) == 1:
            step.unit = desks[0]
    return create_draft(process=process, content=content)


@transaction.atomic
def publish_version(*, version: ProcessVersion, valid_from: date | None = None) -> ProcessVersion:
    """Publish a draft from `valid_from` (else the date planned on the draft, else today), after
    `rules` found no error; `ProcessInvalid` lists every finding otherwise. Answers the published
    version."""
    version = ProcessVersion.objects.select_for_update().get(pk=version.pk)
    _ensure_draft(version)
    today = clock.today()
    day = valid_from or version.valid_from or today
    latest = latest_published(version.process)
    message = superseding_error(latest, day=day, today=today) if latest else ""
    if message:
        raise ValidationFailed(message, code="valid_from", fields={"valid_from": [message]})
    check = validate_version(version, on=day)
    if not check.ok:
        raise ProcessInvalid(check.errors)
    version.status = VersionStatus.PUBLISHED
    version.valid_from = day
    version.published_at = clock.now()
    version.save()
    return version


def _ensure_draft(version: ProcessVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ProcessVersion.published_refusal()


def _fill(version: ProcessVersion, content: ProcessContent) -> None:
    consultations: list[ConsultationSpec] = []
    for step, step_consultations in step_rows(content, version):
        try:
            full_clean_or_fail(step)
            step.save()
            for consultation in step_consultations:
                consultation.step = step
                full_clean_or_fail(consultation)
        except ValidationFailed as exc:
            raise _naming_step(exc, step.key, step.name) from exc
        consultations.extend(step_consultations)
    # Checked above, one by one, while the version was still a draft.
    ConsultationSpec.objects.bulk_create(consultations)


def _naming_step(exc: ValidationFailed, key: str, name: str) -> ValidationFailed:
    """The model's refusal, said of the step it is about."""
    message = str(ProcessError(step_key=key, step_name=name, message=exc.message))
    return ValidationFailed(message, code=exc.code, fields={key: [message]})
