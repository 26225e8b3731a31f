"""Builders for tests: a small province tree, users of each kind, role assignments.

The tree is built through `agencies.services` (what a real tree goes through); roles are written
as rows, so a test of the access rules never depends on the service that grants them.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import factory

from motcua.accounts.models import RoleAssignment, User, UserKind
from motcua.agencies.importer import import_tree
from motcua.agencies.models import Agency
from motcua.agencies.services import create_agency

DATA = Path(__file__).parent / "agencies" / "data"


def load_tree(name: str) -> dict:
    """A JSON document from tests/agencies/data ("two_level", "three_level")."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def import_fixture(name: str) -> dict[str, Agency]:
    report = import_tree(load_tree(name))
    assert report.ok, report.rejected
    return {agency.code: agency for agency in Agency.objects.all()}


@dataclass
class ProvinceTree:
    """Province → department (two divisions) and communes A and B (each a desk and a division)."""

    province: Agency
    department: Agency
    division_1: Agency
    division_2: Agency
    commune_a: Agency
    commune_a_desk: Agency
    commune_a_division: Agency
    commune_b: Agency
    commune_b_desk: Agency


def province_tree() -> ProvinceTree:
    province = create_agency(code="000.00.00.H99", name="UBND tỉnh Mẫu", kind="province")
    department = create_agency(
        code="000.00.12.H99", name="Sở Tư pháp", kind="department", parent=province
    )
    commune_a = create_agency(
        code="000.00.31.H99", name="UBND xã An Phú", kind="commune", parent=province
    )
    commune_b = create_agency(
        code="000.00.32.H99", name="UBND phường Bình Minh", kind="commune", parent=province
    )
    return ProvinceTree(
        province=province,
        department=department,
        division_1=create_agency(
            code="000.01.12.H99",
            name="Phòng Hành chính tư pháp",
            kind="division",
            parent=department,
        ),
        division_2=create_agency(
            code="000.02.12.H99", name="Phòng Bổ trợ tư pháp", kind="division", parent=department
        ),
        commune_a=commune_a,
        commune_a_desk=create_agency(
            code="000.01.31.H99", name="Bộ phận Một cửa", kind="one_stop_desk", parent=commune_a
        ),
        commune_a_division=create_agency(
            code="000.02.31.H99", name="Phòng Kinh tế", kind="division", parent=commune_a
        ),
        commune_b=commune_b,
        commune_b_desk=create_agency(
            code="000.01.32.H99", name="Bộ phận Một cửa", kind="one_stop_desk", parent=commune_b
        ),
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    kind = UserKind.CITIZEN


class OfficerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"canbo{n}")
    kind = UserKind.OFFICER
    title = "Chuyên viên"


def grant(
    user: User, role: str, agency: Agency | None = None, *, below: bool = False
) -> RoleAssignment:
    return RoleAssignment.objects.create(
        user=user, role=role, agency=agency, include_descendants=below
    )
