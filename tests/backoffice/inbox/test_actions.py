"""Each action through the dossier page: the officer posts the action's form with the version
they saw, and the dossier's state afterwards is what the engine says; a stale version shows the
fresh page with what was typed kept; domain errors land beside their field; destructive actions
need their confirmation; the dossier's files stream to those who may see it."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts import services as accounts
from motcua.accounts.models import Role
from motcua.core import clock
from motcua.dossiers.models import Dossier, Status
from tests.backoffice.inbox.conftest import filed_with_paper
from tests.documents.files import pdf_bytes
from tests.dossiers.helpers import act, at, online, walk_in
from tests.dossiers.world import DEPARTMENT
from tests.factories import grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("morning", "private_root")]


def page_of(dossier: Dossier) -> str:
    return f"/can-bo/ho-so/{dossier.key}/"


def post(client, dossier: Dossier, action: str, data: dict | None = None, **extra):
    dossier.refresh_from_db()
    fields = {f"{action}-expected_version": dossier.version}
    fields |= {f"{action}-{name}": value for name, value in (data or {}).items()}
    return client.post(f"{page_of(dossier)}{action}/", fields, **extra)


def fresh(dossier: Dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def test_the_desk_receives_an_online_filing_and_the_page_moves_to_its_code(world, officer):
    dossier, _paper = filed_with_paper(world)
    client = officer(world.counter_a)
    page = client.get(page_of(dossier)).content.decode()
    assert "Tiếp nhận hồ sơ" in page
    assert "Từ chối tiếp nhận" in page
    done = post(client, dossier, "receive")
    received = fresh(dossier)
    assert received.status == Status.RECEIVED
    assert done["Location"] == f"/can-bo/ho-so/{received.code}/"
    assert "Đã thực hiện: Tiếp nhận hồ sơ." in client.get(done["Location"]).content.decode()


def test_a_supplement_names_the_missing_papers_ticked_and_typed(world, officer):
    dossier, _paper = filed_with_paper(world)
    client = officer(world.counter_a)
    post(
        client,
        dossier,
        "request_supplement",
        {
            "components": ["Tờ khai"],
            "missing": "Bản sao giấy chứng nhận kết hôn",
            "reason": "Thiếu giấy tờ chứng minh quan hệ cha mẹ",
        },
    )
    waiting = fresh(dossier)
    assert waiting.status == Status.AWAITING_SUPPLEMENT
    stop = waiting.clock_stops.get()
    assert stop.missing == "Tờ khai; Bản sao giấy chứng nhận kết hôn"
    assert stop.reason == "Thiếu giấy tờ chứng minh quan hệ cha mẹ"


def test_a_supplement_with_nothing_named_is_refused_beside_the_field(world, officer):
    dossier = online(world)
    refused = post(officer(world.counter_a), dossier, "request_supplement", {"reason": "Thiếu"})
    assert refused.status_code == 400
    assert "Chọn ít nhất một giấy tờ hoặc ghi nội dung cần bổ sung." in refused.content.decode()
    assert fresh(dossier).status == Status.SUBMITTED


def test_refusing_asks_for_confirmation_first(world, officer):
    dossier = online(world)
    client = officer(world.counter_a)
    unconfirmed = post(client, dossier, "refuse", {"reason": "Không thuộc thẩm quyền"})
    assert unconfirmed.status_code == 400
    html = unconfirmed.content.decode()
    assert "Đánh dấu ô xác nhận" in html
    assert "Không thuộc thẩm quyền" in html  # what was typed is still there
    assert fresh(dossier).status == Status.SUBMITTED
    post(client, dossier, "refuse", {"reason": "Không thuộc thẩm quyền", "confirm": "on"})
    assert fresh(dossier).status == Status.NOT_RECEIVED


def test_forward_then_the_specialist_consults_and_the_department_answers(world, officer, jurist):
    dossier = walk_in(world)
    post(officer(world.counter_a), dossier, "forward", {"note": "Chuyển xử lý"})
    assert fresh(dossier).current_step.key == "xu_ly"

    specialist = officer(world.specialist_a)
    post(
        specialist,
        dossier,
        "consult",
        {"unit": DEPARTMENT, "question": "Quốc tịch của trẻ?", "allowance_hours": "8"},
    )
    consultation = fresh(dossier).consultations.get()
    assert consultation.unit.code == DEPARTMENT
    assert consultation.question == "Quốc tịch của trẻ?"
    # The step waits for the opinion: forwarding is not offered meanwhile.
    assert 'id="thao-tac-forward"' not in specialist.get(page_of(dossier)).content.decode()

    answerer = officer(jurist)
    assert "Trả lời xin ý kiến" in answerer.get(page_of(dossier)).content.decode()
    post(answerer, dossier, "answer", {"answer": "Trẻ có quốc tịch Việt Nam."})
    consultation.refresh_from_db()
    assert consultation.answer == "Trẻ có quốc tịch Việt Nam."
    assert fresh(dossier).open_consultations == 0


def test_consulting_ones_own_unit_is_refused_beside_the_field(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    refused = post(
        officer(world.specialist_a),
        dossier,
        "consult",
        {"unit": world.tree.commune_a.code, "question": "?"},
    )
    assert refused.status_code == 400
    assert 'id="id_consult-unit-error"' in refused.content.decode()
    assert not fresh(dossier).consultations.exists()


def test_a_transfer_goes_to_another_agency_and_comes_back(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    post(
        officer(world.specialist_a),
        dossier,
        "transfer",
        {"to_agency": world.tree.commune_b.code, "reason": "Xác minh nơi cư trú"},
    )
    away = fresh(dossier)
    assert away.transferred_to == world.tree.commune_b
    other = officer(world.leader_b)
    assert other.get(page_of(dossier)).status_code == 200
    post(other, dossier, "transfer_back", {"outcome": "Đã xác minh: đúng nơi cư trú."})
    back = fresh(dossier)
    assert back.transferred_to is None
    assert back.current_unit == world.tree.commune_a
    assert back.transfers.get().outcome == "Đã xác minh: đúng nơi cư trú."


def test_the_result_is_attached_with_its_file_and_the_leader_approves(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    specialist = officer(world.specialist_a)
    result = SimpleUploadedFile("giay-khai-sinh.pdf", pdf_bytes("Ket qua"), "application/pdf")
    post(specialist, dossier, "attach_result", {"note": "Giấy khai sinh số 12", "file": result})
    attached = fresh(dossier)
    assert attached.result_note == "Giấy khai sinh số 12"
    assert attached.result_file_id
    assert specialist.get(f"{page_of(dossier)}tep/{attached.result_file_id}/").status_code == 200
    post(specialist, dossier, "forward")
    post(officer(world.leader_a), dossier, "approve", {"note": "Đồng ý"})
    approved = fresh(dossier)
    assert approved.approved_by == world.leader_a
    assert approved.approved_at is not None


def test_the_leader_apologises_with_a_new_date_and_stops_with_confirmation(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    leader = officer(world.leader_a)
    # A one-day procedure received at 08:00: exactly the working day the apology needs is left.
    appointment = fresh(dossier).appointment_at.astimezone(clock.VN_TZ)
    too_early = appointment.strftime("%Y-%m-%dT%H:%M")
    refused = post(
        leader, dossier, "apologize", {"reason": "Chờ xác minh", "new_appointment_at": too_early}
    )
    assert refused.status_code == 400
    assert 'id="id_apologize-new_appointment_at-error"' in refused.content.decode()
    later = (appointment + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    post(leader, dossier, "apologize", {"reason": "Chờ xác minh", "new_appointment_at": later})
    apologised = fresh(dossier).new_appointment_at.astimezone(clock.VN_TZ)
    assert apologised.strftime("%Y-%m-%dT%H:%M") == later
    post(leader, dossier, "stop", {"reason": "Người nộp đã chuyển đi", "confirm": "on"})
    assert fresh(dossier).status == Status.STOPPED


def test_a_stale_version_shows_the_fresh_page_and_keeps_what_was_typed(world, officer):
    dossier = online(world)
    seen = dossier.version
    act("receive", dossier, user=world.counter_a)
    client = officer(world.counter_a)
    stale = client.post(
        f"{page_of(dossier)}request_supplement/",
        {
            "request_supplement-expected_version": seen,
            "request_supplement-missing": "Giấy chứng sinh",
            "request_supplement-reason": "Thiếu giấy chứng sinh",
        },
    )
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Hồ sơ vừa được người khác cập nhật" in html
    assert "Thiếu giấy chứng sinh" in html
    assert "Đã tiếp nhận" in html  # the fresh state
    assert fresh(dossier).status == Status.RECEIVED


def test_an_action_not_offered_is_refused_and_another_units_dossier_is_404(world, officer):
    dossier = online(world)
    assert post(officer(world.specialist_a), dossier, "receive").status_code == 403
    assert fresh(dossier).status == Status.SUBMITTED
    other = officer(world.counter_b)
    assert post(other, dossier, "receive").status_code == 404
    assert other.get(page_of(dossier)).status_code == 404


def test_the_papers_preview_for_those_who_may_see_the_dossier(world, officer):
    dossier, paper = filed_with_paper(world)
    client = officer(world.counter_a)
    html = client.get(page_of(dossier)).content.decode()
    url = f"{page_of(dossier)}tep/{paper.pk}/"
    assert f'<iframe class="bo-preview bo-preview--pdf" src="{url}"' in html
    shown = client.get(url)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"].startswith("inline")
    assert b"".join(shown.streaming_content).startswith(b"%PDF")
    assert officer(world.counter_b).get(url).status_code == 404


def test_the_leader_assigns_a_colleague_who_holds_the_steps_role(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    leader = officer(world.leader_a)
    html = leader.get(page_of(dossier)).content.decode()
    assert f'<option value="{world.specialist_a.pk}">Vũ Đức Thắng' in html
    assert "Hoàng Thị Mai" not in html.split('id="thao-tac-assign"')[1].split("</form>")[0]
    post(leader, dossier, "assign", {"handler": world.specialist_a.pk})
    assert fresh(dossier).current_handler == world.specialist_a


def test_the_answer_offers_only_the_questions_of_the_answerers_units(world, officer, jurist):
    """Standing in for commune B's leader, the department's jurist answers what commune B was
    asked; the question put to the province is no one's here, so it is not offered."""
    grant(world.leader_b, Role.SPECIALIST, world.tree.department)
    accounts.delegate(
        actor=world.leader_b,
        principal=world.leader_b,
        substitute=jurist,
        starts_at=at(1, 5, 7),
        ends_at=at(1, 9, 17),
    )
    dossier = act("forward", walk_in(world), user=world.counter_a)
    for unit, question in ((world.tree.commune_b, "Nơi cư trú?"), (world.tree.province, "Lệ phí?")):
        act("consult", dossier, user=world.specialist_a, unit=unit, question=question)
    stand_in = officer(jurist)
    html = stand_in.get(page_of(dossier)).content.decode()
    form = html.split('id="thao-tac-answer"')[1].split("</form>")[0]
    assert "Lệ phí?" not in form
    assert "<select" not in form  # one question only: no choice to make
    post(stand_in, dossier, "answer", {"answer": "Đúng nơi cư trú."})
    asked_b = fresh(dossier).consultations.get(unit=world.tree.commune_b)
    assert asked_b.answer == "Đúng nơi cư trú."


def test_the_result_file_is_kept_across_a_stale_version_and_reused(world, officer):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    seen = fresh(dossier).version
    act("assign", dossier, user=world.leader_a, handler=world.specialist_a)
    specialist = officer(world.specialist_a)
    result = SimpleUploadedFile("giay-khai-sinh.pdf", pdf_bytes("Ket qua"), "application/pdf")
    stale = specialist.post(
        f"{page_of(dossier)}attach_result/",
        {
            "attach_result-expected_version": seen,
            "attach_result-note": "Giấy khai sinh số 12",
            "attach_result-file": result,
        },
    )
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Đã tải lên: giay-khai-sinh.pdf" in html
    kept = re.search(r'name="attach_result-kept" value="([^"]+)"', html).group(1)
    post(specialist, dossier, "attach_result", {"note": "Giấy khai sinh số 12", "kept": kept})
    assert str(fresh(dossier).result_file_id) == kept
