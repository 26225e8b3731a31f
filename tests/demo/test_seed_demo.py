"""`motcua seed_demo`: the demo province a newcomer gets from `make run`."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from motcua.accounts import two_factor
from motcua.accounts.models import RoleAssignment, User
from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureAssignment, ProcedureVersion
from motcua.catalog.selectors import procedure_by_code, procedure_listing
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.workflow.models import ProcessVersion
from motcua.workflow.selectors import process_version_for

README = Path(__file__).resolve().parents[2] / "README.md"
ROLES_SEEDED = {
    "system_admin",
    "agency_admin",
    "counter_officer",
    "specialist",
    "leader",
    "records_clerk",
}


def _snapshot():
    return (
        sorted(Agency.objects.values_list("code", "name", "path", "parent_id")),
        sorted(ProcedureVersion.objects.values_list("procedure__code", "number", "status")),
        sorted(ProcedureAssignment.objects.values_list("procedure__code", "agency__code")),
        sorted(ProcessVersion.objects.values_list("process__procedure__code", "number")),
        sorted(User.objects.values_list("username", "password", "kind", "full_name")),
        sorted(RoleAssignment.objects.values_list("user__username", "role", "agency__code")),
        sorted(Dossier.objects.values_list("reference", "code", "status", "version")),
        DossierEvent.objects.count(),
    )


@pytest.mark.sqlite_smoke
@pytest.mark.django_db
def test_seeding_twice_changes_nothing(demo_var_dir):
    call_command("seed_demo", stdout=StringIO())
    first = _snapshot()
    assert first[-1] > 0  # the demo dossiers are part of what must not change
    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == first


@pytest.mark.sqlite_smoke
@pytest.mark.django_db
def test_demo_province_is_two_level_with_desks_and_every_role(demo_var_dir):
    call_command("seed_demo", stdout=StringIO())
    province = Agency.objects.get(parent__isnull=True)
    assert province.kind == "province"
    communes = Agency.objects.filter(kind="commune")
    assert communes.count() >= 8
    assert set(communes.values_list("parent_id", flat=True)) == {province.pk}  # no districts
    assert not Agency.objects.filter(kind="district").exists()
    assert all(commune.children.filter(kind="one_stop_desk").exists() for commune in communes)
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == ROLES_SEEDED
    assert User.objects.filter(kind="citizen").count() >= 2
    assert User.objects.filter(kind="organisation").exists()


@pytest.mark.sqlite_smoke
@pytest.mark.django_db
def test_every_printed_login_signs_in_and_the_readme_lists_it(demo_var_dir):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    logins = json.loads((demo_var_dir / "demo-logins.json").read_text(encoding="utf-8"))

    section = README.read_text().split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    readme_logins = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE))
    assert readme_logins == {entry["login"] for entry in logins}
    for entry in logins:
        assert entry["login"] in out.getvalue()
        assert (
            authenticate(
                RequestFactory().post("/"), username=entry["login"], password=entry["password"]
            )
            is not None
        )
        if entry["agency_code"]:
            assert Agency.objects.get(code=entry["agency_code"]).name in entry["agency"]
        user = User.objects.get(username=entry["login"])
        # Officers sign in with a second factor: the printed key, or the code demo_code shows.
        assert bool(entry["totp"]) == (user.kind == "officer")
        if entry["totp"]:
            assert entry["totp"] in out.getvalue()
            shown = StringIO()
            call_command("demo_code", entry["login"], stdout=shown)
            assert re.fullmatch(r"\d{6}\n", shown.getvalue())
            assert two_factor.verify(user=user, token=shown.getvalue())


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(demo_var_dir, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_three_levels_is_the_same_province_with_districts(demo_var_dir):
    call_command("seed_demo", "--three-levels", stdout=StringIO())
    districts = Agency.objects.filter(kind="district")
    assert districts.count() == 2
    communes = Agency.objects.filter(kind="commune")
    assert communes.count() == 8
    assert set(communes.values_list("parent__kind", flat=True)) == {"district"}
    assert all(district.children.filter(kind="one_stop_desk").exists() for district in districts)
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == ROLES_SEEDED


@pytest.mark.django_db
def test_demo_has_the_catalogue_assigned_and_a_default_process(demo_province):
    commune = Agency.objects.get(code="000.00.31.H99")
    listing = procedure_listing(query="", agency=commune, field="", level="", on=None)
    assert listing.count >= 20
    codes = [version.procedure.code for version in listing.page(offset=0, limit=100)]
    assert "1.001193" in codes

    process = process_version_for(procedure=procedure_by_code("1.001193"), agency=commune)
    assert process is not None
    assert process.steps.order_by("position").first().role == "counter_officer"
