from datetime import date, datetime, time

import pytest

from motcua.core import clock
from tests.documents.files import private_root

__all__ = ["private_root"]

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def today():
    """The clock stopped on TODAY at 09:00 in Vietnam."""
    with clock.frozen(datetime.combine(TODAY, time(9), tzinfo=clock.VN_TZ)):
        yield TODAY
