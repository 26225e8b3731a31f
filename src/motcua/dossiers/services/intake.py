"""Filing and intake: `submit` (online, or at the counter with `receive=True`), `receive`, `refuse`.

Receipt is where the dossier gets its code, its process version, its first step and its
appointment (the procedure's legal time and cut-off on the receiving agency's calendar).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.accounts.identity import clean_id_number, clean_tax_code
from motcua.accounts.models import User, UserKind
from motcua.agencies.models import Agency
from motcua.catalog.form_data import validate_form_data
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import current_version
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.core.phones import normalise_phone
from motcua.core.validation import full_clean_or_fail
from motcua.documents.selectors import kept_file_ids
from motcua.dossiers.codes import new_reference, next_code
from motcua.dossiers.models import (
    ApplicantKind,
    Channel,
    DeliveryMethod,
    Dossier,
    DossierComponent,
    Status,
)
from motcua.dossiers.services import _core, _datastore
from motcua.workdays.selectors import calendar_for
from motcua.workflow.actions import Action
from motcua.workflow.selectors import first_step, process_version_for


@dataclass(frozen=True)
class Applicant:
    """Who the dossier is for (người nộp / người yêu cầu)."""

    name: str
    kind: str = ApplicantKind.PERSON
    id_type: str = ""
    id_number: str = ""
    tax_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ComponentLine:
    """One paper handed in: a component of the procedure version, or one named freely, with the
    ids of the files the filer uploaded for it (bản scan, ảnh chụp)."""

    component_id: int | None = None
    name: str = ""
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    uploads: tuple[UUID, ...] = ()


def submit(
    *,
    user: User,
    procedure: Procedure,
    receiving_agency: Agency,
    applicant: Applicant,
    delivery_method: str,
    competent_agency: Agency | None = None,
    return_agency: Agency | None = None,
    form_data: Mapping[str, Any] | None = None,
    components: Sequence[ComponentLine] = (),
    delivery_address: str = "",
    channel: str | None = None,
    on_behalf: bool = False,
    owner: User | None = None,
    national_code: str | None = None,
    vneid_authenticated: bool = False,
    receive: bool = False,
) -> Dossier:
    """File a dossier. A citizen's or organisation's is `submitted` online and owned by them; a
    counter officer files for a walk-in (`owner` may name the citizen's account) and, with
    `receive=True`, receives it in the same transaction."""
    officer = user.kind == UserKind.OFFICER
    if officer:
        access.ensure(user, "dossiers.file_at_counter", receiving_agency)
    else:
        access.ensure(user, "dossiers.submit", None)
        if receive:
            raise Forbidden(_("Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ."))
        owner = user
    version = current_version(procedure)
    if version is None:
        raise Conflict(
            _("Thủ tục «%(code)s» chưa có phiên bản đang có hiệu lực.") % {"code": procedure.code},
            code="procedure_not_in_force",
        )
    now = clock.now()
    with transaction.atomic():
        dossier = Dossier(
            reference=new_reference(),
            national_code=national_code or None,
            procedure_version=version,
            owner=owner,
            submitted_by=user,
            on_behalf=on_behalf,
            channel=channel or (Channel.DIRECT if officer else Channel.ONLINE),
            vneid_authenticated=vneid_authenticated,
            receiving_agency=receiving_agency,
            competent_agency=competent_agency or receiving_agency,
            return_agency=return_agency or receiving_agency,
            form_data=validate_form_data(version, form_data or {}),
            delivery_method=delivery_method,
            delivery_address=delivery_address.strip(),
            status=Status.SUBMITTED,
            created_at=now,
            **_applicant_fields(applicant),
        )
        if delivery_method == DeliveryMethod.POST and not dossier.delivery_address:
            message = _("Nhập địa chỉ nhận kết quả qua bưu chính.")
            raise ValidationFailed(message, fields={"delivery_address": [message]})
        full_clean_or_fail(dossier, exclude={"procedure_version", "submitted_by", "owner"})
        dossier.save()
        _add_components(dossier, version=version, lines=components, user=user)
        _core.commit(dossier=dossier, user=user, action="submit", from_status="", at=now, note="")
        if receive:
            return _receive(user=user, dossier=dossier, expected_version=dossier.version)
    return dossier


def receive(*, user: User, dossier: Dossier, expected_version: int) -> Dossier:
    """`receive`: the dossier gets its code, process, first step and appointment."""
    return _receive(user=user, dossier=dossier, expected_version=expected_version)


def _receive(*, user: User, dossier: Dossier, expected_version: int) -> Dossier:
    # Apart from `receive` because `submit` takes a flag of that name.
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.RECEIVE, expected_version=expected_version
        )
        now = clock.now()
        version = dossier.procedure_version
        process = process_version_for(
            procedure=version.procedure, agency=dossier.competent_agency, on=now.date()
        )
        step = first_step(process) if process is not None else None
        if step is None:
            raise Conflict(
                _(
                    "Chưa có quy trình nội bộ đang áp dụng cho thủ tục này tại %(agency)s: "
                    "chưa thể tiếp nhận."
                )
                % {"agency": dossier.competent_agency.name},
                code="no_process",
            )
        if version.processing_amount is None:
            raise Conflict(
                _("Thủ tục chưa có thời hạn giải quyết: chưa thể tính ngày hẹn trả."),
                code="no_legal_time",
            )
        dossier.appointment_at = _appointment(version, agency=dossier.receiving_agency, at=now)
        dossier.code = dossier.national_code or next_code(agency=dossier.receiving_agency, at=now)
        dossier.process_version = process
        dossier.received_at = now
        dossier.status = Status.RECEIVED
        _core.enter_step(dossier, step=step, user=user, at=now, action=Action.RECEIVE, handler=user)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.RECEIVE,
            from_status=Status.SUBMITTED,
            at=now,
            data={"appointment_at": dossier.appointment_at.isoformat()},
        )
    return dossier


def refuse(*, user: User, dossier: Dossier, expected_version: int, reason: str) -> Dossier:
    """`refuse` (không tiếp nhận): the dossier ends before receipt, with the reason."""
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập lý do không tiếp nhận hồ sơ.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.REFUSE, expected_version=expected_version
        )
        now = clock.now()
        dossier.status = Status.NOT_RECEIVED
        _core.end_life(dossier, user=user, at=now, action=Action.REFUSE)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.REFUSE,
            from_status=Status.SUBMITTED,
            at=now,
            note=reason,
        )
    return dossier


def _appointment(version: ProcedureVersion, *, agency: Agency, at: datetime) -> datetime:
    return calendar_for(agency=agency).add(
        at, amount=version.processing_amount, unit=version.processing_unit, cutoff=version.cutoff
    )


def _applicant_fields(applicant: Applicant) -> dict[str, str]:
    name = _core.required_text(
        applicant.name, field="applicant_name", message=_("Nhập họ tên người nộp hồ sơ.")
    )
    phone = ""
    if applicant.phone.strip():
        phone = normalise_phone(applicant.phone) or ""
        if not phone:
            message = _("Số điện thoại không đúng: nhập số di động hoặc cố định Việt Nam.")
            raise ValidationFailed(message, fields={"applicant_phone": [message]})
    id_number = applicant.id_number.strip()
    if id_number or applicant.id_type:
        id_number = clean_id_number(id_type=applicant.id_type, value=id_number)
    tax_code = clean_tax_code(applicant.tax_code) if applicant.tax_code.strip() else ""
    return {
        "applicant_kind": applicant.kind,
        "applicant_name": name,
        "applicant_id_type": applicant.id_type,
        "applicant_id_number": id_number,
        "applicant_tax_code": tax_code,
        "applicant_phone": phone,
        "applicant_email": applicant.email.strip(),
        "applicant_address": applicant.address.strip(),
    }


def _add_components(
    dossier: Dossier, *, version: ProcedureVersion, lines: Sequence[ComponentLine], user: User
) -> None:
    known = {component.pk: component for component in version.components.all()}
    owned = _core.own_uploads(user, (upload for line in lines for upload in line.uploads))
    in_store = kept_file_ids(owner=user, ids=owned)
    attached: dict[UUID, int] = {}
    rows = []
    for index, line in enumerate(lines):
        component = known.get(line.component_id) if line.component_id is not None else None
        if line.component_id is not None and component is None:
            message = _("Giấy tờ thứ %(n)s không thuộc thành phần hồ sơ của thủ tục.") % {
                "n": index + 1
            }
            raise ValidationFailed(message, fields={"components": [message]})
        name = (line.name or "").strip() or (component.name if component else "")
        if not name:
            message = _("Giấy tờ thứ %(n)s chưa có tên.") % {"n": index + 1}
            raise ValidationFailed(message, fields={"components": [message]})
        counts = (line.originals, line.certified_copies, line.copies)
        if any(count < 0 for count in counts):
            message = _("Số bản của giấy tờ thứ %(n)s không được âm.") % {"n": index + 1}
            raise ValidationFailed(message, fields={"components": [message]})
        for upload in dict.fromkeys(line.uploads):
            if upload not in owned:
                message = _(
                    "Tệp đính kèm của giấy tờ thứ %(n)s không tồn tại hoặc không do bạn tải lên."
                ) % {"n": index + 1}
                raise ValidationFailed(message, fields={"components": [message]})
            if upload in attached:
                message = _(
                    "Tệp đính kèm của giấy tờ thứ %(n)s đã được đính kèm ở giấy tờ thứ %(m)s: "
                    "mỗi tệp chỉ đính kèm một giấy tờ."
                ) % {"n": index + 1, "m": attached[upload] + 1}
                raise ValidationFailed(message, fields={"components": [message]})
            attached[upload] = index
        rows.append(
            DossierComponent(
                dossier=dossier,
                component=component,
                name=name,
                originals=line.originals,
                certified_copies=line.certified_copies,
                copies=line.copies,
                from_data_store=any(upload in in_store for upload in line.uploads),
            )
        )
    DossierComponent.objects.bulk_create(rows)
    links = DossierComponent.files.through
    links.objects.bulk_create(
        links(dossiercomponent_id=rows[index].pk, storedfile_id=upload)
        for upload, index in attached.items()
    )
    _datastore.keep_papers(dossier, files={pk: rows[index] for pk, index in attached.items()})
