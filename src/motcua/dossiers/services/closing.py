"""Ending a dossier's life: `return_result`, `stop`, `withdraw` and `accept_withdrawal`."""

from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.identity import IdentityDocument, clean_id_number
from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import DeliveryMethod, Dossier, Status
from motcua.dossiers.services import _core, _datastore
from motcua.workflow.actions import Action


def return_result(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    note: str = "",
    collector_name: str = "",
    collector_id_number: str = "",
    authorisation_number: str = "",
    authorisation_file: UUID | None = None,
) -> Dossier:
    """`return_result` (trả kết quả): the return desk hands the result over. At the desk, who
    collected is recorded on the history event (`data["collector"]`): the applicant, or another
    person (`collector_name`, their ID number and the authorisation — its number or the scan the
    officer uploaded)."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.RETURN_RESULT,
            expected_version=expected_version,
        )
        collector = _collector(
            dossier,
            user=user,
            name=collector_name,
            id_number=collector_id_number,
            authorisation_number=authorisation_number,
            authorisation_file=authorisation_file,
        )
        now = clock.now()
        dossier.status = Status.RETURNED
        dossier.returned_at = now
        _core.end_life(dossier, user=user, at=now, action=Action.RETURN_RESULT)
        _datastore.keep_result(dossier)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.RETURN_RESULT,
            from_status=Status.READY,
            at=now,
            note=note.strip(),
            data={"delivery_method": dossier.delivery_method, **collector},
        )
    return dossier


def _collector(
    dossier: Dossier,
    *,
    user: User,
    name: str,
    id_number: str,
    authorisation_number: str,
    authorisation_file: UUID | None,
) -> dict:
    """Who collected the result at the desk, as the history keeps it; nothing for online or
    postal returns."""
    name, number = " ".join((name or "").split()), (authorisation_number or "").strip()
    if not (name or id_number.strip() or number or authorisation_file):
        if dossier.delivery_method != DeliveryMethod.DESK:
            return {}
        return {
            "collector": {
                "applicant": True,
                "name": dossier.applicant_name,
                "id_number": dossier.applicant_id_number,
            }
        }
    problems: dict[str, list[str]] = {}
    if not name:
        problems["collector_name"] = [_("Nhập họ tên người nhận kết quả thay.")]
    digits = "".join(id_number.split())
    id_type = {12: IdentityDocument.PERSONAL_NUMBER, 9: IdentityDocument.OLD_ID}.get(
        len(digits), IdentityDocument.PASSPORT
    )
    try:
        digits = clean_id_number(id_type=id_type, value=digits)
    except ValidationFailed:
        problems["collector_id_number"] = [
            _(
                "Nhập số định danh cá nhân (12 chữ số), CMND (9 chữ số) hoặc số hộ chiếu của người nhận thay."
            )
        ]
    if not number and authorisation_file is None:
        problems["authorisation_number"] = [
            _("Nhập số văn bản ủy quyền hoặc tải lên bản chụp văn bản ủy quyền.")
        ]
    if authorisation_file is not None and not _core.own_uploads(user, [authorisation_file]):
        problems["authorisation_file"] = [
            _("Tệp văn bản ủy quyền không tồn tại hoặc không do bạn tải lên.")
        ]
    if problems:
        raise ValidationFailed(next(iter(problems.values()))[0], fields=problems)
    return {
        "collector": {
            "applicant": False,
            "name": name[:255],
            "id_number": digits,
            "authorisation_number": number[:100],
            "authorisation_file": str(authorisation_file) if authorisation_file else "",
        }
    }


def stop(*, user: User, dossier: Dossier, expected_version: int, reason: str) -> Dossier:
    """`stop` (dừng giải quyết): a leader of the unit ends processing, with the reason."""
    reason = _core.required_text(
        reason, field="reason", message=_("Nhập lý do dừng giải quyết hồ sơ.")
    )
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.STOP, expected_version=expected_version
        )
        now, before = clock.now(), dossier.status
        dossier.status = Status.STOPPED
        _core.end_life(dossier, user=user, at=now, action=Action.STOP)
        _core.commit(
            dossier=dossier, user=user, action=Action.STOP, from_status=before, at=now, note=reason
        )
    return dossier


def withdraw(*, user: User, dossier: Dossier, expected_version: int, reason: str) -> Dossier:
    """`withdraw` (xin rút hồ sơ): the citizen asks; an officer accepts with `accept_withdrawal`."""
    reason = _core.required_text(reason, field="reason", message=_("Nhập lý do xin rút hồ sơ."))
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.WITHDRAW, expected_version=expected_version
        )
        now, before = clock.now(), dossier.status
        dossier.status = Status.WITHDRAWAL_REQUESTED
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.WITHDRAW,
            from_status=before,
            at=now,
            note=reason,
        )
    return dossier


def accept_withdrawal(
    *, user: User, dossier: Dossier, expected_version: int, note: str = ""
) -> Dossier:
    """`accept_withdrawal`: the dossier is withdrawn and ends."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.ACCEPT_WITHDRAWAL,
            expected_version=expected_version,
        )
        now = clock.now()
        dossier.status = Status.WITHDRAWN
        _core.end_life(dossier, user=user, at=now, action=Action.ACCEPT_WITHDRAWAL)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.ACCEPT_WITHDRAWAL,
            from_status=Status.WITHDRAWAL_REQUESTED,
            at=now,
            note=note.strip(),
        )
    return dossier
