"""Fees in the back office: the panel on the dossier page, cash at the desk, assessing copies, a
leader's refund with its confirmation, and the reconciliation report on screen and in Excel."""

from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.core import clock
from motcua.payments import services
from motcua.payments.models import Payment, PaymentMethod, PaymentStatus
from tests.backoffice.officers import verified_login
from tests.dossiers.helpers import at, walk_in
from tests.payments.world import paying_world


@pytest.fixture
def world(db):
    return paying_world()


@pytest.fixture
def dossier(world):
    with clock.frozen(at(3, 2, 9)):
        found = walk_in(world, owner=world.citizen)
        services.ensure_assessed(found)
    return found


def page(client: Client, dossier) -> str:
    response = client.get(f"/can-bo/ho-so/{dossier.key}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_desk_sees_what_is_owed_and_records_cash(world, dossier):
    desk = verified_login(Client(), world.counter_a)
    assert "Còn phải nộp: <strong>18.000 đồng</strong>" in page(desk, dossier)

    wrong = desk.post(f"/can-bo/ho-so/{dossier.key}/phi/tien-mat/", {"amount": "5000"}, follow=True)
    assert "Số tiền thu phải đúng số còn phải nộp: 18.000 đồng." in wrong.content.decode()
    assert not Payment.objects.exists()

    # "8.000" is eight thousand đồng, as officers write it, never eight.
    unclear = desk.post(
        f"/can-bo/ho-so/{dossier.key}/phi/tien-mat/", {"amount": "18.5"}, follow=True
    )
    assert "Nhập số tiền bằng đồng, ví dụ 16.000 hoặc 16000." in unclear.content.decode()
    assert not Payment.objects.exists()
    done = desk.post(
        f"/can-bo/ho-so/{dossier.key}/phi/tien-mat/", {"amount": "18.000"}, follow=True
    )
    text = done.content.decode()
    assert "Đã ghi nhận thu 18.000 đồng tiền mặt" in text
    assert "Không còn khoản nào phải nộp." in text
    payment = Payment.objects.get()
    assert (payment.method, payment.received_by) == (PaymentMethod.CASH, world.counter_a)


def test_copies_and_an_exemption_are_assessed_at_the_desk(world, dossier):
    desk = verified_login(Client(), world.counter_a)
    desk.post(
        f"/can-bo/ho-so/{dossier.key}/phi/tinh-lai/",
        {"case": "", "copies": "3", "pages": "1", "exemption": ""},
    )
    assert "Còn phải nộp: <strong>34.000 đồng</strong>" in page(desk, dossier)
    desk.post(
        f"/can-bo/ho-so/{dossier.key}/phi/tinh-lai/",
        {"case": "", "copies": "3", "pages": "1", "exemption": "Hộ nghèo"},
    )
    exempted = page(desk, dossier)
    assert "Còn phải nộp: <strong>10.000 đồng</strong>" in exempted
    assert "Miễn, giảm: Hộ nghèo" in exempted
    assert "Không phải nộp" in exempted


def test_another_desk_cannot_take_cash(world, dossier):
    other = verified_login(Client(), world.counter_b)
    response = other.post(f"/can-bo/ho-so/{dossier.key}/phi/tien-mat/", {"amount": "18000"})
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_a_refund_needs_a_leader_a_reason_and_a_confirmation(world, dossier):
    with clock.frozen(at(3, 2, 10)):
        payment = services.record_cash(user=world.counter_a, dossier=dossier, amount=18000)
    leader = verified_login(Client(), world.leader_a)
    url = f"/can-bo/thanh-toan/{payment.reference}/hoan-tien/"

    unconfirmed = leader.post(url, {"amount": "18000", "reason": "Dừng xử lý."}, follow=True)
    assert "Đánh dấu xác nhận trước khi hoàn tiền." in unconfirmed.content.decode()
    desk = verified_login(Client(), world.counter_a)
    assert desk.post(url, {"amount": "18000", "reason": "x", "confirm": "on"}).status_code == 403

    done = leader.post(
        url, {"amount": "18000", "reason": "Dừng xử lý.", "confirm": "on"}, follow=True
    )
    assert "Đã hoàn 18.000 đồng" in done.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED


def test_the_reconciliation_report_adds_up_on_screen_and_in_excel(world, dossier):
    with clock.frozen(at(3, 2, 10)):
        services.record_cash(user=world.counter_a, dossier=dossier, amount=18000)
    desk = verified_login(Client(), world.counter_a)
    query = {"don_vi": world.tree.commune_a.code, "tu_ngay": "2026-03-01", "den_ngay": "2026-03-31"}

    screen = desk.get("/can-bo/doi-soat-thu-phi/", query).content.decode()
    assert dossier.key in screen
    assert "18.000 đồng" in screen

    sheet = desk.get("/can-bo/doi-soat-thu-phi/", {**query, "dinh_dang": "xlsx"})
    rows = list(load_workbook(BytesIO(sheet.content)).active.values)
    assert any(row[1] == dossier.key and row[6] == 18000 for row in rows)
    totals = {row[2]: row[6] for row in rows if row[0] is None and row[2]}
    assert totals["Tiền mặt tại Bộ phận Một cửa"] == 18000
    assert totals["Trực tuyến"] == 0
    assert totals["Tổng cộng"] == 18000

    empty = desk.get(
        "/can-bo/doi-soat-thu-phi/", {**query, "tu_ngay": "2026-04-01", "den_ngay": "2026-04-30"}
    )
    assert "Không có khoản nào trong kỳ." in empty.content.decode()
