"""The process drawn as SVG: well-formed, every step named, texts escaped."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from motcua.agencies.models import Agency
from motcua.workflow import services
from motcua.workflow.content import ConsultationContent
from motcua.workflow.diagram import draw_process, version_diagram
from tests.workflow.builders import birth_content, step

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return [element.text for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_the_drawing_is_well_formed_and_names_every_step_with_its_details():
    content = birth_content(tiep_nhan=Agency(name="Bộ phận Một cửa xã An Phú", short_name=""))
    content.steps[1].actions.append("consult")
    content.steps[1].consultations = [
        ConsultationContent(name="Công an xã", allowance_hours=Decimal("1.5"))
    ]
    svg = draw_process(content, title="1.001193 — mặc định toàn tỉnh", is_default=True)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "1.001193 — mặc định toàn tỉnh"
    texts = _texts(svg)
    for name in ("Tiếp nhận hồ sơ", "Xử lý hồ sơ", "Phê duyệt kết quả", "Trả kết quả"):
        assert name in texts
    assert "Bộ phận Một cửa xã An Phú" in texts
    assert "Đơn vị của cơ quan giải quyết" in texts
    assert {"Cán bộ Bộ phận Một cửa", "Chuyên viên", "Lãnh đạo"} <= set(texts)
    assert {"1 giờ làm việc", "4 giờ làm việc", "2 giờ làm việc"} <= set(texts)
    assert "Xin ý kiến: Công an xã" in texts
    assert "1,5 giờ làm việc" in texts
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-key") for g in groups if g.get("class") == "step"] == [
        "tiep_nhan",
        "xu_ly",
        "phe_duyet",
        "tra_ket_qua",
    ]
    consultation = next(g for g in groups if g.get("class") == "consultation")
    assert all(shape.get("stroke-dasharray") for shape in consultation if shape.tag != f"{SVG}text")
    assert len(root.findall(f"{SVG}path[@class='edge']")) == 3


def test_branches_stand_side_by_side_and_each_edge_is_an_arrow():
    content = birth_content()
    content.steps[0].next_steps = ["xu_ly", "xu_ly_rut_gon"]
    content.steps[1].next_steps = ["phe_duyet"]
    content.steps.insert(2, step("xu_ly_rut_gon", "Xử lý rút gọn"))
    root = ET.fromstring(draw_process(content, title="nhánh", is_default=False))
    edges = root.findall(f"{SVG}path[@class='edge']")
    assert len(edges) == 5
    assert all(edge.get("marker-end") == "url(#arrow)" for edge in edges)
    boxes = {
        g.get("data-key"): g.find(f"{SVG}rect") for g in root.findall(f"{SVG}g[@class='step']")
    }
    assert boxes["xu_ly"].get("x") == boxes["xu_ly_rut_gon"].get("x")
    assert boxes["xu_ly"].get("y") != boxes["xu_ly_rut_gon"].get("y")
    assert "Chưa chọn đơn vị" in _texts(ET.tostring(root, encoding="unicode"))


def test_texts_are_escaped_and_stripped_of_what_xml_cannot_hold():
    content = birth_content()
    content.steps[1].name = 'Thẩm định <script>alert("x")</script> & ký\x07'
    svg = draw_process(content, title="<b>tiêu đề</b>", is_default=True)
    assert "<script>" not in svg
    assert "<b>" not in svg
    texts = _texts(svg)
    assert any("<script>" in text for text in texts)  # shown as text, not markup
    assert ET.fromstring(svg).find(f"{SVG}title").text == "<b>tiêu đề</b>"


def test_an_incomplete_draft_is_drawn_too():
    content = birth_content()
    content.steps[1].role = ""
    content.steps[1].allowance_hours = None
    content.steps[2].next_steps = ["khong_co"]
    texts = _texts(draw_process(content, title="nháp", is_default=True))
    assert {"Chưa có vai trò", "Chưa có thời gian"} <= set(texts)
    assert ET.fromstring(draw_process(birth_content().__class__(), title="", is_default=True))


@pytest.mark.django_db
def test_a_stored_version_is_drawn(birth):
    process = services.create_process(procedure=birth)
    draft = services.create_draft(process=process, content=birth_content())
    svg = version_diagram(draft)
    assert "Phê duyệt kết quả" in _texts(svg)
    assert ET.fromstring(svg).find(f"{SVG}title").text == f"{process} v1"
