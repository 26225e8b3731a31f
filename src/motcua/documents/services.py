"""Writes of stored files: `store_upload` checks an uploaded file and keeps it, `store_generated`
keeps one the system made. And of the personal data store: `keep` puts a stored file in a
citizen's store (`keep_all` several at once), `add_upload` is their own upload with its
description, `remove` takes a document out of the store (never deleting the file)."""

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from motcua.accounts.models import User
from motcua.audit import services as audit
from motcua.catalog.models import Component
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.documents.models import ContentType, DocumentKind, PersonalDocument, StoredFile
from motcua.documents.selectors import document_of
from motcua.documents.sniffing import (
    EXTENSIONS,
    HEAD_SIZE,
    STORED_EXTENSION,
    content_type_of,
    describe_refused,
    extension_of,
)
from motcua.documents.storage import private_storage

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


def store_generated(*, content: bytes, name: str, user: User | None, path: str) -> StoredFile:
    """Keep a PDF, JPEG or PNG the system made itself (not a visitor's upload) at the storage
    name `path`. The bytes are written only when that name is not yet taken by the same bytes,
    so a database seeded again and again (the demo, its tests) does not pile up copies."""
    content_type = content_type_of(content[:HEAD_SIZE])
    if content_type is None or not path.endswith(f".{STORED_EXTENSION[content_type]}"):
        raise ValueError(f"{path}: not a PDF, JPEG or PNG stored under its own extension")
    storage = private_storage()
    digest = hashlib.sha256(content).hexdigest()
    if storage.exists(path):
        with storage.open(path, "rb") as existing:
            same = hashlib.sha256(existing.read()).hexdigest() == digest
        if not same:
            storage.delete(path)
    if not storage.exists(path):
        storage.save(path, ContentFile(content), max_length=255)
    return StoredFile.objects.create(
        id=uuid.uuid4(),
        sha256=digest,
        size=len(content),
        content_type=content_type,
        original_name=name[:255],
        file=path,
        uploaded_by=user,
        created_at=clock.now(),
    )


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


def keep(
    *,
    owner: User,
    file: StoredFile,
    title: str,
    kind: str,
    component: Component | None = None,
    number: str = "",
    issued_on: date | None = None,
    issuer: str = "",
    valid_until: date | None = None,
    source: str = "",
) -> PersonalDocument:
    """Put `file` in `owner`'s data store with its description; the document already there if
    the file is in the store (a file reused in a new dossier is not kept twice)."""
    described = _description(
        title=title, number=number, issued_on=issued_on, issuer=issuer, valid_until=valid_until
    )
    document, _created = PersonalDocument.objects.get_or_create(
        owner=owner,
        file=file,
        defaults={
            **described,
            "kind": DocumentKind(kind),
            "component": component,
            "source": source.strip()[:255],
            "created_at": clock.now(),
        },
    )
    return document


@dataclass(frozen=True)
class Paper:
    """A stored file to keep in a data store, with how it is described there."""

    file_id: uuid.UUID
    title: str
    kind: str
    component_id: int | None = None


def keep_all(*, owner: User, papers: Iterable[Paper], source: str) -> None:
    """Put several files in `owner`'s data store in one query; a file already in the store
    keeps the description it has."""
    now = clock.now()
    PersonalDocument.objects.bulk_create(
        [
            PersonalDocument(
                owner=owner,
                file_id=paper.file_id,
                title=paper.title.strip()[:1000],
                kind=DocumentKind(paper.kind),
                component_id=paper.component_id,
                source=source.strip()[:255],
                created_at=now,
            )
            for paper in papers
        ],
        ignore_conflicts=True,
    )


def add_upload(
    *,
    owner: User,
    uploaded_file: UploadedFile,
    title: str,
    number: str = "",
    issued_on: date | None = None,
    issuer: str = "",
    valid_until: date | None = None,
) -> PersonalDocument:
    """The citizen adds a document of their own to their store: the description is checked
    before the file is stored, so a mistake in it stores nothing."""
    description = {
        "title": title,
        "number": number,
        "issued_on": issued_on,
        "issuer": issuer,
        "valid_until": valid_until,
    }
    _description(**description)
    with transaction.atomic():
        stored = store_upload(uploaded_file=uploaded_file, user=owner)
        document = keep(owner=owner, file=stored, kind=DocumentKind.UPLOADED, **description)
        audit.record(
            action="personal_document.add",
            actor=owner,
            obj=document,
            data={"file": str(stored.pk), "title": document.title},
        )
    return document


def remove(*, owner: User, document_id: uuid.UUID | str) -> None:
    """Take a document out of `owner`'s store. Only the store's entry goes: the file stays
    wherever else it is used (a filed dossier keeps its papers and its result)."""
    with transaction.atomic():
        document = document_of(owner=owner, document_id=document_id)
        audit.record(
            action="personal_document.remove",
            actor=owner,
            obj=document,
            data={"file": str(document.file_id), "title": document.title},
        )
        document.delete()


def _description(
    *, title: str, number: str, issued_on: date | None, issuer: str, valid_until: date | None
) -> dict:
    """The description of a document, trimmed, or `ValidationFailed` naming each wrong field."""
    problems: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        problems["title"] = [gettext("Nhập tên giấy tờ, ví dụ: Căn cước công dân.")]
    if issued_on is not None and issued_on > clock.today():
        problems["issued_on"] = [gettext("Ngày cấp không được sau ngày hôm nay.")]
    if issued_on is not None and valid_until is not None and valid_until < issued_on:
        problems["valid_until"] = [gettext("Ngày hết giá trị phải từ ngày cấp trở về sau.")]
    if problems:
        message = next(iter(problems.values()))[0]
        raise ValidationFailed(message, code="invalid_document", fields=problems)
    return {
        "title": title[:1000],
        "number": (number or "").strip()[:100],
        "issued_on": issued_on,
        "issuer": (issuer or "").strip()[:255],
        "valid_until": valid_until,
    }
