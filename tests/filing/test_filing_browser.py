"""The filing wizard in Debian's Chromium with JavaScript off: Trần Thị Bình files a birth
registration with a PDF and a PNG, meeting an error on the way, and every page she sees (as
she saw it, errors included) passes axe with no serious or critical violation."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from motcua.core import clock
from motcua.dossiers.models import Dossier
from tests.documents.files import pdf_bytes, png_bytes
from tests.filing.wizard import BINH, components
from tests.portal.browser import Auditor, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_without_javascript_binh_files_online_and_every_step_passes_axe(
    live_server, chromium, demo_province, private_root
):
    page = signed_in_page(chromium, live_server, BINH, javascript=False)
    auditor = Auditor(chromium, live_server)
    violations = auditor.violations

    def check(name: str) -> None:
        auditor.check(name, page)

    def next_step() -> None:
        page.get_by_role("button", name="Tiếp tục").click()

    page.goto(live_server.url + "/nop-ho-so/1.001193/")
    expect(page.get_by_text("Bước 1/6")).to_be_visible()
    check("agency")
    page.get_by_label("UBND Phường An Hòa", exact=True).check()
    next_step()

    expect(page.get_by_text("Bước 2/6")).to_be_visible()
    assert page.get_by_label("Họ và tên người yêu cầu").input_value() == "Trần Thị Bình"
    check("applicant")
    next_step()

    expect(page.get_by_text("Bước 3/6")).to_be_visible()
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill("Nguyễn Trần An Nhiên")
    next_step()
    expect(page.get_by_role("alert").get_by_text("Vui lòng chọn Giới tính.")).to_be_visible()
    assert page.get_by_label("Họ, chữ đệm và tên của trẻ").input_value() == "Nguyễn Trần An Nhiên"
    check("form with errors")
    page.get_by_label("Mẹ", exact=True).check()
    page.get_by_label("Ngày, tháng, năm sinh").fill(
        (clock.today() - timedelta(days=10)).isoformat()
    )
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh An Hòa")
    page.get_by_label("Số định danh cá nhân của người đi đăng ký").fill(BINH)
    page.get_by_label("Số điện thoại liên hệ").fill("0912 345 678")
    next_step()

    expect(page.get_by_text("Bước 4/6")).to_be_visible()
    check("components")
    declaration, birth_certificate = components()[:2]
    page.locator(f"#file-{declaration.pk}").set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.locator(f"#file-{birth_certificate.pk}").set_input_files(
        {"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": b"chi la chu"}
    )
    next_step()
    expect(page.get_by_role("alert").get_by_text("Chỉ nhận tệp PDF, JPEG hoặc PNG")).to_be_visible()
    expect(page.get_by_role("button", name="Gỡ bỏ to-khai.pdf")).to_be_visible()
    check("components with errors")
    page.locator(f"#file-{birth_certificate.pk}").set_input_files(
        {"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    next_step()

    expect(page.get_by_text("Bước 5/6")).to_be_visible()
    check("delivery")
    page.get_by_label("Nhận tại Bộ phận Một cửa").check()
    next_step()

    expect(page.get_by_text("Bước 6/6")).to_be_visible()
    expect(page.get_by_text("giay-chung-sinh.png")).to_be_visible()
    check("review")
    page.get_by_role("button", name="Nộp hồ sơ").click()

    dossier = Dossier.objects.get(owner__username=BINH, status="submitted")
    expect(page.get_by_text(dossier.reference)).to_be_visible()
    check("confirmation")
    page.goto(live_server.url + "/nop-ho-so/ban-nhap/")
    check("drafts")
    page.context.close()
    auditor.page.context.close()
    assert violations == {}
