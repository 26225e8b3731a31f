"""Hồ sơ của tôi: a citizen's own dossiers, what they must do now, supplementing what is missing,
withdrawing with a reason, downloading the result — and nobody else's."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import procedure_by_code
from motcua.core import clock
from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier
from motcua.events.delivery import deliver_message, sweep
from motcua.events.models import OutboxMessage
from motcua.portal.models import Notification

BINH, HUNG = "099190001234", "099085004321"
AN_HOA = "000.00.31.H99"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORM = {
    "quan_he_voi_tre": "Mẹ",
    "ho_ten_tre": "Trần Gia Hân",
    "ngay_sinh": "2026-11-01",
    "gioi_tinh": "Nữ",
    "noi_sinh": "Trung tâm Y tế khu vực An Hòa",
    "so_dinh_danh_nguoi_yeu_cau": BINH,
    "so_dien_thoai": "0912345678",
    "so_ban_sao": 1,
}


def user(username: str) -> User:
    return User.objects.get(username=username)


def act(action: str, dossier: Dossier, username: str, **fields) -> Dossier:
    dossier.refresh_from_db()
    return getattr(services, action)(
        user=user(username), dossier=dossier, expected_version=dossier.version, **fields
    )


@pytest.fixture
def binh(client, demo_province) -> User:
    citizen = user(BINH)
    client.force_login(citizen)
    return citizen


@pytest.fixture
def filed(binh) -> Dossier:
    """Bình's new online filing at Phường An Hòa, received and at the specialist's step."""
    dossier = services.submit(
        user=binh,
        procedure=procedure_by_code("1.001193"),
        receiving_agency=agency_by_code(AN_HOA),
        applicant=services.Applicant(
            name="Trần Thị Bình", id_type="cccd", id_number=BINH, phone="0912345678"
        ),
        delivery_method=DeliveryMethod.ONLINE,
        form_data=FORM,
    )
    act("receive", dossier, "motcua.anhoa")
    return act("forward", dossier, "motcua.anhoa", note="Chuyển xử lý.")


def test_the_list_holds_her_dossiers_and_nobody_elses(client, binh, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get("/ho-so-cua-toi/").content.decode()
    hers = Dossier.objects.filter(owner=binh)
    assert hers.exists()
    for dossier in hers[:20]:
        assert f"/ho-so-cua-toi/{dossier.key}/" in page
    for dossier in Dossier.objects.filter(owner__username=HUNG):
        assert dossier.key not in page


def test_signing_in_is_needed(client, db):
    response = client.get("/ho-so-cua-toi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_someone_elses_dossier_answers_404(client, binh):
    his = Dossier.objects.filter(owner__username=HUNG).first()
    assert client.get(f"/ho-so-cua-toi/{his.key}/").status_code == 404
    assert client.get("/ho-so-cua-toi/KHONG-CO/").status_code == 404


def test_the_dossier_page_shows_status_timeline_and_papers(client, filed):
    page = client.get(f"/ho-so-cua-toi/{filed.key}/").content.decode()
    assert "Đang xử lý" in page
    assert page.count("mc-timeline__step") >= 2
    assert "Rút hồ sơ" in page


def test_she_supplies_what_is_missing_and_the_clock_runs_again(client, filed):
    filed = act(
        "request_supplement",
        filed,
        "cv.anhoa",
        missing="Giấy chứng sinh (bản chính)",
        reason="Chưa có giấy chứng sinh.",
    )
    page = client.get(f"/ho-so-cua-toi/{filed.key}/").content.decode()
    assert "Cần bổ sung: Giấy chứng sinh (bản chính)" in page

    response = client.post(
        f"/ho-so-cua-toi/{filed.key}/bo-sung/",
        {
            "version": filed.version,
            "note": "Gửi bản chụp giấy chứng sinh.",
            "files": [SimpleUploadedFile("giay-chung-sinh.png", PNG, content_type="image/png")],
        },
    )

    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == "processing"
    assert filed.clock_stopped_at is None
    line = filed.components.get(name__startswith="Giấy tờ bổ sung")
    assert [f.original_name for f in line.files.all()] == ["giay-chung-sinh.png"]
    assert "Đã gửi hồ sơ bổ sung" in client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_changes(client, filed):
    filed = act("request_supplement", filed, "cv.anhoa", missing="Giấy chứng sinh", reason="Thiếu.")
    response = client.post(
        f"/ho-so-cua-toi/{filed.key}/bo-sung/",
        {"version": filed.version, "files": [SimpleUploadedFile("a.pdf", b"just text")]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_files"' in page or "alert-danger" in page
    filed.refresh_from_db()
    assert filed.status == "awaiting_supplement"
    assert not filed.components.filter(name__startswith="Giấy tờ bổ sung").exists()


def test_withdrawing_needs_a_reason_and_a_confirmation(client, filed):
    url = f"/ho-so-cua-toi/{filed.key}/rut/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"version": filed.version, "reason": "Nộp nhầm nơi"})
    assert refused.status_code == 400
    assert "Đánh dấu để xác nhận bạn muốn rút hồ sơ." in refused.content.decode()
    assert "Nộp nhầm nơi" in refused.content.decode()  # nothing typed is lost

    done = client.post(url, {"version": filed.version, "reason": "Nộp nhầm nơi", "confirm": "on"})
    assert done.status_code == 302
    filed.refresh_from_db()
    assert filed.status == "withdrawal_requested"


def test_the_result_is_downloaded_once_approved_and_ready(client, filed):
    result_url = f"/ho-so-cua-toi/{filed.key}/ket-qua/"
    specialist = user("cv.anhoa")
    stored = store_upload(
        uploaded_file=SimpleUploadedFile("giay-khai-sinh.pdf", PDF), user=specialist
    )
    act("attach_result", filed, "cv.anhoa", note="Giấy khai sinh bản chính", upload=stored.pk)
    act("forward", filed, "cv.anhoa", note="Trình ký.")
    assert client.get(result_url).status_code == 404  # not approved yet
    act("approve", filed, "ld.anhoa")
    act("finish", filed, "ld.anhoa")

    response = client.get(result_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "giay-khai-sinh.pdf" in response["Content-Disposition"]
    assert "Tải kết quả" in client.get(f"/ho-so-cua-toi/{filed.key}/").content.decode()


def test_someone_else_cannot_download_her_result(client, filed):
    client.force_login(user(HUNG))
    assert client.get(f"/ho-so-cua-toi/{filed.key}/ket-qua/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_status_changes_reach_her_notifications_once(client, filed):
    act("request_supplement", filed, "cv.anhoa", missing="Giấy chứng sinh", reason="Thiếu.")
    sweep()
    receipt = OutboxMessage.objects.filter(topic="dossier.receive").latest("created_at")
    deliver_message(receipt.id)  # delivered again (at least once): no second notification
    notes = Notification.objects.filter(user__username=BINH, dossier=filed)
    assert sorted(notes.values_list("topic", flat=True)) == [
        "dossier.receive",
        "dossier.request_supplement",
    ]
    unread = Notification.objects.filter(user__username=BINH, read_at__isnull=True).count()
    assert f'{unread}<span class="visually-hidden"> chưa đọc' in client.get("/").content.decode()

    page = client.get("/thong-bao/").content.decode()
    assert f"Hồ sơ {filed.key} đã được tiếp nhận; hẹn trả kết quả lúc" in page
    assert f"Hồ sơ {filed.key} cần bổ sung giấy tờ" in page
    assert not notes.filter(read_at__isnull=True).exists()  # seen now
    assert unread > 2  # her earlier dossiers' changes were delivered too


@pytest.mark.django_db(transaction=True)
def test_an_unowned_walk_in_notifies_nobody(client, demo_province):
    sweep()
    walk_ins = Dossier.objects.filter(owner__isnull=True)
    assert walk_ins.exists()
    assert not Notification.objects.filter(dossier__in=walk_ins).exists()


@pytest.mark.django_db(transaction=True)
def test_a_late_delivery_still_tells_the_appointment_the_action_gave(client, filed):
    """Notifications are written when the outbox gets to them; the receipt note must give the
    appointment set at receipt, not the one a later supplement moved it to."""
    filed.refresh_from_db()
    at_receipt = filed.appointment_at
    with clock.frozen(clock.now()):
        act("request_supplement", filed, "cv.anhoa", missing="Giấy chứng sinh", reason="Thiếu.")
        clock.advance(timedelta(days=2))
        act("supply", filed, BINH, note="Đã bổ sung.")
    filed.refresh_from_db()
    assert filed.appointment_at != at_receipt
    sweep()
    note = Notification.objects.get(dossier=filed, topic="dossier.receive")
    assert at_receipt.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y") in note.text


@pytest.mark.django_db(transaction=True)
def test_a_message_published_before_appointments_were_carried_still_tells_one(client, filed):
    receipt = OutboxMessage.objects.filter(topic="dossier.receive", key=filed.key).latest(
        "created_at"
    )
    payload = {k: v for k, v in receipt.payload.items() if "appointment" not in k}
    OutboxMessage.objects.filter(pk=receipt.pk).update(payload=payload)
    sweep()
    note = Notification.objects.get(dossier=filed, topic="dossier.receive")
    filed.refresh_from_db()
    assert filed.appointment_at.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y") in note.text
