"""The counter intake page: finding a procedure, a walk-in received with papers counted and
scanned, the ID card's QR code filling the applicant, a returning citizen recalled, a procedure
of another agency received at this desk, and errors that keep what was typed."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.documents.models import DocumentKind, PersonalDocument
from motcua.documents.sample_files import simple_pdf
from motcua.dossiers.models import Dossier, DossierEvent, Status
from tests.backoffice.intake.desk import CERTIFICATION, MORNING, QR, add_procedure, signed_in
from tests.dossiers.helpers import walk_in

URL = "/can-bo/tiep-nhan/"
QUERIES = 16  # the page's reads, and one for the menu (the officer's roles)


def _post(client, data, files=None):
    with clock.frozen(MORNING):
        return client.post(URL, {"thu_tuc": CERTIFICATION, **data, **(files or {})})


def _filled(desk, **changes):
    """What an officer sends for a simple certification: the applicant, the form, the fee."""
    tree = desk.world.tree
    data = {
        "id_type": "cccd",
        "id_number": "099190001234",
        "name": "Trần Thị Bình",
        "phone": "0912345678",
        "desk": str(tree.commune_a.pk),
        "competent": str(tree.commune_a.pk),
        "delivery_method": "desk",
        "tk-so_trang": "3",
        "fee_paid": "on",
        "action": "receive",
    }
    component = desk.certification.versions.get().components.order_by("pk").first()
    data.update(
        {
            f"c{component.pk}-take": "on",
            f"c{component.pk}-originals": "1",
            f"c{component.pk}-certified_copies": "0",
            f"c{component.pk}-copies": "2",
        }
    )
    for other in desk.certification.versions.get().components.exclude(pk=component.pk):
        data.update(
            {
                f"c{other.pk}-originals": "0",
                f"c{other.pk}-certified_copies": "0",
                f"c{other.pk}-copies": "0",
            }
        )
    data.update(changes)
    return data, component


def test_the_procedure_is_found_without_diacritics(desk):
    client = signed_in(desk.world.counter_a)
    with clock.frozen(MORNING):
        page = client.get(URL, {"q": "chung thuc ban sao"})
    assert page.status_code == 200
    assert f"?thu_tuc={CERTIFICATION}" in page.content.decode()


def test_a_walk_in_is_received_and_the_receipt_shows_code_and_appointment(desk):
    client = signed_in(desk.world.counter_a)
    with clock.frozen(MORNING):
        form = client.get(URL, {"thu_tuc": CERTIFICATION})
    assert form.status_code == 200
    assert "Quét mã QR trên thẻ CCCD" in form.content.decode()
    data, component = _filled(desk)
    response = _post(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    assert dossier.receiving_agency == desk.world.tree.commune_a
    assert dossier.form_data == {"so_trang": "3"}
    line = dossier.components.get(component=component)
    assert (line.originals, line.certified_copies, line.copies) == (1, 0, 2)
    with clock.frozen(MORNING):
        receipt = client.get(response["Location"])
    text = receipt.content.decode()
    assert dossier.code in text
    assert clock.shown(dossier.appointment_at).split()[1] in text


def test_the_cash_fee_is_history_on_the_receipt_and_in_the_audit_not_a_paper(desk):
    client = signed_in(desk.world.counter_a)
    data, _component = _filled(desk)
    response = _post(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert not dossier.components.filter(name__icontains="lệ phí").exists()
    received = dossier.events.get(action="receive")
    assert (received.data["cash_fee"], received.actor, received.at) == (
        10000,
        desk.world.counter_a,
        MORNING,
    )
    entry = AuditEntry.objects.get(action="dossier.cash_fee")
    assert (entry.actor_id, entry.object_id, entry.data["amount"]) == (
        desk.world.counter_a.pk,
        str(dossier.pk),
        10000,
    )
    with clock.frozen(MORNING):
        text = client.get(response["Location"]).content.decode()
    assert "Lệ phí đã thu: 10.000 đồng (tiền mặt)" in text
    papers = text.split("Giấy tờ đã nhận")[1]
    assert "10.000" not in papers


def test_missing_name_and_form_field_keep_everything_typed(desk):
    client = signed_in(desk.world.counter_a)
    data, component = _filled(
        desk, name="", **{"tk-so_trang": "", "phone": "0987654321", "address": "Thôn Đông"}
    )
    data[f"c{component.pk}-number"] = "123/GCN"
    response = _post(client, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nhập họ tên người nộp hồ sơ" in text
    assert 'value="0987654321"' in text
    assert 'value="Thôn Đông"' in text
    assert 'value="123/GCN"' in text
    assert Dossier.objects.count() == 0
    data["name"] = "Trần Thị Bình"
    response = _post(client, data)
    assert response.status_code == 400
    assert "Số trang" in response.content.decode()
    assert 'value="Trần Thị Bình"' in response.content.decode()


def test_the_fee_must_be_taken_before_receiving(desk):
    client = signed_in(desk.world.counter_a)
    data, _component = _filled(desk)
    del data["fee_paid"]
    response = _post(client, data)
    assert response.status_code == 400
    assert "thu tiền mặt rồi đánh dấu" in response.content.decode()


def test_the_scanned_qr_fills_the_applicant_and_does_not_receive(desk):
    client = signed_in(desk.world.counter_a)
    response = _post(client, {"qr": QR, "action": "receive", "tk-so_trang": "5"})
    assert response.status_code == 200
    text = response.content.decode()
    for value in (
        "099190001234",
        "TRẦN THỊ BÌNH",
        "12/03/1990",
        "15/04/2021",
        "Số 12 đường Lê Lợi, xã An Phú",
    ):
        assert f'value="{value}"' in text
    assert re.search(r'<option value="Nữ" selected>', text)
    assert 'value="5"' in text  # what was typed before the scan stays
    assert Dossier.objects.count() == 0


def test_a_malformed_qr_says_what_to_do(desk):
    client = signed_in(desk.world.counter_a)
    response = _post(client, {"qr": "001090123456|NGUYEN", "phone": "0912000111"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "cần ít nhất 7 trường" in text
    assert 'value="0912000111"' in text


def test_a_returning_citizen_is_recalled_by_id_number(desk):
    world = desk.world
    with clock.frozen(MORNING):
        earlier = walk_in(world)
    client = signed_in(world.counter_a)
    response = _post(client, {"id_type": "cccd", "id_number": "099190001234", "action": "recall"})
    assert response.status_code == 200
    text = response.content.decode()
    assert earlier.code in text
    assert 'value="0912345678"' in text
    assert 'value="Trần Thị Bình"' in text


def test_a_typed_id_number_alone_does_not_give_the_dossier_to_an_account(desk):
    world = desk.world
    world.citizen.id_number = "099190001234"
    world.citizen.save()
    client = signed_in(world.counter_a)
    data, component = _filled(desk)
    scan = SimpleUploadedFile("ban-chinh.pdf", simple_pdf(["Ban chinh"]), "application/pdf")
    response = _post(client, data, {f"c{component.pk}-file": scan})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Dossier.objects.get().owner is None
    assert not PersonalDocument.objects.filter(owner=world.citizen).exists()


def test_the_recall_asks_to_confirm_the_person_and_is_audited(desk):
    world = desk.world
    world.citizen.id_number = "099190001234"
    world.citizen.save()
    client = signed_in(world.counter_a)
    response = _post(client, {"id_type": "cccd", "id_number": "099190001234", "action": "recall"})
    text = response.content.decode()
    assert f"Đúng người: {world.citizen.full_name}" in text
    assert f'name="account" value="{world.citizen.pk}"' in text
    assert 'name="account_confirmed" aria-describedby="id_account_confirmed-help">' in text
    entry = AuditEntry.objects.get(action="dossier.recall_citizen")
    assert (entry.actor_id, entry.object_id) == (world.counter_a.pk, str(world.citizen.pk))
    assert entry.data == {"id_number_last4": "1234"}
    # Confirmed, then the number changed: the account is not taken on the old confirmation.
    data, _component = _filled(
        desk, account=str(world.citizen.pk), account_confirmed="on", id_number="099190005678"
    )
    refused = _post(client, data)
    assert refused.status_code == 400
    assert "Số giấy tờ đã đổi sau khi tìm người nộp" in refused.content.decode()
    assert not Dossier.objects.exists()


def test_the_scanned_card_of_an_account_holder_is_confirmed_already(desk):
    world = desk.world
    world.citizen.id_number = "099190001234"
    world.citizen.save()
    response = _post(signed_in(world.counter_a), {"qr": QR, "action": "receive"})
    text = response.content.decode()
    assert f"Đúng người: {world.citizen.full_name}" in text
    assert 'name="account_confirmed" aria-describedby="id_account_confirmed-help" checked>' in text


def test_a_procedure_of_another_agency_is_received_at_this_desk(desk):
    world = desk.world
    client = signed_in(world.counter_a)
    with clock.frozen(MORNING):
        page = client.get(URL, {"thu_tuc": world.birth.code})
        assert world.tree.commune_b.name in page.content.decode()
        response = client.post(
            URL,
            {
                "thu_tuc": world.birth.code,
                "name": "Trần Thị Bình",
                "id_type": "cccd",
                "id_number": "099190001234",
                "desk": str(world.tree.commune_a.pk),
                "competent": str(world.tree.commune_b.pk),
                "delivery_method": "desk",
                "action": "receive",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.receiving_agency == world.tree.commune_a
    assert dossier.competent_agency == world.tree.commune_b
    assert dossier.return_agency == world.tree.commune_a


def test_a_scan_is_kept_across_an_error_and_described_in_the_citizens_store(desk):
    world = desk.world
    world.citizen.id_number = "099190001234"
    world.citizen.save()
    client = signed_in(world.counter_a)
    data, component = _filled(desk, name="", account=str(world.citizen.pk), account_confirmed="on")
    data.update(
        {
            f"c{component.pk}-number": "AB-123",
            f"c{component.pk}-issued_on": "04/05/2020",
            f"c{component.pk}-issuer": "UBND xã An Phú",
        }
    )
    scan = simple_pdf(["Ban chinh"])
    upload = SimpleUploadedFile("ban-chinh.pdf", scan, content_type="application/pdf")
    response = _post(client, data, {f"c{component.pk}-file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Đã lưu" in text
    assert "ban-chinh.pdf" in text
    kept = re.search(rf'name="c{component.pk}-kept" value="([^"]+)"', text).group(1)
    data.update({"name": "Trần Thị Bình", f"c{component.pk}-kept": kept})
    response = _post(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.owner == world.citizen
    line = dossier.components.get(component=component)
    assert line.files.count() == 1
    assert "số AB-123" in line.name
    assert "04/05/2020" in line.name
    document = PersonalDocument.objects.get(owner=world.citizen)
    assert document.kind == DocumentKind.DIGITISED
    assert (document.number, str(document.issued_on), document.issuer) == (
        "AB-123",
        "2020-05-04",
        "UBND xã An Phú",
    )
    assert DossierEvent.objects.filter(dossier=dossier, action="receive").exists()


def test_only_counter_officers_reach_the_page(desk):
    assert signed_in(desk.world.specialist_a).get(URL).status_code == 403
    assert reverse("backoffice:counter-intake") == URL


def test_online_delivery_needs_a_portal_account(desk):
    client = signed_in(desk.world.counter_a)
    data, _component = _filled(desk, delivery_method="online")
    response = _post(client, data)
    assert response.status_code == 400
    assert "không nhận kết quả trực tuyến được" in response.content.decode()
    world = desk.world
    world.citizen.id_number = "099190001234"
    world.citizen.save()
    assert _post(client, data).status_code == 400  # the account is not confirmed yet
    data.update(account=str(world.citizen.pk), account_confirmed="on")
    assert _post(client, data).status_code == 302
    assert Dossier.objects.get().owner == world.citizen


def test_the_pages_read_a_fixed_number_of_queries_whatever_the_procedure(
    desk, django_assert_max_num_queries
):
    add_procedure("2.000900", components=8, fields=6, assigned_to=desk.world.tree.commune_a)
    client = signed_in(desk.world.counter_a)
    for code in (CERTIFICATION, "2.000900"):
        with clock.frozen(MORNING), django_assert_max_num_queries(QUERIES):
            assert client.get(URL, {"thu_tuc": code}).status_code == 200
    for query in ("chung thuc ban sao", "thu tuc kiem thu"):
        with clock.frozen(MORNING), django_assert_max_num_queries(QUERIES):
            assert client.get(URL, {"q": query}).status_code == 200
