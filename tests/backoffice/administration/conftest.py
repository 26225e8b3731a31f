"""A small province for the administration pages (tests.dossiers.world: the sample birth process,
officers of two communes) plus administrators: of the department (Sở Tư pháp, like the demo's
qt.tuphap), of commune A, and a system administrator; and a specialist of the department."""

from dataclasses import dataclass

import pytest
from django.test import Client

from motcua.accounts.models import Role, User
from tests.backoffice.officers import verified_login
from tests.dossiers.world import World, build_world
from tests.factories import OfficerFactory, grant

DEPARTMENT = "000.00.12.H99"
COMMUNE_A = "000.00.31.H99"


@dataclass
class Land:
    world: World
    admin_department: User
    admin_commune: User
    system_admin: User
    jurist: User


@pytest.fixture
def land(db) -> Land:
    world = build_world()
    tree = world.tree
    admin_department = OfficerFactory(username="qt.stp", full_name="Lê Thị Hồng")
    grant(admin_department, Role.AGENCY_ADMIN, tree.department)
    admin_commune = OfficerFactory(username="qt.anphu", full_name="Phan Văn Quý")
    grant(admin_commune, Role.AGENCY_ADMIN, tree.commune_a)
    system_admin = OfficerFactory(username="quantri", full_name="Nguyễn Minh Quân")
    grant(system_admin, Role.SYSTEM_ADMIN)
    jurist = OfficerFactory(username="cv.stp", full_name="Đỗ Văn Hải")
    grant(jurist, Role.SPECIALIST, tree.division_1)
    return Land(world, admin_department, admin_commune, system_admin, jurist)


@pytest.fixture
def signed_in():
    """A client signed in (both factors) as the given user."""
    return lambda user: verified_login(Client(), user)
