"""Ending a dossier's life: `return_result`, `stop`, `withdraw` and `accept_withdrawal`."""

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.services import _core, _datastore
from motcua.workflow.actions import Action


def return_result(
    *, user: User, dossier: Dossier, expected_version: int, note: str = ""
) -> Dossier:
    """`return_result` (trả kết quả): the return desk hands the result over."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.RETURN_RESULT,
            expected_version=expected_version,
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
        )
    return dossier


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
