"""E-receipts through the provider plugin against the provider's simulator, over real HTTP: a
receipt per paid payment, numbered in order without gaps, made once however often asked; its PDF
kept for the citizen; cancellation and replacement; a provider that refuses changes nothing."""

import subprocess

import pytest
from django.test import Client

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden
from motcua.payments import receipts, selectors, services
from motcua.payments.models import Receipt, ReceiptSeries, ReceiptStatus
from motcua.payments.providers import GatewayError
from motcua.payments.simulator.receipts import API_KEY, register_series
from tests.dossiers.helpers import act, at, walk_in
from tests.payments.world import paying_world


@pytest.fixture
def world(transactional_db, live_server, settings, tmp_path):
    settings.MOTCUA_RECEIPT_PROVIDER = {
        "base_url": f"{live_server.url}/_sim/bien-lai/api",
        "api_key": API_KEY,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    built = paying_world()
    ReceiptSeries.objects.create(
        agency=built.tree.commune_a,
        provider="receipt_http",
        form_code="01BLP0-001",
        serial="AA-26E",
    )
    register_series(form_code="01BLP0-001", serial="AA-26E")
    return built


def paid(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        return services.record_cash(user=world.counter_a, dossier=dossier, amount=18000)


def text_of(receipt: Receipt) -> str:
    data = receipt.file.file.storage.open(receipt.file.file.name, "rb").read()
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_each_paid_payment_gets_the_next_number_once(world):
    first, second = paid(world), paid(world)

    one = receipts.issue_for(first)
    two = receipts.issue_for(second)
    again = receipts.issue_for(first)

    assert (one.number, two.number) == (1, 2)
    assert again.pk == one.pk
    assert Receipt.objects.count() == 2
    text = text_of(one)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "0000001" in text
    assert "18.000" in text
    assert "Số tiền bằng chữ: Mười tám nghìn đồng." in text
    assert "Trần Thị Bình" in text or one.payer_name in text


def test_an_obligation_is_named_by_what_was_asked_and_free_lines_are_left_out(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        act(
            "request_payment",
            dossier,
            user=world.counter_a,
            amount=16000,
            reason="Phí cấp 02 bản sao trích lục (8.000 đồng/bản).",
        )
        services.assess(dossier=dossier, exemptions=("Hộ nghèo",), quantities={"ban": 2})
        payment = services.record_cash(
            user=world.counter_a, dossier=dossier, amount=selectors.due(dossier).total
        )
    text = " ".join(text_of(receipts.issue_for(payment)).split())
    assert "Phí cấp 02 bản sao trích lục (8.000 đồng/bản)" in text
    assert "Nghĩa vụ tài chính" not in text
    assert "Phí cấp bản sao trích lục" not in text  # exempt: nothing collected for it


def test_the_citizen_downloads_her_receipt_and_nobody_else_can(world):
    receipt = receipts.issue_for(paid(world))
    url = f"/ho-so-cua-toi/{receipt.payment.dossier.key}/bien-lai/{receipt.lookup_code}/"
    owner = Client()
    owner.force_login(world.citizen)
    response = owner.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page = owner.get(f"/ho-so-cua-toi/{receipt.payment.dossier.key}/").content.decode()
    assert f"Tải biên lai 01BLP0-001 AA-26E {receipt.number:07d}" in page
    stranger = Client()
    stranger.force_login(world.other_citizen)
    assert stranger.get(url).status_code == 404


def test_a_receipt_is_cancelled_or_replaced_with_a_corrected_name(world):
    receipt = receipts.issue_for(paid(world))
    with pytest.raises(Forbidden):
        receipts.cancel(user=world.counter_b, receipt=receipt, reason="Sai.")  # not their desk

    new = receipts.replace(
        user=world.counter_a, receipt=receipt, reason="Sai tên người nộp.", payer_name="Trần Bình"
    )

    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.REPLACED
    assert (new.number, new.replaces, new.payer_name) == (2, receipt, "Trần Bình")
    assert "Thay thế cho biên lai số 0000001" in text_of(new)
    receipts.cancel(user=world.counter_a, receipt=new, reason="Hoàn tiền cho người nộp.")
    new.refresh_from_db()
    assert new.status == ReceiptStatus.CANCELLED
    with pytest.raises(Conflict, match="đã bị hủy hoặc thay thế"):
        receipts.cancel(user=world.counter_a, receipt=new, reason="Lần nữa.")


def test_a_provider_that_refuses_changes_nothing(world, settings):
    payment = paid(world)
    ReceiptSeries.objects.update(serial="CHUA-DANG-KY")
    with pytest.raises(GatewayError, match="422"):
        receipts.issue_for(payment)
    settings.MOTCUA_RECEIPT_PROVIDER = {**settings.MOTCUA_RECEIPT_PROVIDER, "api_key": "sai"}
    ReceiptSeries.objects.update(serial="AA-26E")
    with pytest.raises(GatewayError, match="401"):
        receipts.issue_for(payment)
    assert not Receipt.objects.exists()


def test_the_outbox_makes_the_receipt_once_the_payment_is_recorded(world):
    from motcua.events.delivery import sweep

    payment = paid(world)
    sweep()
    sweep()
    assert Receipt.objects.get(payment=payment).number == 1
