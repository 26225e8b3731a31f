"""The official papers printed from real dossiers (filed and moved through the services): each
form's Vietnamese text as a reader sees it (`pdftotext`), in the bundled font (`pdffonts`), the
receipt's QR code decoded from the rendered page, and the tracking book as PDF and Excel."""

from datetime import date, datetime
from io import BytesIO

import openpyxl
import pytest
from django.conf import settings

from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.documents import papers
from motcua.dossiers import paperwork, services
from motcua.dossiers.models import Dossier, Status
from tests.documents.pdftools import font_names, qr_texts, words
from tests.dossiers.helpers import act, at, online, walk_in


def paper_text(kind: str, context: dict, tmp_path) -> str:
    pdf = papers.render_paper(kind=kind, context=context)
    assert "Noto-Serif" in font_names(pdf, tmp_path)
    return words(pdf, tmp_path)


COMPONENTS = [
    services.ComponentLine(name="Tờ khai đăng ký khai sinh", originals=1),
    services.ComponentLine(name="Giấy chứng sinh", originals=1, copies=2),
    services.ComponentLine(name="Giấy chứng nhận kết hôn", certified_copies=1),
]


def test_the_receipt_says_who_filed_what_when_and_when_to_come_back(world, tmp_path):
    with clock.frozen(at(3, 2, 9, 5)):
        first = walk_in(world)
        dossier = walk_in(world, components=COMPONENTS)
    context = paperwork.context_for(dossier=dossier, kind="01")
    text = paper_text("01", context, tmp_path)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    # The header: the commune above its desk (the two columns' lines interleave in the text).
    assert text.startswith("UBND XÃ AN PHÚ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BỘ PHẬN TIẾP NHẬN")
    assert "An Phú, ngày 02 tháng 03 năm 2026" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Ông/Bà: Trần Thị Bình" in text
    assert "Số 12 đường Lê Lợi" in text
    assert "Nội dung yêu cầu giải quyết: Đăng ký khai sinh" in text
    assert "2 Giấy chứng sinh 1 0 2" in text
    assert "3 Giấy chứng nhận kết hôn 0 1 0" in text
    assert "Thời gian giải quyết hồ sơ theo quy định là: 1 ngày làm việc" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02 tháng 03 năm 2026" in text
    # One working day from 09:05 on Monday.
    assert "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 03 tháng 03 năm 2026" in (
        text
    )
    assert "Đăng ký nhận kết quả tại: Nhận tại Bộ phận Một cửa – UBND xã An Phú" in text
    # The second dossier the commune received this year.
    assert "Quyển số: 01/2026, Số thứ tự: 2" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Hoàng Thị Mai" in text
    assert "được lập thành 02 bản" in text
    assert paperwork.context_for(dossier=first, kind="01")["receipt"]["book_number"] == 1


def test_the_receipts_qr_code_opens_the_tracking_page_of_the_dossier(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
    pdf = papers.render_paper(kind="01", context=paperwork.context_for(dossier=dossier, kind="01"))
    assert qr_texts(pdf, tmp_path) == [f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={dossier.code}"]


def test_the_supplement_request_lists_what_is_missing_and_why(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
    with clock.frozen(at(3, 2, 10, 15)):
        act(
            "request_supplement",
            dossier,
            user=world.counter_a,
            missing="- Bản sao Giấy chứng nhận kết hôn\n- Tờ khai có chữ ký của người mẹ",
            reason="Tờ khai chưa ký",
        )
    text = paper_text("02", paperwork.context_for(dossier=dossier, kind="02"), tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1 Bản sao Giấy chứng nhận kết hôn 2 Tờ khai có chữ ký của người mẹ" in text
    assert "Lý do: Tờ khai chưa ký" in text
    assert "Ông/Bà liên hệ Hoàng Thị Mai" in text
    assert "10 giờ 15 phút, ngày 02 tháng 03 năm 2026" in text


def test_the_refusal_gives_the_specific_reason(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        act("refuse", dossier, user=world.counter_a, reason="Không thuộc thẩm quyền của xã")
    text = paper_text("03", paperwork.context_for(dossier=dossier, kind="03"), tmp_path)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Ông/Bà: Trần Thị Bình" in text
    assert "Không thuộc thẩm quyền của xã" in text
    # Refused before receipt: the dossier has only its reference.
    assert dossier.reference in text


def test_the_apology_names_both_dates_and_is_signed_for_the_head(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        act(
            "apologize",
            dossier,
            user=world.leader_a,
            reason="Phải xác minh nơi sinh",
            new_appointment_at=at(3, 6, 16),
        )
    text = paper_text("04", paperwork.context_for(dossier=dossier, kind="04"), tmp_path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Kính gửi: Ông/Bà Trần Thị Bình" in text
    assert "Ngày 02/03/2026, UBND xã An Phú tiếp nhận" in text
    assert f"mã số {dossier.code}" in text
    assert "09 giờ 00 phút, ngày 03 tháng 03 năm 2026" in text
    assert "Lý do: Phải xác minh nơi sinh" in text
    assert "16 giờ 00 phút, ngày 06 tháng 03 năm 2026" in text
    assert "Nơi nhận: - Như trên; - Lưu: VT;" in text
    assert "KT. CHỦ TỊCH UBND PHÓ CHỦ TỊCH UBND" in text
    assert "Bùi Văn Sơn" in text


def test_the_stop_notice_gives_the_reason(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        act("stop", dossier, user=world.leader_a, reason="Có tranh chấp về quyền nuôi con")
    text = paper_text("05", paperwork.context_for(dossier=dossier, kind="05"), tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Lý do dừng giải quyết: Có tranh chấp về quyền nuôi con" in text
    assert "Bùi Văn Sơn" in text


def test_the_control_slip_shows_each_hand_over_and_its_judgement(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = act("forward", walk_in(world), user=world.counter_a)
    with clock.frozen(at(3, 2, 10)):
        dossier = act("forward", dossier, user=world.specialist_a)
    text = paper_text("06", paperwork.context_for(dossier=dossier, kind="06"), tmp_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ KẾT QUẢ GIẢI QUYẾT HỒ SƠ" in text
    assert "1. Giao: UBND xã An Phú 2. Nhận: UBND xã An Phú – Tiếp nhận hồ sơ" in text
    assert "1. Giao: UBND xã An Phú – Tiếp nhận hồ sơ 2. Nhận: UBND xã An Phú – Xử lý hồ sơ" in text
    assert "09 giờ 00 phút, ngày 02 tháng 03 năm 2026 Người giao: Hoàng Thị Mai" in text
    assert "Người nhận: Vũ Đức Thắng" in text
    assert "Đúng hạn" in text


def test_a_form_the_dossier_never_had_is_not_found(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
    with pytest.raises(NotFound) as missing:
        paperwork.context_for(dossier=dossier, kind="03")
    assert missing.value.code == "form_not_issued"


def test_the_result_document_prints_its_body_signer_and_verification_qr(world, tmp_path):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        context = paperwork.result_context(
            dossier=dossier,
            body="Họ và tên: Lê Minh An\nNgày sinh: 01/02/2026",
            title="Trích lục khai sinh",
            capacity="KT. CHỦ TỊCH",
            signer_title="Phó Chủ tịch",
            signer_name="Bùi Văn Sơn",
            token="a1b2c3d4e5f60718293a4b5c6d7e8f90",
        )
    pdf, anchors = paperwork.render_result(context)
    text = words(pdf, tmp_path)
    assert "UBND XÃ AN PHÚ" in text
    assert "TRÍCH LỤC KHAI SINH Họ và tên: Lê Minh An Ngày sinh: 01/02/2026" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Ông/Bà Trần Thị Bình" in text
    assert qr_texts(pdf, tmp_path) == [
        f"{settings.MOTCUA_PUBLIC_URL}/verify/a1b2c3d4e5f60718293a4b5c6d7e8f90/"
    ]
    page, (x1, y1, x2, y2) = anchors["chu-ky"]
    assert page == 0
    assert (round(x2 - x1), round(y2 - y1)) == (198, 136)  # 70 mm × 48 mm: the whole stamp


def _book_world(world) -> list:
    with clock.frozen(at(3, 2, 9)):
        dossiers = [walk_in(world) for _ in range(3)]
        online(world)  # filed, not received: not in the book
    with clock.frozen(at(4, 1, 9)):
        walk_in(world)  # another month
    return dossiers


def test_the_tracking_book_lists_the_units_dossiers_in_few_queries(
    world, tmp_path, django_assert_max_num_queries
):
    dossiers = _book_world(world)
    with django_assert_max_num_queries(3):
        rows = paperwork.tracking_book(
            unit=world.tree.commune_a, start=date(2026, 3, 1), end=date(2026, 3, 31)
        )
    assert [row["code"] for row in rows] == [dossier.code for dossier in dossiers]
    assert rows[0]["officer"] == "Hoàng Thị Mai"
    assert rows[0]["area"] == "Hộ tịch"
    with clock.frozen(at(3, 31, 17)):
        context = paperwork.tracking_book_context(
            unit=world.tree.commune_a, start=date(2026, 3, 1), end=date(2026, 3, 31), rows=rows
        )
    text = paper_text("07", context, tmp_path)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    assert dossiers[2].code in text
    # Narrow columns wrap names and addresses; their words are all there.
    assert {"Trần", "Thị", "Bình", "Hộ", "tịch"} <= set(text.split())
    assert "09:00 02/03/2026 09:00 03/03/2026 Hoàng Thị Mai" in text
    # One dossier's own line, its period that of its receipt.
    own = paperwork.tracking_book_context(
        unit=world.tree.commune_a,
        rows=paperwork.tracking_book_rows(dossiers=Dossier.objects.filter(pk=dossiers[1].pk)),
    )
    assert [row["code"] for row in own["rows"]] == [dossiers[1].code]
    assert own["period"] == "Từ ngày 02/03/2026 đến ngày 02/03/2026"
    # Only the dossiers in a status, when asked.
    assert (
        paperwork.tracking_book(
            unit=world.tree.commune_a,
            start=date(2026, 3, 1),
            end=date(2026, 3, 31),
            status=Status.RETURNED,
        )
        == []
    )


def test_the_tracking_book_as_excel_has_vietnamese_headers_and_real_dates(world):
    dossiers = _book_world(world)
    rows = paperwork.tracking_book(
        unit=world.tree.commune_a, start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    content = paperwork.tracking_book_xlsx(
        rows, unit_name="UBND xã An Phú", start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    sheet = openpyxl.load_workbook(BytesIO(content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "SỔ THEO DÕI HỒ SƠ"
    assert "UBND xã An Phú" in values[1][0]
    assert values[2] == [
        "STT",
        "Mã hồ sơ",
        "Trích yếu (tên thủ tục)",
        "Số bộ",
        "Chủ hồ sơ",
        "Địa chỉ",
        "Số điện thoại",
        "Ngày nhận",
        "Ngày hẹn trả",
        "Ngày trả kết quả",
        "Người tiếp nhận",
        "Lĩnh vực",
    ]
    first = values[3]
    assert first[1] == dossiers[0].code
    assert first[4] == "Trần Thị Bình"
    assert first[7] == datetime(2026, 3, 2, 9, 0)
    assert first[8] == datetime(2026, 3, 3, 9, 0)
    assert first[9] is None
    assert len(values) == 3 + len(dossiers)


def _shape_matches(sample, real, where: str = "context") -> None:
    """`sample` has the same keys as `real`, recursively, list items included (an empty list
    on either side says nothing about its items)."""
    if isinstance(real, dict):
        assert isinstance(sample, dict), where
        assert sorted(sample) == sorted(real), where
        for key in real:
            _shape_matches(sample[key], real[key], f"{where}.{key}")
    elif isinstance(real, list):
        assert isinstance(sample, list), where
        for sample_item in sample:
            for real_item in real:
                _shape_matches(sample_item, real_item, f"{where}[]")
    else:
        assert not isinstance(sample, dict | list), where


def test_each_sample_has_the_keys_of_the_real_context(world):
    with clock.frozen(at(3, 2, 9)):
        received = act("forward", walk_in(world, components=COMPONENTS), user=world.counter_a)
        act(
            "apologize",
            received,
            user=world.leader_a,
            reason="Xác minh",
            new_appointment_at=at(3, 6, 16),
        )
        waiting = walk_in(world)
        act("request_supplement", waiting, user=world.counter_a, missing="Tờ khai", reason="x")
        refused = online(world)
        act("refuse", refused, user=world.counter_a, reason="Sai nơi nộp")
        stopped = act("forward", walk_in(world), user=world.counter_a)
        act("stop", stopped, user=world.leader_a, reason="Có tranh chấp")
        real = {
            "01": paperwork.context_for(dossier=received, kind="01"),
            "02": paperwork.context_for(dossier=waiting, kind="02"),
            "03": paperwork.context_for(dossier=refused, kind="03"),
            "04": paperwork.context_for(dossier=received, kind="04"),
            "05": paperwork.context_for(dossier=stopped, kind="05"),
            "06": paperwork.context_for(dossier=received, kind="06"),
            "07": paperwork.tracking_book_context(
                unit=world.tree.commune_a, start=date(2026, 3, 1), end=date(2026, 3, 31)
            ),
            "ket-qua": paperwork.result_context(
                dossier=received,
                body="Nội dung",
                title="Giấy khai sinh",
                capacity="",
                signer_title="Chủ tịch",
                signer_name="Bùi Văn Sơn",
            ),
        }
    for kind, context in real.items():
        _shape_matches(papers.sample_context(kind), context, kind)
