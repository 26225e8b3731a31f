"""Filing with files: uploads named by the component lines of `POST /api/v1/dossiers`, and the
dossier listing each line's files."""

import hashlib
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.catalog.importer import import_catalogue
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierComponent
from tests.catalog.builders import procedure
from tests.documents.files import pdf_bytes, png_bytes, private_root
from tests.dossiers.helpers import at
from tests.dossiers.world import World, build_world

__all__ = ["private_root"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, private_root) -> World:
    world = build_world()
    # A new version of the birth procedure that lists its papers with codes.
    with clock.frozen(at(3, 2, 8)):
        report = import_catalogue(
            {
                "procedures": [
                    procedure(
                        world.birth.code,
                        "Đăng ký khai sinh",
                        ThanhPhanHoSo=[
                            {"Ma": "TK", "Ten": "Tờ khai đăng ký khai sinh", "BanChinh": 1},
                            {"Ma": "GCS", "Ten": "Giấy chứng sinh", "BanChinh": 1},
                        ],
                    )
                ]
            }
        )
    assert report.ok, [str(rejection) for rejection in report.rejected]
    return world


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(at(3, 2, 9)):
        yield


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _upload(user, name: str, content: bytes) -> dict:
    response = _client(user).post(
        "/api/v1/uploads",
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def _filing(world: World, components: list[dict], **changes) -> dict:
    body = {
        "procedure": world.birth.code,
        "receiving_agency": world.tree.commune_a.code,
        "applicant": {"name": "Trần Thị Bình", "phone": "0912345678"},
        "components": components,
        "delivery": {"method": "online"},
    }
    body.update(changes)
    return body


def _file(user, body: dict, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return _client(user).post("/api/v1/dossiers", body, format="json", headers=headers)


def _file_entry(upload: dict, name: str) -> dict:
    return {**upload, "name": name}


def test_uploaded_files_are_listed_under_their_component_lines(world):
    form, form_bytes = "to-khai.pdf", pdf_bytes("To khai dang ky khai sinh")
    scan, scan_bytes = "giay-chung-sinh.png", png_bytes(4, 3)
    extra, extra_bytes = "giay-chung-sinh-trang-2.pdf", pdf_bytes("Trang 2")
    first = _upload(world.citizen, form, form_bytes)
    second = _upload(world.citizen, scan, scan_bytes)
    third = _upload(world.citizen, extra, extra_bytes)
    assert second["content_type"] == "image/png"
    assert second["sha256"] == hashlib.sha256(scan_bytes).hexdigest()

    response = _file(
        world.citizen,
        _filing(
            world,
            [
                {"component": "TK", "originals": 1, "uploads": [first["id"]]},
                {"component": "GCS", "originals": 1, "uploads": [second["id"], third["id"]]},
                {"name": "Bản sao CCCD của mẹ", "copies": 1},
            ],
        ),
    )

    assert response.status_code == 201, response.json()
    reference = response.json()["reference"]
    detail = _client(world.citizen).get(f"/api/v1/dossiers/{reference}")
    assert detail.status_code == 200
    assert response.json()["components"] == detail.json()["components"]
    lines = detail.json()["components"]
    assert [(line["component"], line["name"]) for line in lines] == [
        ("TK", "Tờ khai đăng ký khai sinh"),
        ("GCS", "Giấy chứng sinh"),
        (None, "Bản sao CCCD của mẹ"),
    ]
    assert [(line["originals"], line["certified_copies"], line["copies"]) for line in lines] == [
        (1, 0, 0),
        (1, 0, 0),
        (0, 0, 1),
    ]
    assert lines[0]["files"] == [_file_entry(first, form)]
    assert sorted(lines[1]["files"], key=lambda item: item["name"]) == [
        _file_entry(third, extra),
        _file_entry(second, scan),
    ]
    assert lines[2]["files"] == []
    assert lines[0]["files"][0]["content_type"] == "application/pdf"
    assert lines[0]["files"][0]["size"] == len(form_bytes)


def test_a_counter_officer_attaches_their_own_scans_and_not_a_citizens(world):
    mine = _upload(world.counter_a, "cccd.png", png_bytes())
    citizens = _upload(world.citizen, "to-khai.pdf", pdf_bytes())

    refused = _file(
        world.counter_a,
        _filing(world, [{"component": "TK", "uploads": [citizens["id"]]}], receive=True),
    )
    assert refused.status_code == 400
    accepted = _file(
        world.counter_a,
        _filing(world, [{"name": "CCCD", "copies": 1, "uploads": [mine["id"]]}], receive=True),
    )
    assert accepted.status_code == 201, accepted.json()
    assert accepted.json()["status"] == "received"
    assert accepted.json()["components"][0]["files"] == [_file_entry(mine, "cccd.png")]


def _refused(response, message: str) -> None:
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": message,
        "fields": {"components": [message]},
    }
    assert not Dossier.objects.exists()
    assert not DossierComponent.objects.exists()
    assert not DossierComponent.files.through.objects.exists()


def test_someone_elses_upload_is_refused_and_nothing_is_filed(world):
    mine = _upload(world.citizen, "to-khai.pdf", pdf_bytes())
    theirs = _upload(world.other_citizen, "giay-chung-sinh.png", png_bytes())

    response = _file(
        world.citizen,
        _filing(
            world,
            [
                {"component": "TK", "uploads": [mine["id"]]},
                {"component": "GCS", "uploads": [theirs["id"]]},
            ],
        ),
        key="k-1",
    )

    _refused(response, "Tệp đính kèm của giấy tờ thứ 2 không tồn tại hoặc không do bạn tải lên.")
    # The refused filing kept no key: the same key files once the body is right.
    fixed = _file(
        world.citizen, _filing(world, [{"component": "TK", "uploads": [mine["id"]]}]), key="k-1"
    )
    assert fixed.status_code == 201, fixed.json()


def test_an_unknown_upload_is_refused(world):
    response = _file(
        world.citizen, _filing(world, [{"component": "TK", "uploads": [str(uuid.uuid4())]}])
    )
    _refused(response, "Tệp đính kèm của giấy tờ thứ 1 không tồn tại hoặc không do bạn tải lên.")


def test_one_upload_on_two_lines_is_refused(world):
    upload = _upload(world.citizen, "to-khai.pdf", pdf_bytes())
    response = _file(
        world.citizen,
        _filing(
            world,
            [
                {"component": "TK", "uploads": [upload["id"]]},
                {"component": "GCS", "uploads": [upload["id"]]},
            ],
        ),
    )
    _refused(
        response,
        "Tệp đính kèm của giấy tờ thứ 2 đã được đính kèm ở giấy tờ thứ 1: "
        "mỗi tệp chỉ đính kèm một giấy tờ.",
    )


@pytest.mark.parametrize("uploads", [["not-a-uuid"], [str(uuid.uuid4()) for _ in range(21)]])
def test_malformed_upload_lists_are_refused_by_shape(world, uploads):
    response = _file(world.citizen, _filing(world, [{"component": "TK", "uploads": uploads}]))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"components"}
    assert not Dossier.objects.exists()


def test_the_dossier_lists_its_files_in_a_fixed_number_of_queries(world):
    def filed_with(count: int) -> str:
        uploads = [
            _upload(world.citizen, f"trang-{n}.pdf", pdf_bytes(f"Trang {n}"))["id"]
            for n in range(count)
        ]
        lines = [{"component": "TK", "uploads": uploads[:1]}]
        lines += [
            {"name": f"Giấy tờ {n}", "uploads": [upload]} for n, upload in enumerate(uploads[1:])
        ]
        response = _file(world.citizen, _filing(world, lines))
        assert response.status_code == 201, response.json()
        return response.json()["reference"]

    def queries(reference: str) -> int:
        client = _client(world.citizen)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/dossiers/{reference}").status_code == 200
        return len(captured)

    assert queries(filed_with(1)) == queries(filed_with(6))
