"""Changing the catalogue: procedures, draft versions, publishing, assignments to agencies,
the blank forms citizens download.

Every write goes through these functions (the import and the admin's actions call them). A version
is written as a draft and becomes immutable when published; the models refuse changes to a
published version too, so no path around these functions can rewrite one. Publishing also writes
the version's search texts (`catalog.search` reads them). Access is the caller's business.
"""

from collections.abc import Iterable
from datetime import date
from uuid import uuid4

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog.choices import SearchTextKind, VersionStatus
from motcua.catalog.content import VersionContent, content_of, part_rows
from motcua.catalog.declarations import duplicate_keys
from motcua.catalog.models import (
    Field,
    FormTemplate,
    Procedure,
    ProcedureAssignment,
    ProcedureVersion,
    SearchText,
    SearchWord,
)
from motcua.catalog.selectors import latest_published
from motcua.catalog.wording import exact_words, normalise
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.validation import full_clean_or_fail
from motcua.core.versioning import superseding_error


@transaction.atomic
def create_procedure(*, code: str) -> Procedure:
    procedure = Procedure(code=code.strip())
    full_clean_or_fail(procedure)
    procedure.save()
    return procedure


@transaction.atomic
def create_draft(
    *, procedure: Procedure, content: VersionContent | None = None
) -> ProcedureVersion:
    """A new draft version: `content`, else a copy of the latest published version (else empty,
    for the admin to fill in). A procedure has at most one draft."""
    if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
        raise Conflict(
            _("Thủ tục %(code)s đang có một bản nháp: công bố hoặc xóa bản nháp đó trước.")
            % {"code": procedure.code},
            code="draft_exists",
        )
    if content is None:
        latest = latest_published(procedure)
        content = content_of(latest) if latest else None
    number = (procedure.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ProcedureVersion(procedure=procedure, number=number)
    if content is not None:
        _fill(version, content)
    else:
        version.save()
    return version


@transaction.atomic
def delete_draft(*, version: ProcedureVersion) -> None:
    _ensure_draft(version)
    version.delete()


@transaction.atomic
def publish_version(
    *, version: ProcedureVersion, valid_from: date | None = None
) -> ProcedureVersion:
    """Publish a draft from `valid_from` (else the date planned on the draft, else today); the
    date may be in the future, and `core.versioning.superseding_error` says which dates may
    follow the latest published version. Answers the published version."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    _ensure_draft(version)
    today = clock.today()
    day = valid_from or version.valid_from or today
    latest = latest_published(version.procedure)
    message = superseding_error(latest, day=day, today=today) if latest else ""
    if message:
        raise ValidationFailed(message, code="valid_from", fields={"valid_from": [message]})
    _validate_publishable(version)
    version.status = VersionStatus.PUBLISHED
    version.valid_from = day
    version.published_at = clock.now()
    version.save()
    _write_search_texts(version)
    return version


@transaction.atomic
def set_assignments(*, procedure: Procedure, agencies: Iterable[Agency]) -> bool:
    """Make `agencies` exactly the ones handling `procedure`; answers whether anything changed."""
    wanted = {agency.pk for agency in agencies}
    current = set(procedure.assignments.values_list("agency_id", flat=True))
    if wanted == current:
        return False
    procedure.assignments.filter(agency_id__in=current - wanted).delete()
    ProcedureAssignment.objects.bulk_create(
        ProcedureAssignment(procedure=procedure, agency_id=pk) for pk in wanted - current
    )
    return True


def _ensure_draft(version: ProcedureVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ProcedureVersion.published_refusal()


def _field(*, code: str, name: str) -> Field:
    """The field (lĩnh vực) with this code and name, created on first use."""
    field = Field(code=code.strip(), name=name.strip())
    existing = Field.objects.filter(code=field.code, name=field.name).first()
    if existing is not None:
        return existing
    full_clean_or_fail(field)
    field.save()
    return field


def _fill(version: ProcedureVersion, content: VersionContent) -> None:
    for name, value in content.version_values().items():
        setattr(version, name, value)
    version.field = _field(code=content.field_code, name=content.field_name)
    full_clean_or_fail(version, exclude={"procedure", "number"})
    duplicates = duplicate_keys(field.key for field in content.form_fields)
    if duplicates:
        message = _("Mã trường dữ liệu bị trùng: %(keys)s.") % {
            "keys": ", ".join(sorted(duplicates))
        }
        raise ValidationFailed(message, fields={"form_fields": [message]})
    rows = part_rows(content, version)
    for row in rows:
        full_clean_or_fail(row, exclude={"version"})
    version.save()
    for model in {type(row) for row in rows}:
        # Checked above, one by one, while the version was still a draft.
        model.objects.bulk_create(row for row in rows if type(row) is model)


def _validate_publishable(version: ProcedureVersion) -> None:
    full_clean_or_fail(version, exclude={"procedure", "number"})
    for relation in ("fees", "components", "form_fields"):
        for row in getattr(version, relation).all():
            full_clean_or_fail(row, exclude={"version"})


def _write_search_texts(version: ProcedureVersion) -> None:
    texts = [(SearchTextKind.NAME, version.name)] + [
        (SearchTextKind.ALIAS, alias) for alias in version.aliases
    ]
    rows = []
    vocabulary: set[str] = set()
    for kind, text in texts:
        exact = exact_words(text)
        normalised = [normalise(word) for word in exact]
        vocabulary.update(normalised)
        rows.append(
            SearchText(
                version=version,
                kind=kind,
                text=f" {' '.join(normalised)} ",
                exact=" ".join(exact),
            )
        )
    SearchText.objects.bulk_create(rows)
    SearchWord.objects.bulk_create(
        (SearchWord(word=word) for word in sorted(vocabulary)), ignore_conflicts=True
    )


# Blank forms are documents to fill in: PDF, Word, Excel and OpenDocument files, judged by
# their first bytes as well as their ending (an ending alone is what a renamed photo has).
_FORM_TEMPLATE_TYPES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".docx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text"),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/vnd.ms-excel"),
}
FORM_TEMPLATE_MAX_BYTES = 10 * 1024 * 1024


def keep_form_template(*, name: str, filename: str, content: bytes) -> FormTemplate:
    """Keep `content` as the blank form called `name`, replacing the file it had."""
    ending = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    expected = _FORM_TEMPLATE_TYPES.get(ending)
    if expected is None:
        raise ValidationFailed(
            _("Mẫu đơn phải là tệp PDF, Word (.doc, .docx), Excel (.xls, .xlsx) hoặc .odt."),
            code="form_template_type",
            fields={"file": [_("Loại tệp không được nhận: %(name)s.") % {"name": filename}]},
        )
    magic, content_type = expected
    if not content or len(content) > FORM_TEMPLATE_MAX_BYTES:
        raise ValidationFailed(
            _("Tệp mẫu phải có nội dung và không quá 10 MB."),
            code="form_template_size",
            fields={"file": [_("Tệp rỗng hoặc lớn hơn 10 MB.")]},
        )
    if not content.startswith(magic):
        raise ValidationFailed(
            _("Nội dung tệp không phải là tệp %(ending)s như tên tệp cho biết.")
            % {"ending": ending},
            code="form_template_content",
            fields={
                "file": [_("Nội dung tệp không khớp với đuôi %(ending)s.") % {"ending": ending}]
            },
        )
    name = name.strip()
    with transaction.atomic():
        template = FormTemplate.objects.select_for_update().filter(name=name).first()
        previous = template.file.name if template else None
        template = template or FormTemplate(name=name)
        template.original_name = filename
        template.content_type = content_type
        template.size = len(content)
        template.updated_at = clock.now()
        template.file.save(f"mau-don/{uuid4().hex}{ending}", ContentFile(content), save=False)
        full_clean_or_fail(template)
        template.save()
    if previous:
        template.file.storage.delete(previous)
    return template
