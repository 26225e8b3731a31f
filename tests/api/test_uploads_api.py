"""`POST /api/v1/uploads`: real multipart uploads, checked by content, in the error shape."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from motcua.documents.models import StoredFile
from tests.documents.files import jpeg_bytes, pdf_bytes, png_bytes, private_root
from tests.factories import UserFactory

__all__ = ["private_root"]

pytestmark = pytest.mark.django_db

URL = "/api/v1/uploads"


@pytest.fixture
def citizen_client():
    client = APIClient()
    client.force_authenticate(UserFactory(username="099190001234"))
    return client


def _file(name: str, content: bytes, content_type: str = "application/pdf"):
    # The declared Content-Type is "application/pdf" whatever the bytes: the server must not care.
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("to-khai.pdf", pdf_bytes(), "application/pdf"),
        ("cccd-mat-truoc.jpg", jpeg_bytes(), "image/jpeg"),
        ("so-ho-khau.png", png_bytes(), "image/png"),
    ],
)
def test_an_accepted_file_answers_201_with_its_record(
    private_root, citizen_client, name, content, content_type
):
    response = citizen_client.post(URL, {"file": _file(name, content)}, format="multipart")

    assert response.status_code == 201
    body = response.json()
    stored = StoredFile.objects.get()
    assert body == {
        "id": str(stored.id),
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "content_type": content_type,
    }
    assert stored.uploaded_by.username == "099190001234"
    assert (private_root / stored.file.name).read_bytes() == content


def test_a_large_upload_spooled_to_disk_is_hashed_and_stored_whole(
    settings, private_root, citizen_client
):
    # Above this size Django spools the upload to a temporary file, which a file-system storage
    # would otherwise move into place without reading it.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    content = pdf_bytes() + b"%" * 300_000
    response = citizen_client.post(URL, {"file": _file("ho-so.pdf", content)}, format="multipart")

    assert response.status_code == 201
    assert response.json()["sha256"] == hashlib.sha256(content).hexdigest()
    assert response.json()["size"] == len(content)
    stored = StoredFile.objects.get()
    assert (private_root / stored.file.name).read_bytes() == content


def test_a_token_authenticates_an_upload(private_root):
    token = Token.objects.create(user=UserFactory())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(URL, {"file": _file("a.pdf", pdf_bytes())}, format="multipart")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("name", "content", "code", "start"),
    [
        ("to-khai.pdf", b"not a pdf, just text", "unsupported_file_type", "Chỉ nhận tệp PDF"),
        ("to-khai.pdf", png_bytes(), "extension_mismatch", "Tên tệp to-khai.pdf có đuôi .pdf"),
        ("to-khai.pdf", b"", "empty_file", "Tệp to-khai.pdf không có nội dung"),
    ],
)
def test_a_refused_file_answers_400_with_fields_file(
    private_root, citizen_client, name, content, code, start
):
    response = citizen_client.post(URL, {"file": _file(name, content)}, format="multipart")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert body["message"].startswith(start)
    assert body["fields"] == {"file": [body["message"]]}
    assert not StoredFile.objects.exists()


def test_a_file_over_the_limit_answers_400(settings, private_root, citizen_client):
    settings.MOTCUA_UPLOAD_MAX_BYTES = {**settings.MOTCUA_UPLOAD_MAX_BYTES, "image/png": 1024}
    big = png_bytes() + b"\x00" * 2048
    response = citizen_client.post(URL, {"file": _file("a.png", big)}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "file_too_large"
    assert response.json()["fields"]["file"][0].startswith("Tệp PNG chỉ được lớn tối đa 0 MB")


@pytest.mark.parametrize("data", [{}, {"file": "not a file"}, {"other": "x"}])
def test_no_file_answers_400_naming_the_field(private_root, citizen_client, data):
    response = citizen_client.post(URL, data, format="multipart")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Dữ liệu chưa hợp lệ, vui lòng xem lỗi ở từng trường.",
        "fields": {"file": ["Chọn một tệp PDF, JPEG hoặc PNG để gửi trong trường file."]},
    }


def test_json_is_refused_in_the_error_shape(private_root, citizen_client):
    response = citizen_client.post(URL, {"file": "x"}, format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_anonymous_upload_answers_401(private_root):
    response = APIClient().post(URL, {"file": _file("a.pdf", pdf_bytes())}, format="multipart")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
    assert not StoredFile.objects.exists()


def test_the_endpoint_is_documented_as_multipart(client):
    schema = client.get("/api/v1/schema", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/uploads"]["post"]
    assert list(operation["requestBody"]["content"]) == ["multipart/form-data"]
    assert set(operation["responses"]) == {"201", "400", "401"}
    created = operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    name = created.rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][name]["properties"]) == {
        "id",
        "sha256",
        "size",
        "content_type",
    }
