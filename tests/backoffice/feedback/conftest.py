"""The page tests' world: the dossier tests' small province (tests/dossiers/world.py), with the
birth registration assigned to both communes so that citizens write to either, and the clock at
a Monday morning after the world was built."""

import pytest

from motcua.catalog.services import set_assignments
from motcua.core import clock
from tests.dossiers.helpers import at
from tests.dossiers.world import World, build_world

MONDAY = at(1, 12, 9)


@pytest.fixture
def world(db) -> World:
    built = build_world()
    set_assignments(procedure=built.birth, agencies=[built.tree.commune_a, built.tree.commune_b])
    return built


@pytest.fixture
def monday():
    with clock.frozen(MONDAY):
        yield MONDAY
