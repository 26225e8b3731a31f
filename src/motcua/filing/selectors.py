"""Reading drafts: the caller's unfinished ones, one of them, and the files attached to it."""

from uuid import UUID

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.selectors import agencies_for_procedure, current_versions
from motcua.core.errors import NotFound
from motcua.documents.models import StoredFile
from motcua.filing.models import Draft


def drafts_of(user: User) -> QuerySet[Draft]:
    """The caller's unfinished drafts, the most recently touched first, each with the name of
    its procedure's version in force (`name`)."""
    names = current_versions().filter(procedure=OuterRef("procedure")).values("name")[:1]
    return (
        Draft.objects.filter(owner=user, dossier__isnull=True)
        .select_related("procedure")
        .annotate(name=Subquery(names))
    )


def draft_of(user: User, draft_id: UUID) -> Draft:
    """One of the caller's drafts (submitted or not); anyone else's answers like a missing one."""
    draft = Draft.objects.filter(pk=draft_id, owner=user).select_related("procedure").first()
    if draft is None:
        raise NotFound(_("Không tìm thấy bản nháp hồ sơ."))
    return draft


def attached_files(draft: Draft) -> dict[str, list[StoredFile]]:
    """The files of each slot of the draft, in the order attached, in one query."""
    ids = [file_id for slot in draft.files.values() for file_id in slot]
    stored = StoredFile.objects.filter(pk__in=ids, uploaded_by=draft.owner_id).in_bulk()
    by_text = {str(pk): file for pk, file in stored.items()}
    return {
        slot: [by_text[f] for f in file_ids if f in by_text]
        for slot, file_ids in draft.files.items()
    }


def chosen_agency(draft: Draft) -> Agency | None:
    """The receiving agency picked on the first step, if it still handles the procedure."""
    code = draft.data.get("noi-nop", {}).get("agency", "")
    return agencies_for_procedure(draft.procedure).filter(code=code).first() if code else None
