"""The dossiers' small province with the liaison process (consult and transfer at `xu_ly`), a
specialist of the department who answers, and officers' clients signed in with both factors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.core import clock
from motcua.documents.services import store_upload
from motcua.dossiers import services
from tests.backoffice.officers import verified_login
from tests.documents import files
from tests.dossiers.helpers import at, online
from tests.dossiers.world import build_world, jurist_of, with_liaison

private_root = files.private_root


@pytest.fixture
def world(db):
    return build_world(with_liaison())


@pytest.fixture
def jurist(world):
    return jurist_of(world)


@pytest.fixture
def morning():
    """Tuesday 6 January 2026, 08:00: a working morning after the world was built."""
    with clock.frozen(at(1, 6, 8)):
        yield


@pytest.fixture
def officer():
    """A test client signed in (both factors) as the given user."""
    return lambda user: verified_login(Client(), user)


def filed_with_paper(world):
    """Bình's online filing with a PDF of the declaration."""
    stored = store_upload(
        uploaded_file=SimpleUploadedFile("to-khai.pdf", files.pdf_bytes(), "application/pdf"),
        user=world.citizen,
    )
    component = world.birth.versions.first().components.first()
    line = services.ComponentLine(
        component_id=component.pk if component else None,
        name="" if component else "Tờ khai",
        originals=1,
        uploads=(stored.pk,),
    )
    return online(world, components=[line]), stored
