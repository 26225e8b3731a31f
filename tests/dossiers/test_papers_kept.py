"""What a filed dossier leaves in its owner's personal data store: the owner's own uploads as
theirs, the desk's scans as digitised papers, in the same few queries however many files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.models import DocumentKind, PersonalDocument
from motcua.documents.services import store_upload
from motcua.dossiers import services
from tests.documents.files import pdf_bytes, private_root
from tests.dossiers.helpers import online, walk_in

__all__ = ["private_root"]

pytestmark = pytest.mark.usefixtures("private_root")


def _lines(user, count: int) -> list[services.ComponentLine]:
    return [
        services.ComponentLine(
            name=f"Giấy tờ số {n}",
            originals=1,
            uploads=(
                store_upload(
                    uploaded_file=SimpleUploadedFile(f"giay-{n}.pdf", pdf_bytes()), user=user
                ).pk,
            ),
        )
        for n in range(count)
    ]


def test_her_uploads_go_into_her_store_as_her_own(world):
    dossier = online(world, components=_lines(world.citizen, 3))
    kept = PersonalDocument.objects.filter(owner=world.citizen, source=dossier.reference)
    assert sorted((d.title, d.kind, d.file.original_name) for d in kept) == [
        (f"Giấy tờ số {n}", DocumentKind.UPLOADED, f"giay-{n}.pdf") for n in range(3)
    ]


def test_the_desks_scans_go_into_her_store_as_digitised_papers(world):
    dossier = walk_in(world, owner=world.citizen, components=_lines(world.counter_a, 2))
    kept = PersonalDocument.objects.filter(owner=world.citizen, source=dossier.reference)
    assert [d.kind for d in kept] == [DocumentKind.DIGITISED] * 2


def test_keeping_costs_the_same_queries_for_one_file_as_for_five(world):
    def cost(count: int) -> int:
        lines = _lines(world.citizen, count)
        with CaptureQueriesContext(connection) as queries:
            online(world, components=lines)
        return len(queries)

    cost(1)  # per-process caches (content types, calendars) filled, as in a running server
    assert cost(1) == cost(5)
