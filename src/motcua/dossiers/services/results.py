"""The result of processing: `attach_result` and `approve`.

The step's actors attach the result (a note, and optionally a file the caller uploaded); a
leader of the unit approves it. Neither moves the dossier: the next `forward` or `finish` does.
Attaching a new result clears an earlier approval, and a result document not yet issued
(`signing.draft_result`).
"""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.documents.selectors import upload_of
from motcua.dossiers import registers
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import _core, signing
from motcua.workflow.actions import Action


def attach_result(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    note: str,
    upload: uuid.UUID | str | None = None,
) -> Dossier:
    """`attach_result` (đính kèm kết quả): what the result is, and the file `user` uploaded with
    id `upload` if any (another person's upload answers 404, like a missing one)."""
    note = _core.required_text(note, field="note", message=_("Nhập nội dung kết quả giải quyết."))
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.ATTACH_RESULT,
            expected_version=expected_version,
        )
        stored = upload_of(user=user, file_id=upload) if upload else None
        signing.forget_unissued(dossier)
        _core.record_result(
            dossier,
            user=user,
            note=note,
            stored=stored,
            data={"file": str(stored.pk) if stored else None},
        )
    return dossier


def approve(*, user: User, dossier: Dossier, expected_version: int, note: str = "") -> Dossier:
    """`approve` (phê duyệt): a leader of the unit approves the attached result, which is
    entered in the competent agency's register when its procedure keeps one (`registers`)."""
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.APPROVE, expected_version=expected_version
        )
        if dossier.result_attached_at is None:
            raise Conflict(
                _("Hồ sơ chưa có kết quả đính kèm, chưa thể phê duyệt."), code="no_result"
            )
        now = clock.now()
        dossier.approved_by, dossier.approved_at = user, now
        entry = registers.enter(dossier=dossier, user=user, at=now)
        if entry is not None:
            signing.number_draft(dossier=dossier, user=user)
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.APPROVE,
            from_status=dossier.status,
            at=now,
            note=note.strip(),
            data={
                "approved_by": user.pk,
                "approved_by_name": user.full_name,
                "register_number": entry.number if entry else None,
            },
        )
    return dossier
