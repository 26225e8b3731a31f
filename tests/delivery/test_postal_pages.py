"""What people see of postal delivery: the citizen follows the parcel on their dossier's page and
on the public tracking page (tracking number, status in Vietnamese, when each status came); the
simulated post office's page lists the parcels; a dossier that came by post is registered at the
counter with the postal channel."""

from datetime import timedelta

import pytest
from django.test import Client

from motcua.core import clock
from motcua.dossiers.models import Dossier
from tests.backoffice.intake.desk import CERTIFICATION, MORNING, signed_in
from tests.delivery.post import LATER, press, ready_for_post, ship, use_post

MOVED = LATER + timedelta(hours=1)


@pytest.mark.django_db(transaction=True)
def test_the_citizen_follows_the_parcel_on_their_dossier_and_the_tracking_page(
    desk, settings, live_server
):
    use_post(settings, live_server)
    world = desk.world
    shipment = ship(world, ready_for_post(world, owner=world.citizen))
    press(shipment.tracking_number, at=MOVED)
    client = Client()
    client.force_login(world.citizen)
    with clock.frozen(MOVED):
        mine = client.get(f"/ho-so-cua-toi/{shipment.dossier.key}/").content.decode()
        public = Client().get(
            "/tra-cuu/", {"ma": shipment.dossier.code, "so_dien_thoai": "0912345678"}
        )
    for page in (mine, public.content.decode()):
        assert "Kết quả gửi qua bưu chính" in page
        assert shipment.tracking_number in page
        assert "Bưu điện đã nhận" in page
        assert "Đã tạo phiếu gửi — " in page
        assert MOVED.strftime("%H:%M, %d/%m/%Y") in page
    assert public.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_simulated_post_office_lists_its_parcels_with_their_buttons(
    desk, settings, live_server
):
    use_post(settings, live_server)
    shipment = ship(desk.world, ready_for_post(desk.world))
    page = Client().get("/_sim/buu-dien/").content.decode()
    assert shipment.tracking_number in page
    assert "Chuyển bước tiếp" in page
    assert "Môi trường mô phỏng" in page


def test_a_dossier_that_came_by_post_is_registered_with_the_postal_channel(desk):
    tree = desk.world.tree
    component = desk.certification.versions.get().components.order_by("pk").first()
    data = {
        "thu_tuc": CERTIFICATION,
        "id_type": "cccd",
        "id_number": "099190001234",
        "name": "Trần Thị Bình",
        "phone": "0912345678",
        "desk": str(tree.commune_a.pk),
        "competent": str(tree.commune_a.pk),
        "channel": "postal",
        "delivery_method": "post",
        "delivery_address": "Số 12 đường Lê Lợi, phường An Hòa",
        "tk-so_trang": "3",
        "fee_paid": "on",
        "action": "receive",
    }
    for line in desk.certification.versions.get().components.all():
        data |= {f"c{line.pk}-originals": "1", f"c{line.pk}-certified_copies": "0"}
        data |= {f"c{line.pk}-copies": "0"}
    data[f"c{component.pk}-take"] = "on"
    client = signed_in(desk.world.counter_a)
    with clock.frozen(MORNING):
        form = client.get("/can-bo/tiep-nhan/", {"thu_tuc": CERTIFICATION}).content.decode()
        response = client.post("/can-bo/tiep-nhan/", data)
    assert "Qua bưu chính (công dân gửi hồ sơ qua bưu điện)" in form
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert (dossier.channel, dossier.delivery_method) == ("postal", "post")
