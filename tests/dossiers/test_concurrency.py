"""Receipts at once on PostgreSQL: the code counter hands out distinct, gap-free numbers."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.audit.selectors import verify_chain
from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import at, online
from tests.dossiers.world import build_world

RECEIPTS = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_receipts_get_gap_free_codes():
    world = build_world()
    with clock.frozen(at(3, 2, 9)):
        pending = [online(world) for _ in range(RECEIPTS)]

        def receive(dossier: Dossier) -> str:
            try:
                return services.receive(
                    user=world.counter_a, dossier=dossier, expected_version=dossier.version
                ).code
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=RECEIPTS) as pool:
            codes = list(pool.map(receive, pending))
    expected = [f"000.00.31.H99-260302-{n:04d}" for n in range(1, RECEIPTS + 1)]
    assert sorted(codes) == expected
    assert sorted(Dossier.objects.values_list("code", flat=True)) == expected
    assert verify_chain().ok
