"""The generic HTTP postal plugin against the postal simulator over real HTTP on loopback: the
parcel booked at the return desk (tracking number and fee from the post), its notifications
moving the shipment (a repeated one counted once, an older one ignored, a forged one refused, an
unknown parcel 404), the quiet shipment asked about, and every way booking fails — the post
refusing, in trouble, not reachable, not accepting our key — which returns nothing."""

import re
from datetime import timedelta

import pytest

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.delivery import jobs
from motcua.delivery.models import Shipment, ShipmentStatus, SimulatedParcel
from motcua.delivery.simulators import post_office
from motcua.dossiers.models import Status
from motcua.events.models import OutboxMessage
from tests.backoffice.intake.desk import signed_in
from tests.delivery.post import LATER, notify, nowhere, press, ready_for_post, ship, use_post

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(desk, settings, live_server):
    use_post(settings, live_server)
    return desk.world


def test_the_post_books_the_parcel_and_gives_its_number_and_fee(world):
    dossier = ready_for_post(world)
    shipment = ship(world, dossier)
    assert re.fullmatch(r"EB\d{9}VN", shipment.tracking_number)
    # The post's fee, not the one typed at the desk.
    assert (shipment.fee, shipment.provider, shipment.status) == (22000, "http_generic", "created")
    assert shipment.reference == f"{dossier.code}-1"
    assert shipment.dossier.status == Status.RETURNED
    parcel = SimulatedParcel.objects.get(tracking_number=shipment.tracking_number)
    assert (parcel.order_code, parcel.receiver_phone, parcel.receiver_address) == (
        shipment.reference,
        "0912345678",
        "Số 3 ngõ 5, xã An Phú",
    )
    assert parcel.sender_name == dossier.return_agency.name


def test_each_move_at_the_post_moves_the_shipment_with_its_moment(world):
    shipment = ship(world, ready_for_post(world))
    picked, travelling, delivered = (LATER + timedelta(hours=h) for h in (1, 2, 20))
    press(shipment.tracking_number, at=picked)
    press(shipment.tracking_number, at=travelling)
    press(shipment.tracking_number, at=delivered)
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.DELIVERED
    assert (shipment.picked_up_at, shipment.in_transit_at, shipment.delivered_at) == (
        picked,
        travelling,
        delivered,
    )
    assert OutboxMessage.objects.filter(topic="shipment.delivered").exists()
    parcel = SimulatedParcel.objects.get(tracking_number=shipment.tracking_number)
    assert parcel.callback_result == "200 recorded"


def test_a_parcel_sent_back_shows_as_returned(world):
    shipment = ship(world, ready_for_post(world))
    press(shipment.tracking_number)
    press(shipment.tracking_number, "return")
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.RETURNED
    assert shipment.returned_at is not None


def test_a_repeated_notification_is_counted_once(world):
    shipment = ship(world, ready_for_post(world))
    press(shipment.tracking_number)
    press(shipment.tracking_number, "notify")
    parcel = SimulatedParcel.objects.get(tracking_number=shipment.tracking_number)
    assert parcel.callback_result == "200 ignored"
    assert AuditEntry.objects.filter(action="shipment.picked_up").count() == 1
    assert OutboxMessage.objects.filter(topic="shipment.picked_up").count() == 1


def test_a_notification_older_than_the_shipment_changes_nothing(world, live_server):
    shipment = ship(world, ready_for_post(world))
    press(shipment.tracking_number)
    press(shipment.tracking_number)
    late = notify(
        live_server.url,
        {"tracking_number": shipment.tracking_number, "status": "PICKED_UP", "time": ""},
    )
    assert (late.status_code, late.json()["code"]) == (200, "ignored")
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.IN_TRANSIT


def test_a_forged_notification_is_refused(world, live_server):
    shipment = ship(world, ready_for_post(world))
    report = {"tracking_number": shipment.tracking_number, "status": "DELIVERED"}
    for forged in (
        notify(live_server.url, report, secret="doan-bua"),
        notify(live_server.url, report, sign=False),
    ):
        assert forged.status_code == 403
        assert forged.json()["code"] == "bad_signature"
        assert forged.json()["message"] == "Chữ ký của thông báo không hợp lệ."
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.CREATED


def test_a_notification_about_an_unknown_parcel_is_404(world, live_server):
    answer = notify(live_server.url, {"tracking_number": "EB000000000VN", "status": "DELIVERED"})
    assert answer.status_code == 404
    assert answer.json()["code"] == "unknown_tracking_number"


def test_a_notification_with_a_status_nobody_knows_is_400(world, live_server):
    shipment = ship(world, ready_for_post(world))
    answer = notify(live_server.url, {"tracking_number": shipment.tracking_number, "status": "X"})
    assert (answer.status_code, answer.json()["code"]) == (400, "bad_report")


def test_a_retry_after_a_failed_return_gets_the_same_parcel(world):
    dossier = ready_for_post(world)
    # Someone else acted first: the parcel is booked, then the return fails on the version.
    with pytest.raises(Conflict):
        ship(world, dossier, expected_version=dossier.version - 1)
    assert not Shipment.objects.exists()
    shipment = ship(world, dossier)
    assert SimulatedParcel.objects.get().tracking_number == shipment.tracking_number


def test_a_quiet_shipment_is_asked_about(world):
    shipment = ship(world, ready_for_post(world))
    parcel = SimulatedParcel.objects.get(tracking_number=shipment.tracking_number)
    # The notification is lost on the way.
    parcel.callback_url = ""
    parcel.save()
    with clock.frozen(LATER + timedelta(minutes=5)):
        post_office.advance(parcel)
    with clock.frozen(LATER + timedelta(minutes=10)):
        assert jobs.poll_quiet() == 0  # not quiet for long yet
    with clock.frozen(LATER + timedelta(hours=1)):
        assert jobs.poll_quiet() == 1
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.PICKED_UP
    assert shipment.picked_up_at == LATER + timedelta(minutes=5)


def test_the_simulator_moves_parcels_by_itself(world, settings):
    settings.MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS = 60
    shipment = ship(world, ready_for_post(world))
    with clock.frozen(LATER + timedelta(seconds=30)):
        assert post_office.advance_due() == 0
    with clock.frozen(LATER + timedelta(minutes=2)):
        assert post_office.advance_due() == 1
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.PICKED_UP


def _nothing_returned(dossier) -> None:
    dossier.refresh_from_db()
    assert dossier.status == Status.READY
    assert not Shipment.objects.exists()


def test_a_post_that_refuses_the_parcel_returns_nothing(world):
    dossier = ready_for_post(world, address="Đảo xa TU_CHOI")
    with pytest.raises(ValidationFailed) as refused:
        ship(world, dossier, address="Đảo xa TU_CHOI")
    assert refused.value.code == "postal_refused"
    assert "Bưu điện từ chối nhận bưu gửi: Địa chỉ nằm ngoài vùng phát" in refused.value.message
    _nothing_returned(dossier)


def test_a_post_in_trouble_returns_nothing(world):
    dossier = ready_for_post(world)
    with pytest.raises(Conflict) as failed:
        ship(world, dossier, address="Thôn A LOI_MAY_CHU")
    assert failed.value.code == "postal_error"
    assert "mã 503" in failed.value.message
    _nothing_returned(dossier)


def test_a_post_out_of_reach_returns_nothing(world, settings):
    settings.MOTCUA_POSTAL = {**settings.MOTCUA_POSTAL, "base_url": nowhere()}
    dossier = ready_for_post(world)
    with pytest.raises(Conflict) as failed:
        ship(world, dossier)
    assert failed.value.code == "postal_unavailable"
    assert "Chưa kết nối được dịch vụ bưu chính" in failed.value.message
    _nothing_returned(dossier)


def test_a_post_that_does_not_know_our_key_returns_nothing(world, settings):
    settings.MOTCUA_POSTAL = {**settings.MOTCUA_POSTAL, "api_key": "khoa-sai"}
    dossier = ready_for_post(world)
    with pytest.raises(Conflict) as failed:
        ship(world, dossier)
    assert failed.value.code == "postal_unauthorised"
    _nothing_returned(dossier)


def test_a_tracking_number_typed_at_the_desk_is_kept_without_asking_the_post(world, settings):
    settings.MOTCUA_POSTAL = {**settings.MOTCUA_POSTAL, "base_url": nowhere()}
    shipment = ship(world, ready_for_post(world), tracking_number="EB987654321VN")
    assert (shipment.tracking_number, shipment.fee, shipment.provider) == (
        "EB987654321VN",
        5000,
        "",
    )


def test_the_return_desk_shows_the_refusal_and_keeps_what_was_typed(world):
    dossier = ready_for_post(world)
    client = signed_in(world.counter_a)
    with clock.frozen(LATER):
        form = client.get(f"/can-bo/ho-so/{dossier.key}/tra-ket-qua/").content.decode()
        page = client.post(
            f"/can-bo/ho-so/{dossier.key}/tra-ket-qua/",
            {
                "expected_version": dossier.version,
                "recipient": "Lê Văn Tâm",
                "phone": "0903111222",
                "address": "Nhà số 9 TU_CHOI",
                "note": "Gửi trong giờ hành chính",
            },
        )
    assert "Hệ thống đặt gửi với bưu điện: số hiệu bưu gửi và cước phí do bưu điện cấp." in form
    shown = page.content.decode()
    assert page.status_code == 400
    assert "Bưu điện từ chối nhận bưu gửi" in shown
    for typed in ("Lê Văn Tâm", "0903111222", "Nhà số 9 TU_CHOI", "Gửi trong giờ hành chính"):
        assert typed in shown
    _nothing_returned(dossier)


def test_a_post_that_answers_without_a_tracking_number_returns_nothing(world, settings):
    # The mapping names an answer field the post does not send.
    settings.MOTCUA_POSTAL = {
        **settings.MOTCUA_POSTAL,
        "response_fields": {"tracking_number": "so_hieu"},
    }
    dossier = ready_for_post(world)
    with pytest.raises(Conflict) as failed:
        ship(world, dossier)
    assert failed.value.code == "postal_bad_answer"
    assert "so_hieu" in failed.value.message
    _nothing_returned(dossier)


def test_a_booking_path_the_post_does_not_have_returns_nothing(world, settings):
    settings.MOTCUA_POSTAL = {**settings.MOTCUA_POSTAL, "paths": {"create": "/khong-co"}}
    dossier = ready_for_post(world)
    with pytest.raises(Conflict) as failed:
        ship(world, dossier)
    assert (failed.value.code, "mã 404" in failed.value.message) == ("postal_error", True)
    _nothing_returned(dossier)


def test_a_quiet_shipment_waits_when_the_post_cannot_be_asked(world, settings):
    shipment = ship(world, ready_for_post(world))
    settings.MOTCUA_POSTAL = {**settings.MOTCUA_POSTAL, "base_url": nowhere()}
    with clock.frozen(LATER + timedelta(hours=1)):
        assert jobs.poll_quiet() == 0
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.CREATED
    assert shipment.checked_at == LATER + timedelta(hours=1)
