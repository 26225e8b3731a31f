"""Every change to a filing draft: start or resume it, save a step as typed, attach and remove
files (uploaded, or chosen from the filer's data store), delete it, and submit it as a dossier
(once, however often the button is pressed)."""

from collections.abc import Iterable, Mapping
from uuid import UUID

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.identity import IdentityDocument
from motcua.accounts.models import User, UserKind
from motcua.catalog.choices import OnlineMode
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import agencies_for_procedure, current_version
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.documents.selectors import document_of
from motcua.documents.services import store_upload
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import ApplicantKind, Dossier
from motcua.filing.models import Draft, Step

# The slot of `Draft.files` holding the document that authorises a filing for someone else.
AUTHORISATION = "authorisation"

# Where each field of `dossiers.services.submit`'s errors is typed in the wizard.
_STEP_OF_FIELD = {
    "applicant_name": Step.APPLICANT,
    "applicant_phone": Step.APPLICANT,
    "applicant_email": Step.APPLICANT,
    "applicant_address": Step.APPLICANT,
    "id_number": Step.APPLICANT,
    "tax_code": Step.APPLICANT,
    "delivery_method": Step.DELIVERY,
    "delivery_address": Step.DELIVERY,
    "components": Step.COMPONENTS,
    "file": Step.COMPONENTS,
}


def version_for_filing(procedure: Procedure) -> ProcedureVersion:
    """The version in force of a procedure that may be filed online; NotFound when nothing of it
    applies, Conflict when it is not offered online."""
    version = current_version(procedure)
    if version is None:
        raise NotFound(_("Thủ tục này chưa có phiên bản đang có hiệu lực."))
    if version.online_mode == OnlineMode.NONE:
        raise Conflict(
            _(
                "Thủ tục «%(name)s» chưa được cung cấp trực tuyến: Ông/Bà vui lòng nộp hồ sơ "
                "trực tiếp tại Bộ phận Một cửa hoặc qua bưu chính."
            )
            % {"name": version.name},
            code="not_online",
        )
    return version


def start(*, user: User, procedure: Procedure) -> Draft:
    """The caller's draft for `procedure`: the one they left unfinished, or a new one."""
    access.ensure(user, "dossiers.submit", None)
    version_for_filing(procedure)
    draft = Draft.objects.filter(owner=user, procedure=procedure, dossier__isnull=True).first()
    if draft is not None:
        return draft
    now = clock.now()
    return Draft.objects.create(owner=user, procedure=procedure, created_at=now, updated_at=now)


def save_step(
    *, draft: Draft, step: Step, values: Mapping[str, str], go_to: Step | None = None
) -> None:
    """Keep what was typed on `step` as it was typed (checked or not), and move the draft's
    place to `go_to` when given."""
    draft.data = {**draft.data, step.value: dict(values)}
    if go_to is not None:
        draft.step = go_to
    draft.updated_at = clock.now()
    draft.save(update_fields=["data", "step", "updated_at"])


def move_to(*, draft: Draft, step: Step) -> None:
    draft.step = step
    draft.updated_at = clock.now()
    draft.save(update_fields=["step", "updated_at"])


def attach(*, user: User, draft: Draft, slot: str, uploads: Iterable[UploadedFile]) -> None:
    """Store each upload (its type judged by its bytes) and attach it to `slot`. A refused file
    raises `ValidationFailed` under fields[slot]; the files before it stay attached."""
    kept = list(draft.files.get(slot, []))
    refusal = None
    for upload in uploads:
        try:
            stored = store_upload(uploaded_file=upload, user=user)
        except ValidationFailed as exc:
            refusal = exc
            break
        kept.append(str(stored.pk))
    draft.files = {**draft.files, slot: kept}
    draft.updated_at = clock.now()
    draft.save(update_fields=["files", "updated_at"])
    if refusal is not None:
        raise ValidationFailed(
            refusal.message, code=refusal.code, fields={slot: refusal.fields.get("file", [])}
        )


def choose(*, user: User, draft: Draft, slot: str, document_ids: Iterable[str]) -> None:
    """Attach to `slot` the files of documents of `user`'s data store as they are: no new upload,
    no copy. A document not in their store, or whose file goes with another paper of the draft,
    raises `ValidationFailed` under fields[slot] and nothing is attached."""
    elsewhere = {f for key, ids in draft.files.items() if key != slot for f in ids}
    chosen = []
    for document_id in dict.fromkeys(document_ids):
        try:
            document = document_of(owner=user, document_id=document_id)
        except NotFound as exc:
            message = _(
                "Không tìm thấy giấy tờ đã chọn trong kho dữ liệu của Ông/Bà; hãy chọn lại "
                "hoặc tải tệp lên."
            )
            raise ValidationFailed(
                message, code="not_in_data_store", fields={slot: [message]}
            ) from exc
        if str(document.file_id) in elsewhere:
            message = _(
                "Giấy tờ «%(title)s» đã được đính kèm cho một giấy tờ khác của hồ sơ; mỗi tệp "
                "chỉ đính kèm một giấy tờ."
            ) % {"title": document.title}
            raise ValidationFailed(message, code="already_attached", fields={slot: [message]})
        chosen.append(str(document.file_id))
    kept = list(draft.files.get(slot, []))
    draft.files = {**draft.files, slot: kept + [f for f in chosen if f not in kept]}
    draft.updated_at = clock.now()
    draft.save(update_fields=["files", "updated_at"])


def detach(*, draft: Draft, slot: str, file_id: str) -> None:
    draft.files = {**draft.files, slot: [f for f in draft.files.get(slot, []) if f != file_id]}
    draft.updated_at = clock.now()
    draft.save(update_fields=["files", "updated_at"])


def delete(*, draft: Draft) -> None:
    if draft.submitted:
        raise Conflict(_("Hồ sơ này đã được nộp; bản nháp không còn để xóa."))
    draft.delete()


def submit(*, user: User, draft_id: UUID, vneid_authenticated: bool) -> Dossier:
    """File the draft as a dossier and empty it. The draft row is locked first, so a second
    submit of the same draft waits and then answers the dossier the first one filed."""
    with transaction.atomic():
        draft = Draft.objects.select_for_update().filter(pk=draft_id, owner=user).first()
        if draft is None:
            raise NotFound(_("Không tìm thấy bản nháp hồ sơ."))
        if draft.dossier_id is not None:
            return Dossier.objects.get(pk=draft.dossier_id)
        version = version_for_filing(draft.procedure)
        problems = incomplete_steps(draft, version=version)
        if problems:
            raise ValidationFailed(
                _("Hồ sơ chưa đủ thông tin, vui lòng hoàn thiện các bước còn thiếu."),
                code="incomplete_draft",
                fields=problems,
            )
        agency = agencies_for_procedure(draft.procedure).get(
            code=_value(draft, Step.AGENCY, "agency")
        )
        applicant = draft.data[Step.APPLICANT]
        delivery = draft.data[Step.DELIVERY]
        try:
            dossier = dossiers.submit(
                user=user,
                procedure=draft.procedure,
                receiving_agency=agency,
                applicant=_applicant(user, applicant),
                form_data=form_values(version, draft.data.get(Step.FORM, {})),
                components=_component_lines(draft, version=version),
                delivery_method=delivery.get("method", ""),
                delivery_address=delivery.get("address", ""),
                on_behalf=on_behalf(draft),
                vneid_authenticated=vneid_authenticated,
            )
        except ValidationFailed as exc:
            raise ValidationFailed(
                exc.message, code=exc.code, fields=_by_step(exc.fields, version=version)
            ) from exc
        draft.dossier = dossier
        draft.data = {}
        draft.files = {}
        draft.step = Step.REVIEW
        draft.updated_at = clock.now()
        draft.save()
    return dossier


def on_behalf(draft: Draft) -> bool:
    return _value(draft, Step.APPLICANT, "for_whom") == "other"


def form_values(version: ProcedureVersion, typed: Mapping[str, str]) -> dict[str, str]:
    """The typed values of the version's declared fields, as `validate_form_data` reads them."""
    return {
        field.key: typed[field.key]
        for field in version.form_fields.all()
        if typed.get(field.key) not in (None, "")
    }


def incomplete_steps(draft: Draft, *, version: ProcedureVersion) -> dict[str, list[str]]:
    """What the steps still lack before the draft can be submitted, by step slug. The checks of
    each field are the forms' and `dossiers.services.submit`'s; these say only what is missing."""
    problems: dict[str, list[str]] = {}
    codes = set(agencies_for_procedure(draft.procedure).values_list("code", flat=True))
    if _value(draft, Step.AGENCY, "agency") not in codes:
        problems[Step.AGENCY] = [_("Chọn nơi nộp hồ sơ.")]
    if not _value(draft, Step.APPLICANT, "name").strip():
        problems[Step.APPLICANT] = [_("Nhập thông tin người nộp hồ sơ.")]
    missing = [
        component.name
        for component in version.components.all()
        if component.required and not draft.files.get(str(component.pk))
    ]
    if on_behalf(draft) and not draft.files.get(AUTHORISATION):
        missing.append(_("Văn bản ủy quyền"))
    if missing:
        problems[Step.COMPONENTS] = [
            _("Đính kèm giấy tờ: %(name)s.") % {"name": name} for name in missing
        ]
    if not _value(draft, Step.DELIVERY, "method"):
        problems[Step.DELIVERY] = [_("Chọn cách nhận kết quả.")]
    return problems


def _value(draft: Draft, step: Step, key: str) -> str:
    return str(draft.data.get(step.value, {}).get(key, ""))


def _applicant(user: User, typed: Mapping[str, str]) -> dossiers.Applicant:
    organisation = user.kind == UserKind.ORGANISATION and typed.get("for_whom") != "other"
    number = typed.get("id_number", "").strip()
    return dossiers.Applicant(
        name=typed.get("name", ""),
        kind=ApplicantKind.ORGANISATION if organisation else ApplicantKind.PERSON,
        id_type="" if organisation or not number else IdentityDocument.PERSONAL_NUMBER,
        id_number="" if organisation else number,
        tax_code=number if organisation else "",
        phone=typed.get("phone", ""),
        email=typed.get("email", ""),
        address=typed.get("address", ""),
    )


def _component_lines(draft: Draft, *, version: ProcedureVersion) -> list[dossiers.ComponentLine]:
    lines = [
        dossiers.ComponentLine(
            component_id=component.pk,
            name=component.name,
            originals=component.originals or 0,
            certified_copies=component.certified_copies or 0,
            copies=component.copies or 0,
            uploads=tuple(UUID(f) for f in draft.files[str(component.pk)]),
        )
        for component in version.components.all()
        if draft.files.get(str(component.pk))
    ]
    if on_behalf(draft):
        lines.append(
            dossiers.ComponentLine(
                name=_("Văn bản ủy quyền nộp hồ sơ"),
                originals=1,
                uploads=tuple(UUID(f) for f in draft.files[AUTHORISATION]),
            )
        )
    return lines


def _by_step(fields: Mapping[str, list[str]], *, version: ProcedureVersion) -> dict[str, list]:
    keys = {field.key for field in version.form_fields.all()}
    steps: dict[str, list[str]] = {}
    for field, messages in fields.items():
        step = Step.FORM if field in keys else _STEP_OF_FIELD.get(field, Step.REVIEW)
        steps.setdefault(step.value, []).extend(messages)
    return steps


def save_typed(*, owner: User, draft_id: UUID, step: Step, values: Mapping[str, str]) -> None:
    """Keep what was typed on `step` while the citizen is still on it (a field checked as it is
    left). Only that step's values are written, under the draft's lock, and never into a draft
    already filed: a page posted or submitted at the same moment keeps its place and its
    result."""
    with transaction.atomic():
        draft = (
            Draft.objects.select_for_update()
            .filter(pk=draft_id, owner=owner, dossier__isnull=True)
            .first()
        )
        if draft is None:
            return
        draft.data = {**draft.data, step.value: dict(values)}
        draft.updated_at = clock.now()
        draft.save(update_fields=["data", "updated_at"])
