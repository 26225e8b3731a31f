"""What a file is, from its first bytes: never from its name or the sender's Content-Type header.

A browser or a phone labels files by their name, and a renamed file keeps its real bytes; the
signatures below are those of the file formats themselves.
"""

from django.utils.translation import gettext_lazy as _

from motcua.documents.models import ContentType

HEAD_SIZE = 16

ACCEPTED_SIGNATURES = (
    (b"%PDF-", ContentType.PDF),
    (b"\xff\xd8\xff", ContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", ContentType.PNG),
)

# The name endings each accepted type may carry; a name with another ending is refused.
EXTENSIONS = {
    ContentType.PDF: {"pdf"},
    ContentType.JPEG: {"jpg", "jpeg", "jpe", "jfif"},
    ContentType.PNG: {"png"},
}

STORED_EXTENSION = {ContentType.PDF: "pdf", ContentType.JPEG: "jpg", ContentType.PNG: "png"}

# Files people commonly pick by mistake, named so that the refusal tells them what they chose.
_REFUSED_SIGNATURES = (
    (b"PK\x03\x04", _("tệp nén hoặc tệp Word, Excel (ZIP, DOCX, XLSX)")),
    (b"\xd0\xcf\x11\xe0", _("tệp Word hoặc Excel đời cũ (DOC, XLS)")),
    (b"GIF8", _("ảnh GIF")),
    (b"II*\x00", _("ảnh TIFF")),
    (b"MM\x00*", _("ảnh TIFF")),
    (b"RIFF", _("ảnh WEBP hoặc tệp âm thanh, video")),
    (b"Rar!", _("tệp nén RAR")),
)


def content_type_of(head: bytes) -> ContentType | None:
    """The accepted type whose signature `head` starts with, else None."""
    for signature, content_type in ACCEPTED_SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def describe_refused(head: bytes) -> str:
    """A name for what a refused file is, for the message that refuses it."""
    if head[4:12] in {b"ftypheic", b"ftypheix", b"ftypmif1"}:
        return str(_("ảnh HEIC của điện thoại"))
    for signature, description in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            return str(description)
    return str(_("một loại tệp khác"))


def extension_of(name: str) -> str:
    """The lower-case ending of a file name without its dot; empty when it has none."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return base.rsplit(".", 1)[-1].lower()
