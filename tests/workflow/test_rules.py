"""The rules a process must meet to be published: each finding names its step, in Vietnamese.

Pure: contents are built in memory and units are unsaved agencies with a tree path.
"""

from decimal import Decimal

import pytest

from motcua.agencies.models import Agency
from motcua.workflow.content import ConsultationContent, ProcessContent
from motcua.workflow.rules import check_content, legal_hours
from tests.workflow.builders import birth_content, step

COMMUNE = Agency(code="000.00.31.H99", name="UBND xã An Phú", kind="commune", path="/01/03/")
DESK = Agency(code="000.01.31.H99", name="Bộ phận Một cửa", kind="one_stop_desk", path="/01/03/05/")
OTHER = Agency(code="000.02.32.H99", name="Phòng Văn hóa", kind="division", path="/01/04/06/")
CENTRE = Agency(
    code="000.00.80.H99", name="Trung tâm Phục vụ HCC", kind="service_centre", path="/01/08/"
)


def _errors(content: ProcessContent, *, agency=None, legal=Decimal(8)) -> list[str]:
    return [str(error) for error in check_content(content, agency=agency, legal_hours=legal).errors]


def _four(**changes) -> ProcessContent:
    """The sample's four steps, with some fields of some steps changed: {key: {field: value}}."""
    content = birth_content()
    for item in content.steps:
        for name, value in changes.get(item.key, {}).items():
            setattr(item, name, value)
    return content


def test_the_sample_process_is_valid_and_fits_one_working_day():
    check = check_content(birth_content(), agency=None, legal_hours=Decimal(8))
    assert check.ok, [str(error) for error in check.errors]
    assert check.warnings == []


def test_a_process_needs_steps():
    assert _errors(ProcessContent()) == ["Quy trình chưa có bước nào."]


def test_a_missing_role_names_the_step():
    errors = _errors(_four(xu_ly={"role": "", "name": "Thẩm định", "key": "tham_dinh"}))
    assert errors == ["Bước «Thẩm định» (tham_dinh): chưa có vai trò xử lý."]


def test_roles_must_exist_and_handle_dossiers():
    assert _errors(_four(xu_ly={"role": "mayor"})) == [
        "Bước «Xử lý hồ sơ» (xu_ly): không có vai trò «mayor»."
    ]
    assert _errors(_four(xu_ly={"role": "system_admin"})) == [
        "Bước «Xử lý hồ sơ» (xu_ly): vai trò «Quản trị hệ thống» không xử lý hồ sơ."
    ]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (None, "chưa có thời gian xử lý."),
        (Decimal(0), "thời gian xử lý phải lớn hơn 0 giờ."),
        (Decimal(-1), "thời gian xử lý phải lớn hơn 0 giờ."),
    ],
)
def test_every_step_needs_a_positive_allowance(hours, message):
    errors = _errors(_four(phe_duyet={"allowance_hours": hours}))
    assert errors == [f"Bước «Phê duyệt kết quả» (phe_duyet): {message}"]


def test_an_unreachable_step_is_named():
    content = _four(tiep_nhan={"next_steps": ["phe_duyet"]})
    assert _errors(content) == ["Bước «Xử lý hồ sơ» (xu_ly): không đi tới được từ bước đầu tiên."]


def test_a_dead_end_is_named():
    content = _four(tra_ket_qua={"is_end": False, "actions": ["forward"]})
    assert _errors(content) == ["Quy trình chưa có bước trả kết quả (is_end)."]
    # A side branch from intake that never reaches the return step.
    content = _four(tiep_nhan={"next_steps": ["xu_ly", "kiem_tra"]})
    content.steps += [step("kiem_tra", "Kiểm tra thực tế"), step("luu", "Lưu hồ sơ")]
    assert _errors(content) == [
        "Bước «Kiểm tra thực tế» (kiem_tra): từ bước này không đi tới được bước trả kết quả.",
        "Bước «Lưu hồ sơ» (luu): không có bước tiếp theo mà không phải bước trả kết quả.",
    ]


def test_forward_edges_go_to_known_later_steps():
    content = _four(xu_ly={"next_steps": ["ky_so", "phe_duyet"]})
    assert _errors(content) == ["Bước «Xử lý hồ sơ» (xu_ly): không có bước «ky_so»."]
    # Going back is `return_back`, not an edge: the step is then a dead end.
    content = _four(phe_duyet={"next_steps": ["xu_ly"]})
    assert _errors(content) == [
        "Bước «Phê duyệt kết quả» (phe_duyet): chỉ chuyển tiếp tới bước đứng sau; «Xử lý hồ sơ» "
        "(xu_ly) không đứng sau bước này (trả lại bước trước dùng return_back).",
        "Bước «Trả kết quả» (tra_ket_qua): không đi tới được từ bước đầu tiên.",
        "Bước «Tiếp nhận hồ sơ» (tiep_nhan): từ bước này không đi tới được bước trả kết quả.",
        "Bước «Xử lý hồ sơ» (xu_ly): từ bước này không đi tới được bước trả kết quả.",
        "Bước «Phê duyệt kết quả» (phe_duyet): không có bước tiếp theo mà không phải bước trả kết "
        "quả.",
    ]


def test_an_end_step_goes_nowhere_and_returns_the_result():
    content = _four(tra_ket_qua={"next_steps": ["tiep_nhan"], "actions": ["forward"]})
    assert _errors(content) == [
        "Bước «Trả kết quả» (tra_ket_qua): bước trả kết quả phải cho phép trả kết quả "
        "(return_result).",
        "Bước «Trả kết quả» (tra_ket_qua): bước trả kết quả không chuyển tới bước nào.",
    ]


def test_unknown_and_foreign_actions_are_named():
    content = _four(xu_ly={"actions": ["forward", "stamp", "withdraw", "issue", "forward"]})
    assert _errors(content) == [
        "Bước «Xử lý hồ sơ» (xu_ly): không có thao tác «stamp».",
        "Bước «Xử lý hồ sơ» (xu_ly): «withdraw», «issue» không phải thao tác của bước: công dân, "
        "đơn vị được xin ý kiến, người ký hoặc văn thư thực hiện.",
        "Bước «Xử lý hồ sơ» (xu_ly): một thao tác được ghi hai lần.",
    ]


def test_intake_receives_and_every_other_step_can_move_the_dossier_on():
    content = _four(tiep_nhan={"actions": ["forward"]}, xu_ly={"actions": ["attach_result"]})
    assert _errors(content) == [
        "Bước «Tiếp nhận hồ sơ» (tiep_nhan): bước đầu tiên phải cho phép tiếp nhận hồ sơ "
        "(receive).",
        "Bước «Xử lý hồ sơ» (xu_ly): chưa cho phép chuyển hồ sơ sang bước sau (forward hoặc "
        "finish).",
    ]


def test_keys_are_unique_snake_case_and_steps_are_named():
    errors = _errors(_four(phe_duyet={"key": "xu_ly"}, tra_ket_qua={"key": "tra-kq"}))
    assert "Bước «Phê duyệt kết quả» (xu_ly): mã bước đã dùng cho bước «Xử lý hồ sơ»." in errors
    assert (
        "Bước «Trả kết quả» (tra-kq): mã bước viết chữ thường không dấu, nối bằng dấu gạch dưới, "
        "ví dụ tham_dinh." in errors
    )
    assert _errors(_four(xu_ly={"name": ""})) == ["Bước xu_ly: chưa có tên bước."]


def test_the_longest_path_must_fit_the_legal_time():
    assert _errors(birth_content(), legal=Decimal(8)) == []
    errors = _errors(_four(xu_ly={"allowance_hours": Decimal("4.5")}), legal=Decimal(8))
    assert errors == [
        "Tổng thời gian theo nhánh dài nhất (Tiếp nhận hồ sơ (tiep_nhan) → Xử lý hồ sơ (xu_ly) → "
        "Phê duyệt kết quả (phe_duyet) → Trả kết quả (tra_ket_qua)) là 8,5 giờ, vượt thời hạn "
        "giải quyết 8 giờ làm việc."
    ]


def test_parallel_branches_count_only_the_longest():
    # tiếp nhận (1) → xử lý (4) or xử lý rút gọn (6) → phê duyệt (2) → trả (1): 10 hours at most.
    content = _four(tiep_nhan={"next_steps": ["xu_ly", "xu_ly_rut_gon"]})
    content.steps[1].next_steps = ["phe_duyet"]
    content.steps.insert(2, step("xu_ly_rut_gon", "Xử lý rút gọn", allowance_hours=Decimal(6)))
    assert _errors(content, legal=Decimal(10)) == []
    assert _errors(content, legal=Decimal(9)) == [
        "Tổng thời gian theo nhánh dài nhất (Tiếp nhận hồ sơ (tiep_nhan) → Xử lý rút gọn "
        "(xu_ly_rut_gon) → Phê duyệt kết quả (phe_duyet) → Trả kết quả (tra_ket_qua)) là 10 giờ, "
        "vượt thời hạn giải quyết 9 giờ làm việc."
    ]


def test_consultations_run_inside_their_step():
    content = _four(
        xu_ly={
            "actions": ["consult", "forward"],
            "consultations": [
                _consultation("Xin ý kiến Công an xã", Decimal(3)),
                _consultation("Xin ý kiến Phòng Văn hóa", Decimal(5)),
                _consultation("", None),
            ],
        }
    )
    assert _errors(content) == [
        "Bước «Xử lý hồ sơ» (xu_ly): ý kiến «Xin ý kiến Phòng Văn hóa» cần 5 giờ, dài hơn thời "
        "gian của bước (4 giờ).",
        "Bước «Xử lý hồ sơ» (xu_ly): ý kiến thứ 3 chưa có nội dung.",
        "Bước «Xử lý hồ sơ» (xu_ly): ý kiến «thứ 3» phải có thời gian trả lời lớn hơn 0 giờ.",
    ]
    # Within their step, consultations add nothing to the total time.
    content.steps[1].consultations = content.steps[1].consultations[:1]
    assert _errors(content) == []
    content.steps[1].actions = ["forward"]
    assert _errors(content) == [
        "Bước «Xử lý hồ sơ» (xu_ly): có xin ý kiến nhưng chưa cho phép thao tác consult."
    ]


def _consultation(name: str, hours: Decimal | None) -> ConsultationContent:
    return ConsultationContent(name=name, allowance_hours=hours)


def test_an_agency_process_names_units_of_that_agency():
    content = birth_content(tiep_nhan=DESK, xu_ly=COMMUNE, phe_duyet=OTHER)
    assert _errors(content, agency=COMMUNE) == [
        "Bước «Phê duyệt kết quả» (phe_duyet): đơn vị «Phòng Văn hóa» không thuộc UBND xã An Phú.",
        "Bước «Trả kết quả» (tra_ket_qua): chưa chọn đơn vị xử lý.",
    ]
    # The default process leaves units to each agency.
    assert _errors(birth_content(), agency=None) == []


def test_the_service_centre_may_receive_and_return_for_an_agency():
    content = birth_content(tiep_nhan=CENTRE, xu_ly=COMMUNE, phe_duyet=COMMUNE, tra_ket_qua=CENTRE)
    assert _errors(content, agency=COMMUNE) == []
    content.steps[1].unit = CENTRE
    assert _errors(content, agency=COMMUNE) == [
        "Bước «Xử lý hồ sơ» (xu_ly): đơn vị «Trung tâm Phục vụ HCC» không thuộc UBND xã An Phú."
    ]


def test_consultations_of_an_agency_process_name_who_is_asked():
    content = birth_content(tiep_nhan=DESK, xu_ly=COMMUNE, phe_duyet=COMMUNE, tra_ket_qua=DESK)
    content.steps[1].actions = ["consult", "forward"]
    content.steps[1].consultations = [_consultation("Xin ý kiến Công an", Decimal(2))]
    assert _errors(content, agency=COMMUNE) == [
        "Bước «Xử lý hồ sơ» (xu_ly): ý kiến «Xin ý kiến Công an» chưa chọn cơ quan, đơn vị được "
        "hỏi."
    ]
    content.steps[1].consultations[0].unit = OTHER  # another agency may be consulted
    assert _errors(content, agency=COMMUNE) == []


def test_an_unknown_legal_time_is_a_warning_not_an_error():
    check = check_content(
        _four(xu_ly={"allowance_hours": Decimal(40)}), agency=None, legal_hours=None
    )
    assert check.ok
    assert [str(warning) for warning in check.warnings] == [
        "Thủ tục chưa có thời hạn giải quyết: chưa kiểm tra được tổng thời gian của quy trình."
    ]


@pytest.mark.parametrize(
    ("amount", "unit", "hours"),
    [
        (Decimal(1), "day", Decimal(8)),
        (Decimal("1.5"), "day", Decimal(12)),
        (Decimal(4), "hour", Decimal(4)),
        (Decimal(3), "calendar_day", Decimal(24)),
        (None, "day", None),
    ],
)
def test_legal_time_in_working_hours(amount, unit, hours):
    assert legal_hours(amount, unit) == hours
