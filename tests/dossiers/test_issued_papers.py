"""The forms actions issue: rendered by the outbox consumer after the action commits, stored once
with their hash, always given out as stored (even after the template changes); Mẫu 06 and 07
drawn live; `GET /api/v1/dossiers/<code>/forms/<nn>` for whoever may see the dossier."""

import hashlib
from uuid import uuid4

import pytest

from motcua.core import clock
from motcua.documents import papers
from motcua.dossiers.models import IssuedPaper
from motcua.events import registry
from motcua.events.models import Delivery
from motcua.events.registry import Message
from tests.backoffice.officers import verified_login
from tests.documents.files import private_root
from tests.documents.pdftools import qr_texts, words
from tests.dossiers.helpers import act, at, online, walk_in

__all__ = ["private_root"]

pytestmark = pytest.mark.usefixtures("private_root")


def _deliver(consumer: str, dossier, action: str) -> None:
    """What the outbox worker does for the latest `action` event of `dossier`."""
    event = dossier.events.filter(action=action).latest("pk")
    message = Message(
        id=uuid4(), topic=f"dossier.{action}", payload={"event": event.pk}, created_at=event.at
    )
    registry.get(consumer).handler(message)


def _received(world):
    with clock.frozen(at(3, 2, 9, 15)):
        return walk_in(world)


def test_the_receipt_is_issued_once_and_given_out_as_issued(world, client, settings, tmp_path):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.anhoa.gov.vn"
    dossier = _received(world)
    assert Delivery.objects.filter(consumer="dossiers.paper_01").exists()  # queued with the action
    # The paper prints the dossier as the receipt left it, however late it is drawn.
    type(dossier).objects.filter(pk=dossier.pk).update(applicant_address="Địa chỉ sửa sau")
    _deliver("dossiers.paper_01", dossier, "receive")
    _deliver("dossiers.paper_01", dossier, "receive")  # at least once: a second run adds nothing
    paper = IssuedPaper.objects.get(dossier=dossier)
    assert paper.form == "01"
    with paper.file.file.open("rb") as stored:
        issued = stored.read()
    assert hashlib.sha256(issued).hexdigest() == paper.file.sha256
    text = words(issued, tmp_path)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "Trần Thị Bình" in text
    assert "Số 12 đường Lê Lợi" in text
    assert "Địa chỉ sửa sau" not in text
    assert qr_texts(issued, tmp_path) == [
        f"https://dichvucong.anhoa.gov.vn/tra-cuu/?ma={dossier.code}"
    ]

    # The administrator rewrites the template: what was issued stays what it was.
    papers.save_paper_template(
        user=world.counter_a,
        kind="01",
        body=papers.template_text("01").replace("GIẤY TIẾP NHẬN", "GIẤY BIÊN NHẬN"),
    )
    verified_login(client, world.counter_a)
    answer = client.get(f"/api/v1/dossiers/{dossier.code}/forms/01")
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content == issued


def test_forms_never_issued_unknown_or_of_hidden_dossiers_answer_404(world, client):
    dossier = _received(world)
    verified_login(client, world.counter_a)
    never = client.get(f"/api/v1/dossiers/{dossier.code}/forms/02")
    assert never.status_code == 404
    assert never.json()["code"] == "form_not_issued"
    assert "Mẫu 02" in never.json()["message"]
    assert client.get(f"/api/v1/dossiers/{dossier.code}/forms/08").json()["code"] == (
        "unknown_form"
    )
    client.force_login(world.other_citizen)
    hidden = client.get(f"/api/v1/dossiers/{dossier.code}/forms/06")
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "dossier_not_found"
    client.logout()
    assert client.get(f"/api/v1/dossiers/{dossier.code}/forms/06").status_code == 401


def test_each_action_issues_its_form(world):
    with clock.frozen(at(3, 2, 9)):
        refused = act("refuse", online(world), user=world.counter_a, reason="Thiếu giấy chứng sinh")
        asked = act(
            "request_supplement",
            online(world),
            user=world.counter_a,
            missing="Giấy chứng sinh",
            reason="Bản chụp mờ",
        )
    _deliver("dossiers.paper_03", refused, "refuse")
    _deliver("dossiers.paper_02", asked, "request_supplement")
    assert IssuedPaper.objects.get(dossier=refused).form == "03"
    assert IssuedPaper.objects.get(dossier=asked).form == "02"


def test_the_control_slip_and_the_book_line_are_drawn_now(world, client, tmp_path):
    dossier = _received(world)
    with clock.frozen(at(3, 2, 10)):
        act("forward", dossier, user=world.counter_a)
    verified_login(client, world.specialist_a)
    slip = client.get(f"/api/v1/dossiers/{dossier.code}/forms/06")
    assert slip.status_code == 200
    text = words(slip.content, tmp_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert dossier.code in text
    assert "Hoàng Thị Mai" in text
    book = client.get(f"/api/v1/dossiers/{dossier.code}/forms/07")
    assert book.status_code == 200
    assert dossier.code in words(book.content, tmp_path)
