"""The public pages without JavaScript: search with filters, the procedure page, tracking by
code and phone (a wrong phone answers like a missing code), the large-text switch."""

import re

import pytest
from django.core.cache import cache

from motcua.dossiers.models import Dossier

BINH_PHONE = "0912345678"


@pytest.fixture
def binh_dossier(demo_province) -> Dossier:
    """Trần Thị Bình's dossier waiting for the leader's signature at Phường An Hòa."""
    return Dossier.objects.filter(
        applicant_phone=BINH_PHONE, status="processing", current_step__key="phe_duyet"
    ).first()


def text(response) -> str:
    """The page's HTML with runs of spaces folded and the per-response CSRF tokens blanked."""
    html = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"',
        'name="csrfmiddlewaretoken"',
        response.content.decode(),
    )
    return re.sub(r"\s+", " ", html)


def test_home_has_search_tracking_and_the_fields(client, demo_province):
    page = text(client.get("/"))
    assert 'action="/thu-tuc/"' in page
    assert 'action="/tra-cuu/"' in page
    assert "Đăng ký khai sinh" in page  # filed most in the demo
    assert page.count(">Hộ tịch</a>") == 1  # a field named twice in the catalogue shows once


def test_search_ranks_by_meaning_without_diacritics(client, demo_province):
    page = text(client.get("/thu-tuc/", {"q": "lam giay khai sinh cho con"}))
    first = re.search(r'class="procedure-card__title"><a href="/thu-tuc/([^/]+)/">', page)
    assert first is not None
    assert first.group(1) == "1.001193"


def test_filters_narrow_the_list_and_the_count_says_so(client, demo_province):
    everything = text(client.get("/thu-tuc/"))
    civil = text(client.get("/thu-tuc/", {"field": "Hộ tịch", "level": "commune"}))
    total = int(re.search(r"Tìm thấy (\d+) thủ tục", everything).group(1))
    narrowed = int(re.search(r"Tìm thấy (\d+) thủ tục", civil).group(1))
    assert 0 < narrowed < total
    assert "Đăng ký khai sinh" in civil
    assert "Cấp giấy phép xây dựng" not in civil


def test_a_bad_filter_is_ignored_rather_than_failing(client, demo_province):
    response = client.get("/thu-tuc/", {"agency": "khong-co", "level": "sao-hoa"})
    assert response.status_code == 200


def test_pages_of_results_keep_the_filters(client, demo_province):
    page = text(client.get("/thu-tuc/", {"level": "commune"}))  # 28 in the sample catalogue
    link = re.search(r'href="\?([^"]*trang=2)"', page)
    assert link is not None
    assert "level=commune" in link.group(1)
    second = text(client.get("/thu-tuc/?" + link.group(1).replace("&amp;", "&")))
    assert "Trang 2/2" in second


def test_the_procedure_page_says_who_how_long_what_to_bring_and_what_it_costs(
    client, demo_province
):
    page = text(client.get("/thu-tuc/1.001193/"))
    assert "<h1>Đăng ký khai sinh</h1>" in page
    assert "UBND Phường An Hòa" in page  # who handles it here
    assert "1 ngày làm việc" in page
    assert "Tờ khai đăng ký khai sinh" in page  # the first component
    assert "Miễn phí" in page
    assert "Luật Hộ tịch số 60/2014/QH13" in page
    assert 'href="/nop-ho-so/1.001193/"' in page  # filed online in part


def test_an_unknown_procedure_is_a_404_page(client, demo_province):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404


def test_tracking_shows_status_appointment_and_timeline(client, binh_dossier):
    cache.clear()
    page = text(
        client.get("/tra-cuu/", {"ma": binh_dossier.code, "so_dien_thoai": "+84 912 345 678"})
    )
    assert binh_dossier.code in page
    assert "Đang xử lý" in page
    assert "Ngày hẹn trả kết quả" in page
    assert page.count('class="mc-timeline__step') == binh_dossier.step_records.count()
    assert 'aria-current="step"' in page
    assert "Bùi Văn Sơn" not in page or "Phê duyệt kết quả" in page


def test_a_wrong_phone_answers_exactly_like_a_missing_code(client, binh_dossier):
    cache.clear()
    wrong_phone = client.get("/tra-cuu/", {"ma": binh_dossier.code, "so_dien_thoai": "0987000000"})
    missing = client.get(
        "/tra-cuu/", {"ma": "000.00.31.H99-000000-0000", "so_dien_thoai": "0987000000"}
    )
    assert wrong_phone.status_code == missing.status_code == 404
    assert text(wrong_phone).replace(binh_dossier.code, "X") == text(missing).replace(
        "000.00.31.H99-000000-0000", "X"
    )
    assert "Không tìm thấy hồ sơ với mã hồ sơ và số điện thoại này" in text(missing)


def test_tracking_errors_are_summarised_and_tied_to_their_fields(client, db):
    page = text(client.get("/tra-cuu/", {"ma": "", "so_dien_thoai": "12"}))
    assert 'href="#id_ma"' in page
    assert "Nhập mã hồ sơ ghi trên giấy hẹn." in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_so_dien_thoai-help id_so_dien_thoai-error"' in page
    assert "Nhập số điện thoại gồm 10 chữ số" in page
    assert 'value="12"' in page  # nothing typed is lost


def test_the_receipt_qr_code_opens_tracking_with_the_code_filled_in_and_asks_for_the_phone(
    client, binh_dossier
):
    cache.clear()
    response = client.get("/tra-cuu/", {"ma": binh_dossier.code})
    page = text(response)
    assert response.status_code == 200
    assert f'value="{binh_dossier.code}"' in page
    assert 'aria-invalid="true"' not in page
    assert "Nhập số điện thoại đã khai khi nộp hồ sơ." not in page
    assert "Đang xử lý" not in page  # nothing is shown before the phone is given


def test_tracking_is_slowed_after_thirty_tries_a_minute(client, binh_dossier):
    cache.clear()
    statuses = [
        client.get(
            "/tra-cuu/", {"ma": "000.00.31.H99-000000-0000", "so_dien_thoai": BINH_PHONE}
        ).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    cache.clear()


def test_the_large_text_switch_works_without_javascript(client, db):
    response = client.post("/co-chu/", {"size": "large", "next": "/thu-tuc/"})
    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/"
    assert 'class="mc-large"' in client.get("/").content.decode()
    client.post("/co-chu/", {"size": "normal", "next": "/"})
    assert 'class="mc-large"' not in client.get("/").content.decode()


def test_the_large_text_switch_never_redirects_off_site(client, db):
    response = client.post("/co-chu/", {"size": "large", "next": "https://example.com/"})
    assert response["Location"] == "/"


def test_a_procedure_that_is_not_online_offers_no_filing_button(client, demo_province):
    page = text(client.get("/thu-tuc/2.000986/"))
    assert "Không trực tuyến" in page
    assert "/nop-ho-so/" not in page
