"""The demo's stories: one function per status or judgement the engine has, each filing a
birth registration and moving it with the officers' own service calls (`casting.act`)."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from motcua.accounts.services import delegate
from motcua.agencies.selectors import agency_by_code
from motcua.core import clock
from motcua.demo.casting import POLICE, Cast, Days, act, online, walk_in
from motcua.documents.sample_files import simple_pdf
from motcua.documents.services import store_generated
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, RegisterEntry

# --- the stories, one per status or judgement ----------------------------------------------
# Steps of the default process: tiếp nhận (desk) → xử lý (specialist) → phê duyệt (leader) →
# trả kết quả (desk). 1.001193 takes 1 working day, with a 15:00 cut-off.


def _to_leader(cast: Cast, dossier: Dossier, at: Callable[..., datetime], commune: str) -> None:
    """Desk → specialist, who drafts the result → the leader, who approves it (the approval
    enters the birth in the commune's civil-status register)."""
    desk, specialist = f"motcua.{commune}", f"cv.{commune}"
    act(dossier, at(0), "forward", cast[desk], note="Hồ sơ đủ thành phần, chuyển xử lý.")
    _draft_and_submit(cast, dossier, at(1), specialist)
    act(dossier, at(1), "approve", cast[f"ld.{commune}"])


def _draft_and_submit(cast: Cast, dossier: Dossier, moment: datetime, specialist: str) -> None:
    with clock.frozen(moment):
        result = store_generated(
            content=simple_pdf(
                [
                    "GIAY KHAI SINH - BAN MAU DUNG THU",
                    f"Ho so {dossier.key}",
                    "Du lieu thu nghiem cua tinh mau An Hoa, khong co gia tri phap ly.",
                ]
            ),
            name=f"giay-khai-sinh-{dossier.key}.pdf",
            user=cast[specialist],
            path=f"demo/ket-qua/{dossier.pk}.pdf",
        )
    act(dossier, moment, "attach_result", cast[specialist], note=RESULT_NOTE, upload=result.pk)
    act(dossier, moment, "forward", cast[specialist], note="Đủ điều kiện, trình ký.")


RESULT_NOTE = "Dự thảo Giấy khai sinh (bản chính) và 01 bản sao trích lục khai sinh."


def returned_early(cast: Cast, days: Days) -> None:
    """Received at 14:00, signed the same afternoon: returned a day before the appointment."""
    dossier = walk_in(cast, days.at(0, 14), "motcua.anhoa")
    _to_leader(cast, dossier, lambda i: days.at(0, 14, 20 + 20 * i), "anhoa")
    act(dossier, days.at(0, 16, 10), "finish", cast["ld.anhoa"])
    act(dossier, days.at(0, 16, 40), "return_result", cast["motcua.anhoa"])


def returned_on_time(cast: Cast, days: Days) -> None:
    """Online, received at 14:00; the result drafted from the result template, signed by the
    chairman with the key the server holds and issued by the records clerk with the commune's
    seal the next morning, the day of the appointment (the issued result's /verify/ page)."""
    dossier = online(cast, days.at(1, 8, 30), "099085004321")
    act(dossier, days.at(1, 14), "receive", cast["motcua.tanphu"])
    act(dossier, days.at(2, 8), "forward", cast["motcua.tanphu"], note="Hồ sơ đủ thành phần.")
    act(
        dossier,
        days.at(2, 9),
        "draft_result",
        cast["cv.tanphu"],
        title=RESULT_TITLE,
        body=_birth_extract(dossier),
    )
    act(dossier, days.at(2, 9), "forward", cast["cv.tanphu"], note="Đủ điều kiện, trình ký.")
    act(dossier, days.at(2, 9, 20), "approve", cast["ld.tanphu"])
    with clock.frozen(days.at(2, 9, 30)):
        services.start_signature(
            user=cast["ld.tanphu"], dossier=dossier, capacity="", title="CHỦ TỊCH"
        )
    issued = days.at(2, 10)
    # The birth's register number is the one the extract carries (as the clerk's form offers).
    entry = RegisterEntry.objects.select_related("register").get(dossier=dossier)
    act(
        dossier,
        issued,
        "issue_result",
        cast["vt.tanphu"],
        number=f"{entry.number}/{entry.register.year}",
        issued_on=issued.date(),
    )
    act(dossier, days.at(2, 10, 30), "finish", cast["ld.tanphu"])
    act(dossier, days.at(3, 9), "return_result", cast["motcua.tanphu"])


RESULT_TITLE = "Trích lục khai sinh"


def _birth_extract(dossier: Dossier) -> str:
    """The extract's lines from what the parent declared."""
    form = dossier.form_data
    born = datetime.fromisoformat(form["ngay_sinh"]).strftime("%d/%m/%Y")
    return "\n".join(
        [
            f"Họ, chữ đệm, tên: {form['ho_ten_tre']}",
            f"Giới tính: {form['gioi_tinh']}",
            f"Ngày, tháng, năm sinh: {born}",
            f"Nơi sinh: {form['noi_sinh']}",
            f"Người đi đăng ký khai sinh: {dossier.applicant_name}",
            "Dữ liệu thử nghiệm của tỉnh mẫu An Hòa, không có giá trị pháp lý.",
        ]
    )


def returned_late(cast: Cast, days: Days) -> None:
    """Sent back once by the leader; finished two days after the appointment."""
    dossier = walk_in(cast, days.at(2, 9), "motcua.anhoa")
    _to_leader(cast, dossier, lambda i: days.at(2, 10 + i), "anhoa")
    act(
        dossier,
        days.at(3, 8),
        "return_back",
        cast["ld.anhoa"],
        reason="Ghi sai ngày sinh của trẻ so với giấy chứng sinh, đề nghị kiểm tra lại.",
    )
    act(dossier, days.at(4, 15), "forward", cast["cv.anhoa"], note="Đã sửa ngày sinh.")
    act(dossier, days.at(5, 9), "finish", cast["ld.anhoa"])
    act(dossier, days.at(5, 14), "return_result", cast["motcua.anhoa"])


def ready(cast: Cast, days: Days) -> None:
    """Signed yesterday; waiting at the desk for the parent."""
    dossier = walk_in(cast, days.at(-2, 14), "motcua.tanphu")
    _to_leader(cast, dossier, lambda i: days.at(-2, 14, 30 + 20 * i), "tanphu")
    act(dossier, days.at(-1, 9), "finish", cast["ld.tanphu"])


def apologised(cast: Cast, days: Days) -> None:
    """Received after the cut-off; the leader apologised and set a new date (still ahead);
    still processing."""
    dossier = online(cast, days.at(-4, 8), "099190001234")
    act(dossier, days.at(-4, 15, 30), "receive", cast["motcua.anhoa"])
    act(dossier, days.at(-4, 15, 45), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(-4, 16, 15),
        "apologize",
        cast["ld.anhoa"],
        reason="Cần xác minh nơi sinh với Trung tâm Y tế khu vực; xin lỗi ông/bà vì sự chậm trễ.",
        new_appointment_at=days.ahead(2, 16),
    )


def overdue_now(cast: Cast, days: Days) -> None:
    """With the specialist since last week: the step and the appointment are past."""
    dossier = walk_in(cast, days.at(-6, 9), "motcua.anhoa")
    act(dossier, days.at(-6, 9, 30), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")


def supplemented(cast: Cast, days: Days) -> None:
    """The specialist asked for the birth certificate; it came; back in processing."""
    dossier = online(cast, days.at(-5, 8), "099085004321")
    act(dossier, days.at(-5, 8, 30), "receive", cast["motcua.tanphu"])
    act(dossier, days.at(-5, 9), "forward", cast["motcua.tanphu"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(-5, 10),
        "request_supplement",
        cast["cv.tanphu"],
        missing="Giấy chứng sinh (bản chính)",
        reason="Chưa có giấy chứng sinh; tờ khai không đủ căn cứ xác định nơi sinh.",
    )
    act(dossier, days.at(-1, 8, 15), "supply", cast["099085004321"], note="Đã nộp bổ sung.")


def awaiting_supplement(cast: Cast, days: Days) -> None:
    """Waiting for the parents' marriage certificate."""
    dossier = walk_in(cast, days.at(-3, 10), "motcua.anhoa")
    act(dossier, days.at(-3, 10, 15), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(-3, 14),
        "request_supplement",
        cast["cv.anhoa"],
        missing="Giấy chứng nhận kết hôn của cha mẹ (bản sao)",
        reason="Cần xác định quan hệ cha con để ghi tên cha vào Giấy khai sinh.",
    )


def received(cast: Cast, days: Days) -> None:
    """Received at the desk yesterday afternoon, still at the first step."""
    walk_in(cast, days.at(-1, 15, 30), "motcua.tanphu")


def processing(cast: Cast, days: Days) -> None:
    """Online, received and with the leader for signature."""
    dossier = online(cast, days.at(-1, 8), "099190001234")
    act(dossier, days.at(-1, 9), "receive", cast["motcua.anhoa"])
    _to_leader(cast, dossier, lambda i: days.at(-1, 9, 30 + 20 * i), "anhoa")


def submitted(cast: Cast, days: Days) -> None:
    """Filed online yesterday evening, not yet received."""
    online(cast, days.at(-1, 19, 45), "099085004321")


def not_received(cast: Cast, days: Days) -> None:
    """Refused at intake: filed at the wrong commune."""
    dossier = online(cast, days.at(6, 20), "099190001234", agency=cast.tan_phu)
    act(
        dossier,
        days.at(7, 8, 30),
        "refuse",
        cast["motcua.tanphu"],
        reason="Trẻ sinh và cha mẹ cư trú tại phường An Hòa: đề nghị nộp tại phường An Hòa.",
    )


def stopped(cast: Cast, days: Days) -> None:
    """The leader stopped processing: the child was already registered elsewhere."""
    dossier = walk_in(cast, days.at(8, 9), "motcua.tanphu")
    act(dossier, days.at(8, 9, 30), "forward", cast["motcua.tanphu"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(8, 14),
        "stop",
        cast["ld.tanphu"],
        reason="Trẻ đã được đăng ký khai sinh tại phường An Hòa (tra cứu CSDL hộ tịch).",
    )


def withdrawn(cast: Cast, days: Days) -> None:
    """The mother withdrew her online filing while it was being processed; accepted."""
    dossier = online(cast, days.at(9, 8), "099190001234")
    act(dossier, days.at(9, 8, 30), "receive", cast["motcua.anhoa"])
    act(dossier, days.at(9, 9), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(9, 10),
        "withdraw",
        cast["099190001234"],
        reason="Gia đình sẽ đăng ký khai sinh tại nơi cư trú của cha.",
    )
    act(dossier, days.at(9, 11), "accept_withdrawal", cast["cv.anhoa"])


def withdrawal_requested(cast: Cast, days: Days) -> None:
    """The father asked to withdraw this morning; not yet accepted."""
    dossier = online(cast, days.at(-2, 8), "099085004321")
    act(dossier, days.at(-2, 9), "receive", cast["motcua.tanphu"])
    act(
        dossier,
        days.at(-1, 10),
        "withdraw",
        cast["099085004321"],
        reason="Cần bổ sung tên đệm của trẻ, sẽ nộp lại hồ sơ mới.",
    )


def other_communes_desk(cast: Cast, days: Days) -> None:
    """Filed at Phường An Hòa's desk for a child of Xã Tân Phú: processed and signed at Tân Phú,
    returned at An Hòa."""
    dossier = walk_in(cast, days.at(10, 9), "motcua.anhoa", competent=cast.tan_phu)
    act(dossier, days.at(10, 9, 30), "forward", cast["motcua.anhoa"], note="Chuyển xã Tân Phú.")
    # The papers travel on An Hòa's hand-over list; Tân Phú's clock starts when it is accepted.
    accept(cast, dossier, days.at(10, 11), "motcua.tanphu")
    _draft_and_submit(cast, dossier, days.at(10, 14), "cv.tanphu")
    act(dossier, days.at(10, 15, 30), "approve", cast["ld.tanphu"])
    act(dossier, days.at(10, 16), "finish", cast["ld.tanphu"])
    act(dossier, days.at(11, 9), "return_result", cast["motcua.anhoa"])


def handover_waiting(cast: Cast, days: Days) -> None:
    """Filed at Phường An Hòa's desk late yesterday for a child of Xã Tân Phú: on the hand-over
    list to Tân Phú, whose clerk has not yet accepted the papers."""
    dossier = walk_in(cast, days.at(-1, 15, 40), "motcua.anhoa", competent=cast.tan_phu)
    act(dossier, days.at(-1, 16), "forward", cast["motcua.anhoa"], note="Chuyển xã Tân Phú.")


def consulted(cast: Cast, days: Days) -> None:
    """The specialist asked Xã Tân Phú to confirm the father's residence; Tân Phú answered the
    next morning and the dossier went on to the leader."""
    dossier = online(cast, days.at(12, 8), "099190001234")
    act(dossier, days.at(12, 8, 30), "receive", cast["motcua.anhoa"])
    act(dossier, days.at(12, 9), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(dossier, days.at(12, 10), "consult", cast["cv.anhoa"], **_residence_question(cast))
    act(
        dossier,
        days.at(13, 8, 30),
        "answer",
        cast["cv.tanphu"],
        answer="Ông Nguyễn Văn Hùng cư trú tại thôn Đông, xã Tân Phú từ năm 2015; thông tin khớp.",
    )
    _draft_and_submit(cast, dossier, days.at(13, 10), "cv.anhoa")


def awaiting_opinion(cast: Cast, days: Days) -> None:
    """Asked Xã Tân Phú yesterday afternoon; the answer is still awaited, so the step waits."""
    dossier = walk_in(cast, days.at(-1, 14), "motcua.anhoa")
    act(dossier, days.at(-1, 14, 15), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(dossier, days.at(-1, 16), "consult", cast["cv.anhoa"], **_residence_question(cast))


def _residence_question(cast: Cast) -> dict:
    return {
        "unit": cast.tan_phu,
        "question": "Đề nghị xác nhận nơi cư trú của người cha (thôn Đông, xã Tân Phú).",
    }


def transferred(cast: Cast, days: Days) -> None:
    """Liên thông: with Công an tỉnh for the child's permanent residence since yesterday."""
    dossier = online(cast, days.at(-1, 8, 15), "099190001234")
    act(dossier, days.at(-1, 8, 45), "receive", cast["motcua.anhoa"])
    act(dossier, days.at(-1, 9), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(dossier, days.at(-1, 10), "transfer", cast["cv.anhoa"], **_residence_transfer(cast))


def transferred_back(cast: Cast, days: Days) -> None:
    """Liên thông done: Công an tỉnh registered the child's residence and sent it back; the
    result was approved and returned."""
    dossier = online(cast, days.at(14, 8), "099190001234")
    act(dossier, days.at(14, 8, 30), "receive", cast["motcua.anhoa"])
    act(dossier, days.at(14, 9), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    act(dossier, days.at(14, 9, 30), "transfer", cast["cv.anhoa"], **_residence_transfer(cast))
    act(
        dossier,
        days.at(15, 10),
        "transfer_back",
        cast["cv.congan"],
        outcome="Đã đăng ký thường trú cho trẻ tại địa chỉ của mẹ; cập nhật CSDL về cư trú.",
    )
    _draft_and_submit(cast, dossier, days.at(15, 14), "cv.anhoa")
    act(dossier, days.at(15, 15), "approve", cast["ld.anhoa"])
    act(dossier, days.at(15, 15, 30), "finish", cast["ld.anhoa"])
    act(dossier, days.at(16, 9), "return_result", cast["motcua.anhoa"])


def _residence_transfer(cast: Cast) -> dict:
    return {
        "to_agency": agency_by_code(POLICE),
        "reason": "Liên thông đăng ký thường trú cho trẻ sau khi đăng ký khai sinh.",
        "allowance_hours": Decimal(16),
    }


def awaiting_payment(cast: Cast, days: Days) -> None:
    """Two extra copies of the birth extract asked for: waiting for the copy fee."""
    dossier = online(cast, days.at(-2, 8, 30), "099085004321", copies=2)
    act(dossier, days.at(-2, 9), "receive", cast["motcua.tanphu"])
    act(dossier, days.at(-2, 9, 30), "forward", cast["motcua.tanphu"], note="Chuyển xử lý.")
    act(
        dossier,
        days.at(-2, 10),
        "request_payment",
        cast["cv.tanphu"],
        amount=16_000,
        reason="Phí cấp 02 bản sao trích lục khai sinh (8.000 đồng/bản).",
    )


def delegation(cast: Cast, days: Days) -> None:
    """The An Hòa specialist is on leave from yesterday to next week; the desk officer stands
    in, and drafted yesterday's walk-in for him ("làm thay" in the history)."""
    with clock.frozen(days.at(-1, 7)):
        delegate(
            actor=cast["ld.anhoa"],
            principal=cast["cv.anhoa"],
            substitute=cast["motcua.anhoa"],
            starts_at=days.at(-1, 7),
            ends_at=days.ahead(5, 17),
            reason="Nghỉ phép năm.",
        )
    dossier = walk_in(cast, days.at(-1, 9, 10), "motcua.anhoa")
    act(dossier, days.at(-1, 9, 20), "forward", cast["motcua.anhoa"], note="Chuyển xử lý.")
    _draft_and_submit(cast, dossier, days.at(-1, 10, 30), "motcua.anhoa")


def accept(cast: Cast, dossier: Dossier, moment: datetime, clerk: str) -> None:
    """The receiving unit's officer accepts the hand-over list the dossier is on."""
    batch = dossier.step_records.exclude(batch=None).latest("pk").batch
    with clock.frozen(moment):
        services.accept_batch(user=cast[clerk], batch=batch)


STORIES = [
    returned_early,
    returned_on_time,
    returned_late,
    not_received,
    stopped,
    withdrawn,
    other_communes_desk,
    consulted,
    transferred_back,
    overdue_now,
    supplemented,
    apologised,
    awaiting_supplement,
    withdrawal_requested,
    ready,
    received,
    processing,
    submitted,
    delegation,
    transferred,
    awaiting_opinion,
    awaiting_payment,
    handover_waiting,
]
