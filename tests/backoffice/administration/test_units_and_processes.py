"""An agency's internal units (list, add, rename, contact) and its processes (list, a version's
diagram and steps), with who may reach them."""

import pytest

from motcua.agencies.models import Agency
from motcua.audit.models import AuditEntry
from motcua.catalog.services import set_assignments
from motcua.core import clock
from motcua.workflow.importer import import_process
from motcua.workflow.models import ProcessVersion
from tests.backoffice.administration.conftest import COMMUNE_A, DEPARTMENT
from tests.dossiers.world import SETUP
from tests.workflow.builders import procedure, sample

pytestmark = pytest.mark.django_db

UNITS = f"/can-bo/quan-tri/{DEPARTMENT}/don-vi/"
PROCESSES_A = f"/can-bo/quan-tri/{COMMUNE_A}/quy-trinh/"


def test_the_units_list_and_adding_a_unit_with_the_suggested_code(land, signed_in):
    admin = signed_in(land.admin_department)
    listing = admin.get(UNITS)
    assert "Phòng Hành chính tư pháp" in listing.text
    assert "Phòng Bổ trợ tư pháp" in listing.text
    form = admin.get(f"/can-bo/quan-tri/{DEPARTMENT}/don-vi-moi/")
    # 000.01 and 000.02 are the department's two divisions; the next free number is offered.
    assert 'value="000.03.12.H99"' in form.text
    response = admin.post(
        f"/can-bo/quan-tri/{DEPARTMENT}/don-vi-moi/",
        {"code": "000.03.12.H99", "name": "Bộ phận Một cửa Sở Tư pháp", "kind": "one_stop_desk"},
    )
    assert response["Location"] == UNITS
    unit = Agency.objects.get(code="000.03.12.H99")
    assert (unit.parent, unit.kind, unit.level) == (
        land.world.tree.department,
        "one_stop_desk",
        "province",
    )
    entry = AuditEntry.objects.get(action="agencies.add_unit")
    assert entry.actor_id == land.admin_department.pk


def test_a_refused_unit_says_why_beside_the_field(land, signed_in):
    admin = signed_in(land.admin_department)
    page = admin.post(
        f"/can-bo/quan-tri/{DEPARTMENT}/don-vi-moi/",
        {"code": "000.01.31.H99", "name": "Phòng mới", "kind": "division"},
    )
    assert page.status_code == 400
    assert 'id="id_code-error"' in page.text
    assert 'value="Phòng mới"' in page.text
    bad = admin.post(
        f"/can-bo/quan-tri/{DEPARTMENT}/don-vi-moi/",
        {"code": "12.H99", "name": "Phòng mới", "kind": "division"},
    )
    assert bad.status_code == 400
    assert "000.00.00.H26" in bad.text
    assert not Agency.objects.filter(name="Phòng mới").exists()


def test_renaming_a_unit_and_changing_its_contact(land, signed_in):
    admin = signed_in(land.admin_department)
    url = f"{UNITS}000.01.12.H99/"
    assert 'value="Phòng Hành chính tư pháp"' in admin.get(url).text
    response = admin.post(
        url,
        {"name": "Phòng Hành chính – Bổ trợ tư pháp", "phone": "02993800099", "email": "hc@stp.vn"},
    )
    assert response.status_code == 302
    unit = land.world.tree.division_1
    unit.refresh_from_db()
    assert (unit.name, unit.phone, unit.email) == (
        "Phòng Hành chính – Bổ trợ tư pháp",
        "02993800099",
        "hc@stp.vn",
    )
    entry = AuditEntry.objects.get(action="agencies.update_unit")
    assert entry.data["changes"]["name"] == [
        "Phòng Hành chính tư pháp",
        "Phòng Hành chính – Bổ trợ tư pháp",
    ]
    # Another agency's unit is not found from here.
    assert admin.get(f"{UNITS}000.01.31.H99/").status_code == 404
    assert signed_in(land.admin_commune).get(url).status_code == 404
    assert signed_in(land.jurist).get(url).status_code == 403


def test_the_processes_used_by_the_agencys_procedures_and_a_versions_diagram(
    land, signed_in, django_assert_max_num_queries
):
    set_assignments(procedure=land.world.birth, agencies=[land.world.tree.commune_a])
    admin = signed_in(land.admin_commune)
    with django_assert_max_num_queries(16):
        listing = admin.get(PROCESSES_A)
    assert listing.status_code == 200
    version = ProcessVersion.objects.get(process__procedure=land.world.birth)
    with clock.frozen(SETUP):
        for n in range(3):
            more = procedure(f"1.00090{n}", f"Thủ tục {n}")
            assert import_process({**sample(), "procedure": more.code}).ok
            set_assignments(procedure=more, agencies=[land.world.tree.commune_a])
    with django_assert_max_num_queries(16):
        longer = admin.get(PROCESSES_A)
    assert longer.text.count("/quy-trinh/") >= 8
    assert f"/quy-trinh/{version.pk}/" in listing.text
    page = admin.get(f"{PROCESSES_A}{version.pk}/")
    assert page.status_code == 200
    svg = page.text[page.text.index("<svg") : page.text.index("</svg>")]
    assert 'role="img"' in svg
    assert 'class="step"' in svg
    # The steps with their roles and time allowances, read-only.
    assert "Chuyên viên" in page.text
    assert "giờ làm việc" in page.text
    # Read-only: the only forms are the header's (language, sign out).
    assert page.text.count('method="post"') == 2


def test_an_agencys_own_process_joins_the_list_and_another_agencys_is_not_found(land, signed_in):
    set_assignments(procedure=land.world.birth, agencies=[land.world.tree.commune_a])
    document = {**sample(), "agency": COMMUNE_A}
    for step in document["steps"]:
        step["unit"] = None
    document["steps"][0]["unit"] = "000.01.31.H99"
    document["steps"][1]["unit"] = "000.02.31.H99"
    document["steps"][2]["unit"] = COMMUNE_A
    document["steps"][-1]["unit"] = "000.01.31.H99"
    with clock.frozen(SETUP):
        report = import_process(document)
    assert report.ok, report.rejected
    own = ProcessVersion.objects.get(process__agency__code=COMMUNE_A)
    listing = signed_in(land.admin_commune).get(PROCESSES_A)
    assert f"/quy-trinh/{own.pk}/" in listing.text
    assert "Quy trình riêng v1" in listing.text
    # The department handles no birth registration: neither version is one of its processes.
    department = signed_in(land.admin_department)
    assert department.get(f"/can-bo/quan-tri/{DEPARTMENT}/quy-trinh/{own.pk}/").status_code == 404
    assert signed_in(land.system_admin).get(f"{PROCESSES_A}{own.pk}/").status_code == 200
