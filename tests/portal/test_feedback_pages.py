"""The feedback pages on the demo province: the published Q&A found without diacritics and
without the asker's identity, sending feedback and following it, replying to the agency, rating
one's own dossier once — and nobody else's."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.feedback import services
from motcua.feedback.models import Feedback, FeedbackStatus, Rating

BINH, HUNG = "099190001234", "099085004321"
AN_HOA = "000.00.31.H99"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def binh(client, demo_province) -> User:
    citizen = user(BINH)
    client.force_login(citizen)
    return citizen


@pytest.fixture
def returned(binh) -> Dossier:
    """Bình's returned birth registration, not rated yet."""
    return Dossier.objects.get(owner=binh, status="returned")


def test_a_search_without_diacritics_finds_a_published_answer(
    client, demo_province, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get("/hoi-dap/?q=can+chuan+bi+giay+to+gi").content.decode()
    assert "Đăng ký khai sinh trực tuyến cần chuẩn bị giấy tờ gì?" in page
    assert "Con sinh ở tỉnh khác" not in page
    assert "Có 1 câu hỏi đã trả lời." in page
    everything = client.get("/hoi-dap/").content.decode()
    assert "Con sinh ở tỉnh khác" in everything
    # The question still waiting for its answer is not public.
    assert "bưu điện" not in everything


def test_the_filters_narrow_to_one_agency(client, demo_province):
    page = client.get(f"/hoi-dap/?agency={AN_HOA}&field=H%E1%BB%99+t%E1%BB%8Bch").content.decode()
    assert "Con sinh ở tỉnh khác" in page
    assert "Đăng ký khai sinh trực tuyến cần chuẩn bị" not in page


def test_a_published_answer_shows_no_one_s_identity(client, demo_province):
    item = Feedback.objects.get(title__startswith="Con sinh ở tỉnh khác")
    page = client.get(f"/hoi-dap/{item.pk}/").content.decode()
    assert "Điều 13 Luật Hộ tịch" in page
    for secret in ("Trần Thị Bình", BINH, "0912345678", "0912 345 678"):
        assert secret not in page
    pending = Feedback.objects.get(status=FeedbackStatus.RECEIVED)
    assert client.get(f"/hoi-dap/{pending.pk}/").status_code == 404


def test_sending_needs_signing_in(client, demo_province):
    response = client.get("/phan-anh-kien-nghi/gui/?thu-tuc=1.001193")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_she_sends_a_question_about_the_procedure_and_sees_when_it_is_due(client, binh):
    path = "/phan-anh-kien-nghi/gui/?thu-tuc=1.001193"
    form = client.get(path).content.decode()
    assert "Đăng ký khai sinh" in form
    assert "<legend" in form
    response = client.post(
        path,
        {
            "category": "question",
            "agency": AN_HOA,
            "title": "Nhận kết quả qua bưu chính",
            "content": "Phí gửi giấy khai sinh qua bưu chính là bao nhiêu?",
            "attachment": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    sent = Feedback.objects.get(title="Nhận kết quả qua bưu chính")
    assert sent.citizen == binh
    assert sent.agency.code == AN_HOA
    assert sent.attachment.original_name == "anh.png"
    page = client.get(response["Location"]).content.decode()
    assert "Cơ quan sẽ trả lời Ông/Bà chậm nhất lúc" in page
    assert sent.answer_due_at.astimezone().strftime("%d/%m/%Y") in page
    listing = client.get("/phan-anh-kien-nghi/").content.decode()
    assert "Nhận kết quả qua bưu chính" in listing
    assert "Đang xử lý" in listing


def test_a_missing_title_is_said_beside_the_field_and_nothing_typed_is_lost(client, binh):
    response = client.post(
        "/phan-anh-kien-nghi/gui/?thu-tuc=1.001193",
        {"category": "report", "agency": AN_HOA, "content": "Nội dung tôi đã gõ."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_title"' in page
    assert 'id="id_title-error"' in page
    assert "Nội dung tôi đã gõ." in page
    assert not Feedback.objects.filter(content="Nội dung tôi đã gõ.").exists()


def test_about_her_dossier_it_goes_to_its_agency_but_not_about_his(client, binh, returned):
    his = Dossier.objects.filter(owner__username=HUNG).first()
    assert client.get(f"/phan-anh-kien-nghi/gui/?ho-so={his.key}").status_code == 404
    response = client.post(
        f"/phan-anh-kien-nghi/gui/?ho-so={returned.key}",
        {"category": "report", "title": "Trả kết quả chậm", "content": "Tôi phải chờ lâu."},
    )
    assert response.status_code == 302
    assert Feedback.objects.get(title="Trả kết quả chậm").agency == returned.competent_agency


def test_she_replies_when_the_agency_asks_for_more(client, binh):
    pending = Feedback.objects.get(citizen=binh, status=FeedbackStatus.RECEIVED)
    services.ask_more(user=user("cv.anhoa"), feedback=pending, question="Bà ở địa chỉ nào?")
    path = f"/phan-anh-kien-nghi/{pending.pk}/"
    page = client.get(path).content.decode()
    assert "Bà ở địa chỉ nào?" in page
    assert client.post(path, {"text": ""}).status_code == 400
    response = client.post(path, {"text": "Số 12 đường Lê Lợi."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == FeedbackStatus.RECEIVED


def test_other_citizens_get_404(client, demo_province):
    client.force_login(user(HUNG))
    hers = Feedback.objects.filter(citizen__username=BINH).first()
    assert client.get(f"/phan-anh-kien-nghi/{hers.pk}/").status_code == 404
    binhs = Dossier.objects.get(owner__username=BINH, status="returned")
    assert client.get(f"/ho-so-cua-toi/{binhs.key}/danh-gia/").status_code == 404


def test_the_rating_form_asks_each_criterion_as_a_group(client, returned):
    page = client.get(f"/ho-so-cua-toi/{returned.key}/").content.decode()
    assert f'href="/ho-so-cua-toi/{returned.key}/danh-gia/"' in page
    form = client.get(f"/ho-so-cua-toi/{returned.key}/danh-gia/").content.decode()
    assert form.count("<fieldset") == 6
    assert "1. Tổng thời gian giải quyết thủ tục hành chính" in form
    assert "Sớm hơn thời hạn quy định" in form


def test_a_rating_with_a_criterion_left_out_is_refused_beside_it(client, returned):
    answers = {"criterion_1": "2", "criterion_2": "2", "criterion_3": "1", "criterion_4": "2"}
    response = client.post(
        f"/ho-so-cua-toi/{returned.key}/danh-gia/", answers | {"comment": "Rất hài lòng."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_criterion_6"' in page
    assert 'id="id_criterion_7-error"' in page
    assert "Rất hài lòng." in page
    assert 'id="id_criterion_3_1" value="1" checked' in page
    assert not Rating.objects.filter(dossier=returned).exists()


def test_she_rates_once_and_sees_her_rating(client, returned):
    answers = {f"criterion_{n}": "2" for n in (1, 2, 3, 4, 6, 7)}
    response = client.post(f"/ho-so-cua-toi/{returned.key}/danh-gia/", answers)
    assert response.status_code == 302
    rating = Rating.objects.get(dossier=returned)
    assert (rating.total, rating.maximum) == (12, 12)
    page = client.get(response["Location"]).content.decode()
    assert "Cảm ơn Ông/Bà đã đánh giá" in page
    assert "12/12 điểm" in page
    assert f'href="/ho-so-cua-toi/{returned.key}/danh-gia/"' not in page
    again = client.post(f"/ho-so-cua-toi/{returned.key}/danh-gia/", answers)
    assert again.status_code == 302
    assert Rating.objects.filter(dossier=returned).count() == 1


def test_a_dossier_without_its_result_is_not_rated(client, binh):
    processing = Dossier.objects.filter(owner=binh, status="processing").first()
    page = client.get(f"/ho-so-cua-toi/{processing.key}/").content.decode()
    assert "/danh-gia/" not in page
    response = client.get(f"/ho-so-cua-toi/{processing.key}/danh-gia/")
    assert response.status_code == 302
    assert "khi hồ sơ đã có kết quả" in client.get(response["Location"]).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_the_qa_and_the_rating_form_pass_axe(live_server, chromium, demo_province):
    from django.conf import settings
    from django.test import Client
    from playwright.sync_api import expect

    from tests.portal.accessibility import blocking_violations

    returned = Dossier.objects.get(owner__username=BINH, status="returned")
    client = Client()
    client.force_login(user(BINH))
    context = chromium.new_context(locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    violations = {}

    def check(name: str) -> None:
        found = blocking_violations(page)
        if found:
            violations[name] = found

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Hỏi đáp").first.click()
    page.get_by_label("Tìm câu hỏi").fill("con sinh o tinh khac")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r".*/hoi-dap/\?q=.*"))
    check("questions")
    page.get_by_role("link", name="Con sinh ở tỉnh khác thì đăng ký khai sinh ở đâu?").click()
    expect(page.get_by_text("Điều 13 Luật Hộ tịch")).to_be_visible()
    check("question")

    page.goto(f"{live_server.url}/ho-so-cua-toi/{returned.key}/")
    page.get_by_role("link", name="Đánh giá", exact=True).click()
    page.wait_for_url(re.compile(r".*/danh-gia/$"))
    check("rating form")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_role("heading", name="Vui lòng kiểm tra lại")).to_be_visible()
    check("rating form with errors")
    for group in page.locator("fieldset").all():
        group.get_by_role("radio").first.check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn Ông/Bà đã đánh giá")).to_be_visible()
    expect(page.get_by_text("12/12 điểm")).to_be_visible()
    check("dossier with its rating")
    context.close()
    assert violations == {}
