"""Reading drafts: the caller's unfinished ones, one of them, the files attached to it, and the
documents of the filer's data store the components step offers instead of uploading again."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import agencies_for_procedure, current_versions
from motcua.core.errors import NotFound
from motcua.documents.models import PersonalDocument, StoredFile
from motcua.documents.selectors import documents_of, fits, kept_file_ids, usable_files
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
    """The files of each slot of the draft, in the order attached: only files the owner uploaded
    or keeps in their data store, whatever ids the draft holds."""
    ids = [file_id for slot in draft.files.values() for file_id in slot]
    stored = usable_files(draft.owner).filter(pk__in=ids).in_bulk()
    by_text = {str(pk): file for pk, file in stored.items()}
    return {
        slot: [by_text[f] for f in file_ids if f in by_text]
        for slot, file_ids in draft.files.items()
    }


def chosen_agency(draft: Draft) -> Agency | None:
    """The receiving agency picked on the first step, if it still handles the procedure."""
    code = draft.data.get("noi-nop", {}).get("agency", "")
    return agencies_for_procedure(draft.procedure).filter(code=code).first() if code else None


@dataclass
class StoreOffer:
    """What the data store offers for one slot: documents that fit its component first, then
    the others; and which of the slot's attached files came from the store."""

    fitting: list[PersonalDocument] = field(default_factory=list)
    others: list[PersonalDocument] = field(default_factory=list)
    kept: set[UUID] = field(default_factory=set)


def store_offers(
    draft: Draft, *, version: ProcedureVersion, keys: Iterable[str]
) -> dict[str, StoreOffer]:
    """For each slot key, the owner's documents not yet attached anywhere in the draft (a file
    goes with one paper only), those that fit the slot's component first; a slot that is no
    component (the authorisation) gets them all as "others"."""
    attached = {file_id for slot in draft.files.values() for file_id in slot}
    documents = [d for d in documents_of(draft.owner) if str(d.file_id) not in attached]
    components = {str(component.pk): component for component in version.components.all()}
    kept = {str(pk) for pk in kept_file_ids(owner=draft.owner, ids=attached)}
    offers = {}
    for key in keys:
        component = components.get(key)
        fitting = [d for d in documents if component is not None and fits(d, component)]
        offers[key] = StoreOffer(
            fitting=fitting,
            others=[d for d in documents if d not in fitting],
            kept={UUID(f) for f in draft.files.get(key, []) if f in kept},
        )
    return offers
