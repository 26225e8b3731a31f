import pytest

from tests.factories import ProvinceTree, province_tree


@pytest.fixture
def tree(db) -> ProvinceTree:
    return province_tree()
