from datetime import date, datetime, time

import pytest

from motcua.core import clock
from tests.factories import ProvinceTree, province_tree
from tests.workflow.builders import procedure

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def today():
    """The clock stopped on TODAY at 09:00 in Vietnam."""
    with clock.frozen(datetime.combine(TODAY, time(9), tzinfo=clock.VN_TZ)):
        yield TODAY


@pytest.fixture
def tree(db) -> ProvinceTree:
    return province_tree()


@pytest.fixture
def birth(today):
    """ "Đăng ký khai sinh", 1 working day (8 hours)."""
    return procedure()
