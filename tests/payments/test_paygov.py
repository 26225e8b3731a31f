"""Payments confirmed by the national portal (PayGov), over real HTTP: a signed confirmation marks
the dossier paid once; a repeat, a forged one, an unknown dossier and a wrong amount change
nothing and say why."""

import json

import pytest
import requests

from motcua.core import clock
from motcua.dossiers.models import Status
from motcua.payments import services
from motcua.payments.contrib.paygov.views import signature
from motcua.payments.models import Payment, PaymentMethod, PaymentStatus
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.world import paying_world

SECRET = "bi-mat-chung-voi-cong-dvcqg"


@pytest.fixture
def world(transactional_db, settings):
    settings.MOTCUA_PAYGOV_SECRET = SECRET
    return paying_world()


@pytest.fixture
def dossier(world):
    with clock.frozen(at(3, 2, 9)):
        found = walk_in(world, owner=world.citizen)
        services.ensure_assessed(found)
        return act("request_payment", found, user=world.counter_a, amount=16000, reason="Bản sao.")


def send(base_url: str, message: dict, *, secret: str = SECRET) -> dict:
    body = json.dumps(message, ensure_ascii=False).encode()
    response = requests.post(
        f"{base_url}/thanh-toan/dvcqg/",
        data=body,
        headers={"Content-Type": "application/json", "X-PayGov-Signature": signature(body, secret)},
        timeout=30,
    )
    assert response.status_code == 200
    return response.json()


def message(dossier, **changes) -> dict:
    return {
        "LoaiBanTin": "ThanhToan",
        "PhienBan": "1.0",
        "MaDoiTac": "DVCQG",
        "MaThamChieu": "PG2603020001",
        "SoTien": 34000,
        "MaHoSo": dossier.code,
        "MaTTHC": "1.001193",
        "PhiLePhi": [
            {"LoaiPhiLePhi": 1, "MaPhiLePhi": "LP01", "TenPhiLePhi": "Lệ phí", "SoTien": 34000}
        ],
        **changes,
    }


def test_a_payment_at_the_national_portal_arrives_marked_paid_once(world, dossier, live_server):
    assert send(live_server.url, message(dossier)) == {"MaLoi": "00", "MoTa": "Ghi nhận thành công"}
    assert send(live_server.url, message(dossier))["MaLoi"] == "02"

    payment = Payment.objects.get()
    assert payment.method == PaymentMethod.NATIONAL_PORTAL
    assert payment.status == PaymentStatus.PAID
    assert payment.provider_reference == "PG2603020001"
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert dossier.fees_due == 0


def test_what_is_not_right_changes_nothing(world, dossier, live_server):
    assert send(live_server.url, message(dossier), secret="doan-mo")["MaLoi"] == "97"
    assert (
        send(live_server.url, message(dossier, MaHoSo="000.00.00.H99-260302-9999"))["MaLoi"] == "01"
    )
    assert send(live_server.url, message(dossier, SoTien=1000))["MaLoi"] == "04"
    assert send(live_server.url, message(dossier, SoTien="34000"))["MaLoi"] == "99"
    assert not Payment.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_PAYMENT
