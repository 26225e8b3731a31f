"""The process format: import all or nothing and idempotent, export, round trip, commands."""

import copy
import json
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.models import VersionStatus
from motcua.workflow import services
from motcua.workflow.content import content_of
from motcua.workflow.exporter import export_process
from motcua.workflow.importer import import_process
from motcua.workflow.models import Process, ProcessVersion
from motcua.workflow.selectors import process_for, process_version_for
from tests.workflow.builders import document, sample

pytestmark = pytest.mark.django_db


def _imported(data) -> ProcessVersion:
    report = import_process(data)
    assert report.ok, [str(rejection) for rejection in report.rejected]
    return ProcessVersion.objects.get(process__procedure__code=data["procedure"], number=1)


def _rejections(data) -> list[str]:
    report = import_process(data)
    assert not report.ok
    assert not Process.objects.exists()
    return [str(rejection) for rejection in report.rejected]


def test_the_sample_imports_as_the_default_process(birth, today):
    report = import_process(sample())
    assert (report.outcome, report.version, report.procedure, report.agency) == (
        "created",
        1,
        "1.001193",
        None,
    )
    assert report.warnings == []
    version = process_version_for(procedure=birth, agency=None)
    assert version.status == VersionStatus.PUBLISHED
    assert version.valid_from == today
    steps = list(version.steps.order_by("position"))
    assert [(s.key, s.role, s.allowance_hours, s.is_end) for s in steps] == [
        ("tiep_nhan", "counter_officer", Decimal(1), False),
        ("xu_ly", "specialist", Decimal(4), False),
        ("phe_duyet", "leader", Decimal(2), False),
        ("tra_ket_qua", "counter_officer", Decimal(1), True),
    ]


def test_importing_the_same_document_twice_changes_nothing(birth, today):
    _imported(sample())
    report = import_process(sample())
    assert (report.ok, report.outcome, report.version) == (True, "unchanged", 1)
    assert ProcessVersion.objects.count() == 1
    # Equal numbers written differently are no change either.
    data = sample()
    data["steps"][1]["allowance_hours"] = "4.00"
    assert import_process(data).outcome == "unchanged"


def test_a_change_publishes_a_new_version_from_its_date(birth, today):
    first = _imported(sample())
    data = document(valid_from=(today + timedelta(days=7)).isoformat())
    data["steps"][1]["allowance_hours"] = 3.5
    report = import_process(data)
    assert (report.outcome, report.version) == ("updated", 2)
    assert process_version_for(procedure=birth, agency=None) == first
    later = process_version_for(procedure=birth, agency=None, on=today + timedelta(days=7))
    assert later.number == 2
    assert later.steps.get(key="xu_ly").allowance_hours == Decimal("3.5")
    data["valid_from"] = today.isoformat()
    data["steps"][1]["allowance_hours"] = 3
    assert [str(r) for r in import_process(data).rejected] == [
        "Ngày áp dụng không được trước ngày 09/03/2026, ngày phiên bản 2 bắt đầu áp dụng."
    ]


def test_rejections_name_the_step_and_nothing_is_written(birth, today):
    data = sample()
    data["steps"][1]["role"] = ""
    data["steps"][2]["allowance_hours"] = 0
    data["steps"][2]["actions"].append("stamp")
    assert _rejections(data) == [
        "Bước «Xử lý hồ sơ» (xu_ly): chưa có vai trò xử lý.",
        "Bước «Phê duyệt kết quả» (phe_duyet): thời gian xử lý phải lớn hơn 0 giờ.",
        "Bước «Phê duyệt kết quả» (phe_duyet): không có thao tác «stamp».",
    ]


def test_the_shape_and_the_codes_are_checked_first(birth, today):
    data = document(agency="000.99.99.H99", colour="xanh")
    data["steps"][0]["unit"] = "000.98.99.H99"
    data["steps"][1]["allowance_hours"] = "bốn"
    data["steps"][2]["is_end"] = "có"
    data["steps"][3]["consultations"] = [{"name": "Hỏi", "unit": 7, "allowance_hours": 1.234}]
    data["steps"].append({"name": "Không mã"})
    assert _rejections(data) == [
        "Khóa «colour» không có trong định dạng.",
        "Không tìm thấy cơ quan, đơn vị có mã 000.99.99.H99.",
        "Bước «Tiếp nhận hồ sơ» (tiep_nhan): Không tìm thấy cơ quan, đơn vị có mã 000.98.99.H99.",
        "Bước «Xử lý hồ sơ» (xu_ly): «allowance_hours» phải là số giờ, tối đa hai chữ số thập "
        "phân, ví dụ 4 hoặc 1.5.",
        "Bước «Phê duyệt kết quả» (phe_duyet): «is_end» phải là true hoặc false.",
        "Bước «Trả kết quả» (tra_ket_qua): Ghi mã định danh của cơ quan, đơn vị hoặc null.",
        "Bước «Trả kết quả» (tra_ket_qua): «allowance_hours» phải là số giờ, tối đa hai chữ số "
        "thập phân, ví dụ 4 hoặc 1.5.",
        "Bước «Không mã» (#5): Mỗi bước phải có «key» và «name» là chuỗi.",
    ]
    assert _rejections({"procedure": "1.009999", "steps": []}) == [
        "Không tìm thấy thủ tục hành chính có mã 1.009999."
    ]
    assert _rejections([]) == ["Tệp phải là một đối tượng JSON mô tả một quy trình."]


def test_an_agency_process_is_imported_with_its_units(birth, tree, today):
    data = document(agency=tree.commune_a.code)
    for entry, unit in zip(
        data["steps"],
        (tree.commune_a_desk, tree.commune_a_division, tree.commune_a, tree.commune_a_desk),
        strict=True,
    ):
        entry["unit"] = unit.code
    _imported(data)
    version = process_version_for(procedure=birth, agency=tree.commune_a)
    assert version.process.agency == tree.commune_a
    assert version.steps.get(key="xu_ly").unit == tree.commune_a_division
    data["steps"][1]["unit"] = tree.division_1.code
    assert [str(r) for r in import_process(data).rejected] == [
        "Bước «Xử lý hồ sơ» (xu_ly): đơn vị «Phòng Hành chính tư pháp» không thuộc UBND xã An Phú."
    ]
    desk = document(agency=tree.commune_a_desk.code)
    assert "không thuộc phòng hay bộ phận" in str(import_process(desk).rejected[0])


def test_an_open_draft_blocks_an_import_that_changes_the_process(birth, today):
    _imported(sample())
    services.create_draft(process=process_for(procedure=birth, agency=None))
    data = sample()
    data["steps"][1]["allowance_hours"] = 3
    assert [str(r) for r in import_process(data).rejected] == [
        "Quy trình đang có bản nháp (phiên bản 2): công bố hoặc xóa bản nháp đó trước khi nhập."
    ]
    assert import_process(sample()).outcome == "unchanged"


def test_dry_run_reports_and_writes_nothing(birth, today):
    report = import_process(sample(), dry_run=True)
    assert (report.ok, report.outcome, report.version, report.dry_run) == (True, "created", 1, True)
    assert not Process.objects.exists()


def test_json_round_trip(birth, tree, today):
    data = document(valid_from=(today + timedelta(days=3)).isoformat())
    data["steps"][0]["next_steps"] = ["xu_ly", "xu_ly_rut_gon"]
    data["steps"][1]["next_steps"] = ["phe_duyet"]
    data["steps"][1]["actions"].append("consult")
    data["steps"][1]["allowance_hours"] = 3.5
    data["steps"][1]["paper_handover"] = True
    data["steps"][1]["consultations"] = [
        {"name": "Xin ý kiến Sở Tư pháp", "unit": tree.department.code, "allowance_hours": 2},
        {"name": "Xin ý kiến Công an xã", "unit": None, "allowance_hours": 1.5},
    ]
    rut_gon = copy.deepcopy(data["steps"][1])
    rut_gon |= {"key": "xu_ly_rut_gon", "name": "Xử lý rút gọn", "consultations": []}
    data["steps"].insert(2, rut_gon)
    _imported(data)
    exported = export_process(procedure=birth, agency=None)
    assert exported.pop("_comment")
    del data["_comment"]
    assert exported == data
    assert import_process(exported).outcome == "unchanged"


def test_commands_import_and_export(birth, tree, today, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(sample(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.json"
    call_command("import_process", str(source), stdout=(stdout := StringIO()))
    assert "Tạo mới: 1.001193 — mặc định toàn tỉnh, phiên bản 1" in stdout.getvalue()
    call_command("export_process", "1.001193", str(out), stdout=(stdout := StringIO()))
    assert "Đã xuất 4 bước" in stdout.getvalue()
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [entry["key"] for entry in written["steps"]] == [
        "tiep_nhan",
        "xu_ly",
        "phe_duyet",
        "tra_ket_qua",
    ]
    call_command("import_process", str(out), stdout=(stdout := StringIO()))
    assert "Không đổi" in stdout.getvalue()
    with pytest.raises(CommandError, match="chưa có quy trình đã công bố"):
        call_command("export_process", "1.001193", str(out), "--agency", tree.commune_a.code)
    broken = sample()
    broken["steps"][0]["role"] = ""
    source.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_process", str(source), stdout=StringIO(), stderr=StringIO())
    assert content_of(ProcessVersion.objects.get()).steps[0].role == "counter_officer"
