import pytest

from tests.audit.people import Person


@pytest.fixture
def officer():
    return Person(pk=7, full_name="Trần Thị Bình", username="canbo7")


@pytest.fixture
def leader():
    return Person(pk=12, full_name="Lê Văn Cường", username="lanhdao12")
