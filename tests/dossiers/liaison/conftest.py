"""The world for xin ý kiến and liên thông: the processing step `xu_ly` lists `consult` and
`transfer` and declares one consultation of the department (Sở Tư pháp), answered by its jurist;
ad-hoc questions and transfers go to commune B, whose leader answers. The clock stands at NOW."""

import pytest

from motcua.accounts.models import User
from motcua.core import clock
from tests.dossiers.helpers import at
from tests.dossiers.world import World, build_world, jurist_of, with_liaison

NOW = at(3, 2, 9)  # Monday


@pytest.fixture
def world(db) -> World:
    return build_world(with_liaison())


@pytest.fixture
def jurist(world) -> User:
    return jurist_of(world)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield
