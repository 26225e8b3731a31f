"""Reads of stored files, for the person who uploaded them."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext

from motcua.accounts.models import User
from motcua.core.errors import NotFound
from motcua.documents.models import StoredFile


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
