"""Checking a field as it is left (the htmx endpoint) with the test client: the answer is the
field drawn exactly as the full page draws it, with the same error, and what was typed is
saved into the draft."""

import pytest

from motcua.accounts.models import User
from motcua.filing.models import Draft
from tests.filing.wizard import BINH, HUNG, applicant_data, fill_up_to_review, form_data, start

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def binh(demo_province, client):
    client.force_login(User.objects.get(username=BINH))
    return client


def _draft(base: str) -> Draft:
    return Draft.objects.get(pk=base.rstrip("/").rsplit("/", 1)[1])


def _field_part(response) -> str:
    """The field as answered, without the status line's out-of-band part."""
    return response.content.decode().split("<div hx-swap-oob=")[0].strip()


def test_a_bad_phone_answers_the_pages_own_error_markup_and_is_saved(binh):
    base = start(binh)
    typed = applicant_data(phone="0912 34", name="Trần Thị Bình")
    del typed["action"]
    checked = binh.post(base + "nguoi-nop/kiem-tra/?field=phone", typed, headers=HTMX)

    assert checked.status_code == 200
    part = _field_part(checked)
    assert "Nhập số điện thoại gồm 10 chữ số, ví dụ 0912 345 678." in part
    assert 'aria-invalid="true"' in part
    assert 'id="id_phone-error"' in part
    assert "id_phone-error" in part.split('aria-describedby="')[1].split('"')[0]
    # Only the field left is answered, though the whole form was checked.
    assert "id_name" not in part
    assert "Số điện thoại: Nhập số điện thoại gồm 10 chữ số" in checked.content.decode()
    assert _draft(base).data["nguoi-nop"]["phone"] == "0912 34"

    # The full page, posted with the same values, draws that field the same way.
    page = binh.post(base + "nguoi-nop/", {**typed, "action": "next"})
    assert page.status_code == 400
    assert part in page.content.decode()

    typed["phone"] = "0912 345 678"
    fixed = binh.post(base + "nguoi-nop/kiem-tra/?field=phone", typed, headers=HTMX)
    part = _field_part(fixed)
    assert 'value="0912 345 678"' in part
    assert "aria-invalid" not in part
    assert "invalid-feedback" not in part
    assert "Nhập số điện thoại" not in fixed.content.decode()
    assert _draft(base).data["nguoi-nop"]["phone"] == "0912 345 678"


def test_a_procedure_field_is_checked_by_the_procedures_own_rules(binh):
    base = start(binh)
    typed = form_data(so_dinh_danh_nguoi_yeu_cau="0991900", gioi_tinh="")
    del typed["action"]
    checked = binh.post(
        base + "to-khai/kiem-tra/?field=so_dinh_danh_nguoi_yeu_cau", typed, headers=HTMX
    )
    part = _field_part(checked)
    assert 'aria-invalid="true"' in part
    page = binh.post(base + "to-khai/", {**typed, "action": "next"})
    assert part in page.content.decode()
    # The empty sex is an error of its own field, not of the one left.
    assert "Giới tính" not in part
    assert _draft(base).data["to-khai"]["so_dinh_danh_nguoi_yeu_cau"] == "0991900"

    radios = binh.post(base + "to-khai/kiem-tra/?field=gioi_tinh", typed, headers=HTMX)
    assert "Vui lòng chọn Giới tính." in _field_part(radios)


def test_only_the_owner_checks_and_only_typed_steps_and_known_fields(binh, client):
    base = start(binh)
    assert binh.post(base + "nguoi-nop/kiem-tra/?field=khong-co", {}).status_code == 400
    assert binh.post(base + "giay-to/kiem-tra/?field=x", {}).status_code == 404
    assert binh.get(base + "nguoi-nop/kiem-tra/?field=name").status_code == 405
    client.force_login(User.objects.get(username=HUNG))
    response = client.post(base + "nguoi-nop/kiem-tra/?field=name", {"name": "Kẻ lạ"})
    assert response.status_code == 404
    assert "nguoi-nop" not in _draft(base).data


def test_a_check_arriving_after_the_draft_was_filed_changes_nothing(binh, private_root):
    base = start(binh)
    fill_up_to_review(binh, base)
    assert binh.post(base + "xem-lai/", {"action": "submit"}).status_code == 302
    late = binh.post(
        base + "nguoi-nop/kiem-tra/?field=name", applicant_data(name="Tên khác"), headers=HTMX
    )
    assert late.status_code == 204
    assert _draft(base).data == {}
