"""The counter's test world (tests/backoffice/intake/desk.py); stored files go to the test's
own directory."""

import pytest

from tests.backoffice.intake.desk import Desk, build_desk
from tests.documents.files import private_root


@pytest.fixture
def desk(db, private_root) -> Desk:
    return build_desk()


__all__ = ["desk", "private_root"]
