"""The feedback tests' world: the dossier tests' small province, with the birth registration
assigned to both communes, so that a citizen can write about the procedure to either."""

import pytest

from motcua.catalog.services import set_assignments
from tests.dossiers.world import World, build_world


@pytest.fixture
def world(db) -> World:
    built = build_world()
    set_assignments(procedure=built.birth, agencies=[built.tree.commune_a, built.tree.commune_b])
    return built
