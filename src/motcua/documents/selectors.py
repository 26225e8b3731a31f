"""Reads of stored files, for the person who uploaded them; and of the personal data store, for
its owner: their documents, one of them, the files they may attach, and whether a document fits
a catalogue component."""

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from motcua.accounts.models import User
from motcua.catalog.models import Component
from motcua.core.errors import NotFound
from motcua.documents.models import PersonalDocument, StoredFile


def upload_of(*, user: User, file_id: uuid.UUID | str) -> StoredFile:
    """The stored file `user` uploaded with this id. Another person's file answers like a
    missing one, so ids cannot be probed."""
    try:
        return StoredFile.objects.get(pk=file_id, uploaded_by=user)
    except (StoredFile.DoesNotExist, ValidationError) as exc:
        raise NotFound(gettext("Không tìm thấy tệp đã tải lên.")) from exc


def open_upload(*, user: User, file_id: uuid.UUID | str) -> File:
    """The bytes of a file `user` uploaded, opened for reading; the caller closes it."""
    stored = upload_of(user=user, file_id=file_id)
    return stored.file.storage.open(stored.file.name, "rb")


def documents_of(owner: User) -> QuerySet[PersonalDocument]:
    """The documents of `owner`'s data store, the most recently kept first."""
    return PersonalDocument.objects.filter(owner=owner).select_related("file", "component")


def document_of(*, owner: User, document_id: uuid.UUID | str) -> PersonalDocument:
    """One document of `owner`'s store; anyone else's answers like a missing one."""
    try:
        return documents_of(owner).get(pk=document_id)
    except (PersonalDocument.DoesNotExist, ValidationError) as exc:
        raise NotFound(gettext("Không tìm thấy giấy tờ trong kho dữ liệu.")) from exc


def open_document(*, owner: User, document_id: uuid.UUID | str) -> tuple[PersonalDocument, File]:
    """A document of `owner`'s store and its bytes opened for reading; the caller closes them."""
    document = document_of(owner=owner, document_id=document_id)
    stored = document.file
    return document, stored.file.storage.open(stored.file.name, "rb")


def usable_files(user: User) -> QuerySet[StoredFile]:
    """The stored files `user` may attach to what they file: those they uploaded and those in
    their data store (a result issued to them was uploaded by an officer)."""
    kept = PersonalDocument.objects.filter(owner=user).values("file")
    return StoredFile.objects.filter(Q(uploaded_by=user) | Q(pk__in=kept))


def kept_file_ids(*, owner: User, ids: Iterable[uuid.UUID | str]) -> set[uuid.UUID]:
    """Which of the stored files `ids` are in `owner`'s data store."""
    wanted = set(ids)
    if not wanted:
        return set()
    kept = PersonalDocument.objects.filter(owner=owner, file__in=wanted)
    return set(kept.values_list("file_id", flat=True))


def fits(document: PersonalDocument, component: Component) -> bool:
    """Whether `document` was kept as `component`, or as a component of another version or
    procedure with the same code or name, or is named like it."""
    name = component.name.casefold().strip()
    kept_as = document.component
    if kept_as is not None and (
        kept_as.pk == component.pk
        or (component.code and kept_as.code == component.code)
        or kept_as.name.casefold().strip() == name
    ):
        return True
    return document.title.casefold().strip() == name
