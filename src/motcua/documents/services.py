"""Writes of stored files: `store_upload` checks an uploaded file and keeps it."""

import hashlib
import uuid
from collections.abc import Iterator
from typing import NoReturn

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.documents.models import ContentType, StoredFile
from motcua.documents.sniffing import (
    EXTENSIONS,
    HEAD_SIZE,
    STORED_EXTENSION,
    content_type_of,
    describe_refused,
    extension_of,
)

MEGABYTE = 1024 * 1024


class _HashingFile(File):
    """Hands the upload to the storage chunk by chunk, hashing and counting what passes."""

    def __init__(self, file: UploadedFile) -> None:
        super().__init__(file, name=file.name)
        self.sha256 = hashlib.sha256()
        self.counted = 0

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        for chunk in self.file.chunks(chunk_size):
            self.sha256.update(chunk)
            self.counted += len(chunk)
            yield chunk


def store_upload(*, uploaded_file: UploadedFile, user: User | None) -> StoredFile:
    """Keep an uploaded PDF, JPEG or PNG in private storage and return its record.

    The type comes from the file's bytes. A name whose ending says another type is refused
    rather than stored as what the bytes say: the sender may have picked the wrong file.
    Raises `ValidationFailed` (fields["file"]) for an empty, unknown, mismatched or too large
    file.
    """
    name = (uploaded_file.name or "").rsplit("/", 1)[-1][:255]
    head = _head(uploaded_file)
    if not head:
        _refuse(
            "empty_file",
            gettext("Tệp %(name)s không có nội dung; hãy chọn lại tệp cần gửi.") % {"name": name},
        )
    content_type = content_type_of(head)
    if content_type is None:
        _refuse(
            "unsupported_file_type",
            gettext(
                "Chỉ nhận tệp PDF, JPEG hoặc PNG; tệp bạn chọn là %(kind)s. Hãy lưu văn bản thành "
                "PDF hoặc chụp, quét giấy tờ thành ảnh JPEG, PNG rồi gửi lại."
            )
            % {"kind": describe_refused(head)},
        )
    extension = extension_of(name)
    if extension and extension not in EXTENSIONS[content_type]:
        _refuse(
            "extension_mismatch",
            gettext(
                "Tên tệp %(name)s có đuôi .%(extension)s nhưng nội dung là %(kind)s; hãy kiểm tra "
                "lại đúng tệp cần gửi, hoặc đổi đuôi tên tệp cho đúng."
            )
            % {"name": name, "extension": extension, "kind": content_type.label},
        )
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES[content_type.value]
    if uploaded_file.size > limit:
        _refuse(
            "file_too_large",
            gettext(
                "Tệp %(kind)s chỉ được lớn tối đa %(limit)s MB; tệp bạn chọn %(size)s MB. Hãy "
                "nén tệp hoặc quét lại với độ phân giải thấp hơn."
            )
            % {
                "kind": content_type.label,
                "limit": _megabytes(limit),
                "size": _megabytes(uploaded_file.size),
            },
        )
    return _save(uploaded_file, name=name, content_type=content_type, user=user)


def _head(uploaded_file: UploadedFile) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_SIZE)
    uploaded_file.seek(0)
    return head


def _save(
    uploaded_file: UploadedFile, *, name: str, content_type: ContentType, user: User | None
) -> StoredFile:
    now = clock.now()
    record = StoredFile(
        id=uuid.uuid4(),
        content_type=content_type,
        original_name=name,
        uploaded_by=user,
        created_at=now,
    )
    # Stored under a generated name: the sender's name is kept as data, never used as a path.
    content = _HashingFile(uploaded_file)
    path = record.file.storage.save(
        f"{now:%Y/%m}/{record.id}.{STORED_EXTENSION[content_type]}", content, max_length=255
    )
    record.file.name = path
    record.sha256 = content.sha256.hexdigest()
    record.size = content.counted
    try:
        record.save(force_insert=True)
    except BaseException:
        record.file.storage.delete(path)
        raise
    return record


def _refuse(code: str, message: str) -> NoReturn:
    raise ValidationFailed(message, code=code, fields={"file": [message]})


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".rstrip("0").rstrip(".").replace(".", ",")
