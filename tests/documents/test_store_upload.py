"""`store_upload`: the type comes from the bytes, the name must agree, limits per type, privacy."""

import hashlib
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents.models import StoredFile
from motcua.documents.selectors import open_upload, upload_of
from motcua.documents.services import store_upload
from tests.documents.files import jpeg_bytes, pdf_bytes, png_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
STORED_AS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    # The client's Content-Type is deliberately wrong in most tests: it must not matter.
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("to-khai.pdf", pdf_bytes(), "application/pdf"),
        ("cccd.JPG", jpeg_bytes(), "image/jpeg"),
        ("anh-the.jpeg", jpeg_bytes(), "image/jpeg"),
        ("so-do.png", png_bytes(), "image/png"),
        ("ban-quet", pdf_bytes(), "application/pdf"),
    ],
)
def test_accepted_files_are_stored_with_type_hash_and_size(private_root, name, content, expected):
    user = UserFactory()
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=clock.VN_TZ)
    with clock.frozen(moment):
        stored = store_upload(uploaded_file=upload(name, content, "text/plain"), user=user)

    stored.refresh_from_db()
    assert stored.content_type == expected
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert stored.original_name == name
    assert stored.uploaded_by == user
    assert stored.created_at == moment
    # Kept under a generated name in the private root, not under the sender's name or MEDIA_ROOT.
    path = private_root / stored.file.name
    assert path.read_bytes() == content
    assert path.name == f"{stored.id}.{STORED_AS[expected]}"
    assert stored.file.name.startswith("2026/03/")
    assert name not in stored.file.name


def test_the_sender_name_never_becomes_a_path(private_root):
    stored = store_upload(uploaded_file=upload("../../etc/passwd.pdf", pdf_bytes()), user=None)
    assert stored.original_name == "passwd.pdf"
    assert (private_root / stored.file.name).is_file()


def _refusal(name: str, content: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        store_upload(uploaded_file=upload(name, content), user=UserFactory())
    assert StoredFile.objects.count() == 0
    assert caught.value.fields == {"file": [caught.value.message]}
    return caught.value


def test_a_pdf_name_on_png_bytes_is_refused_naming_both(private_root):
    """Decision: a name whose ending disagrees with the content is refused, not stored as what
    the bytes say — the sender may have picked the wrong file from a folder of look-alikes."""
    error = _refusal("giay-khai-sinh.pdf", png_bytes())
    assert error.code == "extension_mismatch"
    assert "giay-khai-sinh.pdf" in error.message
    assert ".pdf" in error.message
    assert "PNG" in error.message
    assert not list(private_root.rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "content"),
    [("anh.png", jpeg_bytes()), ("van-ban.docx", pdf_bytes()), ("scan.jpg", pdf_bytes())],
)
def test_other_mismatches_are_refused(private_root, name, content):
    assert _refusal(name, content).code == "extension_mismatch"


@pytest.mark.parametrize(
    ("name", "content", "described"),
    [
        ("to-khai.pdf", b"This is not a PDF at all", "một loại tệp khác"),
        ("to-khai.pdf", b"%PD", "một loại tệp khác"),
        ("don.docx", b"PK\x03\x04" + b"\x00" * 40, "Word, Excel"),
        ("anh.gif", b"GIF89a" + b"\x00" * 20, "ảnh GIF"),
        ("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20, "ảnh HEIC"),
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60, "một loại tệp khác"),
    ],
)
def test_content_that_is_not_pdf_jpeg_or_png_is_refused_saying_what_it_is(
    private_root, name, content, described
):
    error = _refusal(name, content)
    assert error.code == "unsupported_file_type"
    assert error.message.startswith("Chỉ nhận tệp PDF, JPEG hoặc PNG; tệp bạn chọn là ")
    assert described in error.message


def test_an_empty_file_is_refused(private_root):
    error = _refusal("to-khai.pdf", b"")
    assert error.code == "empty_file"
    assert "không có nội dung" in error.message


@pytest.mark.parametrize(
    ("name", "content", "limit_key"),
    [
        ("to-khai.pdf", pdf_bytes(), "application/pdf"),
        ("anh.png", png_bytes(), "image/png"),
        ("anh.jpg", jpeg_bytes(), "image/jpeg"),
    ],
)
def test_limits_are_per_type_and_come_from_settings(
    settings, private_root, name, content, limit_key
):
    settings.MOTCUA_UPLOAD_MAX_BYTES = {
        **settings.MOTCUA_UPLOAD_MAX_BYTES,
        limit_key: len(content) - 1,
    }
    error = _refusal(name, content)
    assert error.code == "file_too_large"

    settings.MOTCUA_UPLOAD_MAX_BYTES = {**settings.MOTCUA_UPLOAD_MAX_BYTES, limit_key: len(content)}
    assert store_upload(uploaded_file=upload(name, content), user=None).size == len(content)


def test_default_limits_are_20_mb_for_pdf_and_10_mb_for_images(private_root):
    big_image = png_bytes() + b"\x00" * (10 * MB)
    error = _refusal("anh.png", big_image)
    assert error.code == "file_too_large"
    assert "tối đa 10 MB" in error.message

    pdf_of_15_mb = pdf_bytes() + b"%" * (15 * MB)
    assert store_upload(uploaded_file=upload("a.pdf", pdf_of_15_mb), user=None).size == len(
        pdf_of_15_mb
    )
    pdf_of_21_mb = pdf_bytes() + b"%" * (21 * MB)
    assert "tối đa 20 MB" in _refusal_without_count("a.pdf", pdf_of_21_mb).message


def _refusal_without_count(name: str, content: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        store_upload(uploaded_file=upload(name, content), user=None)
    return caught.value


def test_only_the_uploader_opens_a_file(private_root):
    owner, other = UserFactory(), UserFactory()
    stored = store_upload(uploaded_file=upload("to-khai.pdf", pdf_bytes()), user=owner)

    assert upload_of(user=owner, file_id=stored.id) == stored
    with open_upload(user=owner, file_id=str(stored.id)) as opened:
        assert opened.read() == pdf_bytes()
    for user, file_id in ((other, stored.id), (owner, "not-a-uuid")):
        with pytest.raises(NotFound):
            open_upload(user=user, file_id=file_id)
