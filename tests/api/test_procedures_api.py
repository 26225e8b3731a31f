"""`GET /api/v1/procedures` and `/api/v1/procedures/<code>`: the public catalogue."""

from datetime import date, datetime, time

import pytest

from motcua.catalog import services
from motcua.catalog.selectors import procedure_by_code
from motcua.core import clock
from tests.catalog.builders import birth_registration, imported, procedure
from tests.factories import province_tree

pytestmark = pytest.mark.django_db

LIST = "/api/v1/procedures"


@pytest.fixture
def today():
    day = date(2026, 3, 2)
    with clock.frozen(datetime.combine(day, time(9), tzinfo=clock.VN_TZ)):
        yield day


@pytest.fixture
def catalogue(today):
    tree = province_tree()
    imported(
        birth_registration(DonViThucHien=[tree.commune_a_desk.code, tree.commune_b.code]),
        procedure("1.004884", "Đăng ký lại khai sinh", DonViThucHien=[tree.commune_b.code]),
        procedure(
            "2.000986",
            "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ "
            "bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        ),
        procedure(
            "2.001610",
            "Đăng ký thành lập doanh nghiệp tư nhân",
            LinhVuc={"Ma": "G09-KH01", "Ten": "Thành lập và hoạt động của doanh nghiệp"},
            CapThucHien=["province"],
            ThoiHanGiaiQuyet={"SoLuong": 0.5, "DonVi": "day"},
            DonViThucHien=[tree.department.code],
        ),
    )
    return tree


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["code"] for item in response.json()["results"]]


@pytest.mark.sqlite_smoke
def test_the_list_is_public_and_ordered_by_code(client, catalogue):
    response = client.get(LIST, headers={"authorization": "Token not-a-token"})
    assert _codes(response) == ["1.001193", "1.004884", "2.000986", "2.001610"]
    body = response.json()
    assert body["count"] == 4
    assert body["results"][0] == {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "aliases": ["làm giấy khai sinh"],
        "field": {"code": "G15-TP07", "name": "Hộ tịch"},
        "levels": ["commune"],
        "implementing_body": "Ủy ban nhân dân cấp xã",
        "online_mode": "partial",
        "processing_time": {"amount": 1, "unit": "day", "cutoff": "15:00", "note": "01 ngày"},
        "fees": [
            {
                "kind": "le_phi",
                "name": "Lệ phí đăng ký khai sinh",
                "amount": 0,
                "online_amount": None,
            },
            {
                "kind": "le_phi",
                "name": "Lệ phí đăng ký khai sinh quá hạn",
                "amount": 10000,
                "online_amount": 5000,
            },
            {"kind": "phi", "name": "Phí cấp bản sao", "amount": 8000, "online_amount": None},
        ],
    }
    assert body["results"][3]["processing_time"]["amount"] == 0.5


def test_a_query_ranks_by_relevance(client, catalogue):
    assert _codes(client.get(LIST, {"q": "dang ky khai sinh"})) == [
        "1.001193",
        "1.004884",
        "2.000986",
        "2.001610",
    ]
    assert _codes(client.get(LIST, {"q": "tôi muốn làm giấy khai sinh"}))[0] == "1.001193"
    assert client.get(LIST, {"q": "xyzzy"}).json() == {"count": 0, "results": []}


def test_filters_by_agency_field_and_level(client, catalogue):
    tree = catalogue
    assert _codes(client.get(LIST, {"agency": tree.commune_b.code})) == ["1.001193", "1.004884"]
    # A commune's procedures include those of its one-stop desk.
    assert _codes(client.get(LIST, {"agency": tree.commune_a.code})) == ["1.001193"]
    assert _codes(client.get(LIST, {"agency": tree.commune_a_desk.code})) == ["1.001193"]
    assert _codes(client.get(LIST, {"field": "G09-KH01"})) == ["2.001610"]
    assert _codes(client.get(LIST, {"field": "ho tich", "q": "thanh lap"})) == []
    assert _codes(client.get(LIST, {"level": "province"})) == ["2.001610"]
    assert _codes(client.get(LIST, {"level": "commune", "q": "khai sinh", "page_size": 1})) == [
        "1.001193"
    ]


def test_pages(client, catalogue):
    response = client.get(LIST, {"page": 2, "page_size": 3})
    assert _codes(response) == ["2.001610"]
    assert response.json()["count"] == 4
    assert client.get(LIST, {"page": 9}).json() == {"count": 4, "results": []}
    assert _codes(client.get(LIST, {"q": "khai sinh", "page": 2, "page_size": 1})) == ["1.004884"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"page_size": 101}, "page_size", "từ 1 đến 100"),
        ({"page_size": 0}, "page_size", "từ 1 đến 100"),
        ({"page": 0}, "page", "Nhập số trang"),
        ({"page": "hai"}, "page", "Nhập số trang"),
        ({"level": "ward"}, "level", "province, district hoặc commune"),
        ({"q": "x" * 201}, "q", "không quá 200 ký tự"),
    ],
)
def test_bad_parameters_answer_400_in_the_error_shape(client, catalogue, params, field, message):
    response = client.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "Dữ liệu chưa hợp lệ, vui lòng xem lỗi ở từng trường."
    assert list(body["fields"]) == [field]
    assert message in body["fields"][field][0]


def test_an_unknown_agency_is_a_bad_request(client, catalogue):
    response = client.get(LIST, {"agency": "000.00.99.H99"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_agency"
    assert "000.00.99.H99" in response.json()["message"]


def test_the_list_costs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    for params in ({}, {"q": "dang ky kahi sinh cho con"}, {"agency": catalogue.commune_b.code}):
        with django_assert_max_num_queries(6):
            assert client.get(LIST, params).status_code == 200


def test_the_detail_is_the_whole_version_in_force(client, catalogue, today):
    body = client.get(f"{LIST}/1.001193").json()
    assert body["code"] == "1.001193"
    assert (body["version"], body["valid_from"]) == (1, today.isoformat())
    assert body["fees"][1] == {
        "kind": "le_phi",
        "name": "Lệ phí đăng ký khai sinh quá hạn",
        "amount": 10000,
        "online_amount": 5000,
        "basis": "ho_so",
        "case": "đăng ký khai sinh quá hạn",
        "exemptions": ["Người thuộc hộ nghèo"],
        "note": "",
    }
    assert body["components"][1] == {
        "code": "",
        "name": "Giấy chứng sinh",
        "originals": 1,
        "certified_copies": None,
        "copies": None,
        "required": False,
        "template": "",
        "note": "",
    }
    assert [field["key"] for field in body["form_fields"]] == [
        "ho_ten_tre",
        "ngay_sinh",
        "gioi_tinh",
    ]
    assert body["form_fields"][2]["choices"] == ["Nam", "Nữ"]
    assert body["result"] == {"name": "Giấy khai sinh", "electronic": True}
    assert body["legal_basis"] == ["Luật Hộ tịch 2014"]
    assert body["published_by"] == "Quyết định 1/2025/QĐ-BTP"
    assert body["legal_effective_date"] == "2016-01-01"
    assert (body["verified"], body["source"], body["notes"]) == (False, "Kiểm thử", "")
    assert body["agencies"] == [
        {"code": "000.00.32.H99", "name": "UBND phường Bình Minh"},
        {"code": "000.01.31.H99", "name": "Bộ phận Một cửa"},
    ]


def test_an_unknown_code_or_a_version_not_yet_in_force_is_404(client, catalogue):
    response = client.get(f"{LIST}/9.999999")
    assert response.status_code == 404
    assert response.json() == {
        "code": "unknown_procedure",
        "message": "Không tìm thấy thủ tục hành chính có mã 9.999999.",
        "fields": {},
    }
    imported(procedure("1.000656", "Đăng ký khai tử", ApDungTu="2026-12-01"))
    assert client.get(f"{LIST}/1.000656").status_code == 404
    assert "1.000656" not in _codes(client.get(LIST))


def test_a_new_version_replaces_the_old_one_from_its_date(client, catalogue):
    draft = services.create_draft(procedure=procedure_by_code("1.004884"))
    draft.name = "Đăng ký lại khai sinh (mới)"
    draft.save()
    services.publish_version(version=draft)
    body = client.get(f"{LIST}/1.004884").json()
    assert (body["version"], body["name"]) == (2, "Đăng ký lại khai sinh (mới)")


def test_the_schema_documents_both_endpoints(client):
    schema = client.get("/api/v1/schema", {"format": "json"}).json()
    listing = schema["paths"]["/api/v1/procedures"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "q",
        "agency",
        "field",
        "level",
        "page",
        "page_size",
    }
    assert set(listing["responses"]) == {"200", "400"}
    detail = schema["paths"]["/api/v1/procedures/{code}"]["get"]
    assert set(detail["responses"]) == {"200", "404"}
    properties = schema["components"]["schemas"]["ProcedureDetail"]["properties"]
    assert {"components", "form_fields", "fees", "agencies", "valid_from"} <= set(properties)
