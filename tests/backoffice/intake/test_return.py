"""Handing a result over: at the desk to the applicant or to an authorised person (recorded on
the history), online, by post (a shipment, shown on the page); who may reach the page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.delivery import services as delivery
from motcua.delivery.models import Shipment, ShipmentStatus
from motcua.documents.sample_files import simple_pdf
from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier, Status
from tests.backoffice.intake.desk import MORNING, ready_walk_in, signed_in
from tests.dossiers.helpers import walk_in

LATER = MORNING.replace(hour=15)
QUERIES = 12


def _url(dossier) -> str:
    return f"/can-bo/ho-so/{dossier.key}/tra-ket-qua/"


def _return(client, dossier, **data):
    with clock.frozen(LATER):
        return client.post(_url(dossier), {"expected_version": dossier.version, **data})


def _collector(dossier) -> dict:
    return dossier.events.get(action="return_result").data["collector"]


def test_the_applicant_collects_at_the_desk(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    client = signed_in(world.counter_a)
    with clock.frozen(LATER):
        page = client.get(_url(dossier))
    assert page.status_code == 200
    assert "Chính người nộp hồ sơ" in page.content.decode()
    response = _return(client, dossier, collector="applicant")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert _collector(dossier) == {
        "applicant": True,
        "name": "Trần Thị Bình",
        "id_number": "099190001234",
    }
    with clock.frozen(LATER):
        shown = client.get(_url(dossier)).content.decode()
    assert "Người nhận: chính người nộp hồ sơ, Trần Thị Bình." in shown


def test_an_authorised_person_collects_with_the_authorisation_recorded(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    client = signed_in(world.counter_a)
    scan = SimpleUploadedFile("uy-quyen.pdf", simple_pdf(["Uy quyen"]), "application/pdf")
    response = _return(
        client,
        dossier,
        collector="other",
        collector_name="Lê Văn Cường",
        collector_id_number="001 090 123 456",
        authorisation_number="15/2026/UQ",
        authorisation_file=scan,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier.refresh_from_db()
    collector = _collector(dossier)
    assert collector["applicant"] is False
    assert (collector["name"], collector["id_number"], collector["authorisation_number"]) == (
        "Lê Văn Cường",
        "001090123456",
        "15/2026/UQ",
    )
    assert collector["authorisation_file"]
    with clock.frozen(LATER):
        shown = client.get(_url(dossier)).content.decode()
    assert "Người nhận thay: Lê Văn Cường, số giấy tờ 001090123456" in shown


def test_an_authorised_person_without_id_or_authorisation_is_refused_keeping_the_typing(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    client = signed_in(world.counter_a)
    response = _return(client, dossier, collector="other", collector_name="Lê Văn Cường")
    assert response.status_code == 400
    text = response.content.decode()
    assert "người nhận thay" in text
    assert 'value="Lê Văn Cường"' in text
    dossier.refresh_from_db()
    assert dossier.status == Status.READY


def test_an_online_result_is_confirmed(desk):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.ONLINE)
    client = signed_in(world.counter_a)
    response = _return(client, dossier)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert "collector" not in dossier.events.get(action="return_result").data
    with clock.frozen(LATER):
        shown = client.get(_url(dossier)).content.decode()
    assert "sẵn sàng để công dân tải về" in shown


def test_a_postal_return_creates_a_shipment_shown_on_the_page(desk):
    world = desk.world
    dossier = ready_walk_in(
        world, delivery_method=DeliveryMethod.POST, delivery_address="Số 3 ngõ 5, xã An Phú"
    )
    client = signed_in(world.counter_a)
    with clock.frozen(LATER):
        form = client.get(_url(dossier)).content.decode()
    assert 'value="Số 3 ngõ 5, xã An Phú"' in form
    response = _return(
        client,
        dossier,
        recipient="Trần Thị Bình",
        phone="0912 345 678",
        address="Số 3 ngõ 5, xã An Phú",
        fee="25000",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shipment = Shipment.objects.get(dossier=dossier)
    assert (shipment.status, shipment.fee, shipment.phone) == (
        ShipmentStatus.CREATED,
        25000,
        "0912345678",
    )
    assert shipment.created_at == LATER
    with clock.frozen(LATER):
        shown = client.get(_url(dossier)).content.decode()
    assert "Bưu gửi" in shown
    assert "25000" in shown
    assert "Đã tạo phiếu gửi" in shown


def test_a_postal_return_without_a_phone_returns_nothing(desk):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A")
    client = signed_in(world.counter_a)
    response = _return(client, dossier, recipient="Trần Thị Bình", phone="", address="Thôn A")
    assert response.status_code == 400
    assert "Nhập số điện thoại người nhận" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.READY
    assert not Shipment.objects.exists()


def test_an_officer_of_another_agency_gets_404_and_a_colleague_403(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    with clock.frozen(LATER):
        assert signed_in(world.counter_b).get(_url(dossier)).status_code == 404
        assert signed_in(world.specialist_a).get(_url(dossier)).status_code == 403
        assert (
            signed_in(world.counter_a).get("/can-bo/ho-so/KHONG-CO/tra-ket-qua/").status_code == 404
        )


def test_a_dossier_not_ready_is_not_returned(desk):
    world = desk.world
    with clock.frozen(MORNING):
        dossier = walk_in(world)
    with clock.frozen(LATER):
        page = signed_in(world.counter_a).get(_url(dossier))
    assert page.status_code == 409
    assert "không thể trả kết quả" in page.content.decode().lower()


def test_the_return_page_reads_a_fixed_number_of_queries_whatever_the_shipments(
    desk, django_assert_max_num_queries
):
    world = desk.world
    dossier = ready_walk_in(world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A")
    client = signed_in(world.counter_a)
    fields = {"recipient": "Trần Thị Bình", "phone": "0912345678", "address": "Thôn A"}
    assert _return(client, dossier, **fields).status_code == 302
    dossier.refresh_from_db()
    for _resend in range(2):
        with clock.frozen(LATER), django_assert_max_num_queries(QUERIES):
            assert client.get(_url(dossier)).status_code == 200
        delivery.create_shipment(user=world.counter_a, dossier=dossier, **fields)
    assert Shipment.objects.filter(dossier=dossier).count() == 3


def test_the_authorisation_scan_must_be_the_officers_own_upload(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    stranger = store_upload(
        uploaded_file=SimpleUploadedFile("x.pdf", simple_pdf(["x"]), "application/pdf"),
        user=world.counter_b,
    )
    with clock.frozen(LATER), pytest.raises(ValidationFailed) as refused:
        services.return_result(
            user=world.counter_a,
            dossier=dossier,
            expected_version=dossier.version,
            collector_name="Lê Văn Cường",
            collector_id_number="001090123456",
            authorisation_file=stranger.pk,
        )
    assert set(refused.value.fields) == {"authorisation_file"}
    dossier.refresh_from_db()
    assert dossier.status == Status.READY


def test_the_authorisation_scan_survives_a_stale_version_and_is_viewable(desk):
    world = desk.world
    dossier = ready_walk_in(world)
    seen = dossier.version
    # Someone else updates the dossier meanwhile.
    Dossier.objects.filter(pk=dossier.pk).update(version=F("version") + 1)
    client = signed_in(world.counter_a)
    scan = SimpleUploadedFile("uy-quyen.pdf", simple_pdf(["Uy quyen"]), "application/pdf")
    fields = {
        "collector": "other",
        "collector_name": "Lê Văn Cường",
        "collector_id_number": "001090123456",
    }
    with clock.frozen(LATER):
        stale = client.post(
            _url(dossier), {"expected_version": seen, **fields, "authorisation_file": scan}
        )
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Đã tải lên: uy-quyen.pdf" in text
    kept = re.search(r'name="authorisation_kept" value="([^"]+)"', text).group(1)
    version = re.search(r'name="expected_version" value="(\d+)"', text).group(1)
    with clock.frozen(LATER):
        done = client.post(
            _url(dossier), {"expected_version": version, **fields, "authorisation_kept": kept}
        )
    assert done.status_code == 302, done.content.decode()[:2000]
    dossier.refresh_from_db()
    assert _collector(dossier)["authorisation_file"] == kept
    file_url = f"/can-bo/ho-so/{dossier.key}/tep/{kept}/"
    with clock.frozen(LATER):
        assert file_url in client.get(_url(dossier)).content.decode()
        shown = client.get(file_url)
        assert shown.status_code == 200
        assert b"".join(shown.streaming_content).startswith(b"%PDF")
        assert signed_in(world.counter_b).get(file_url).status_code == 404
