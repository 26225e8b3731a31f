"""What the tracking page tells the citizen to do now: how to pay a fee asked for, and where the
result is — by post to the address given, online, or at the desk."""

import pytest

from motcua.core import clock
from motcua.dossiers.models import DeliveryMethod
from motcua.portal.presenters import tracking_view
from tests.backoffice.intake.desk import build_desk, ready_walk_in
from tests.documents.files import private_root
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.world import paying_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(private_root):
    return build_desk().world


def test_a_fee_asked_for_says_how_to_pay_it():
    world = paying_world()
    with clock.frozen(at(3, 2, 9)):
        dossier = act(
            "request_payment",
            walk_in(world),
            user=world.counter_a,
            amount=16000,
            reason="Phí cấp 02 bản sao.",
        )
    to_do = tracking_view(dossier)["to_do"]
    assert to_do.startswith("Cần nộp 16.000 đồng: Phí cấp 02 bản sao. Nộp trực tuyến tại mục")
    assert f"nộp tiền mặt tại {dossier.receiving_agency.name}." in to_do


def test_a_result_going_by_post_does_not_ask_to_come(world):
    dossier = ready_walk_in(
        world, delivery_method=DeliveryMethod.POST, delivery_address="Thôn A, xã An Phú"
    )
    assert tracking_view(dossier)["to_do"] == (
        "Kết quả đã có và được gửi qua bưu chính tới địa chỉ Ông/Bà đã đăng ký."
    )
    at_desk = ready_walk_in(world)
    assert tracking_view(at_desk)["to_do"].startswith("Kết quả đã có: mời nhận tại ")


__all__ = ["private_root"]
