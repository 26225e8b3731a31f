"""The same `Idempotency-Key` at once on PostgreSQL: one dossier, one 201, the rest its 200s."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from motcua.api.models import IdempotencyKey
from motcua.core import clock
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import at
from tests.dossiers.world import build_world

REQUESTS = 16


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_with_one_key_make_one_dossier():
    world = build_world()
    body = {
        "procedure": world.birth.code,
        "receiving_agency": world.tree.commune_a.code,
        "applicant": {"name": "Trần Thị Bình", "phone": "0912345678"},
        "components": [{"name": "Giấy chứng sinh", "originals": 1}],
        "delivery": {"method": "online"},
    }
    start = threading.Barrier(REQUESTS)

    def file() -> tuple[int, dict]:
        try:
            client = APIClient()
            client.force_authenticate(world.citizen)
            start.wait(timeout=30)
            response = client.post(
                "/api/v1/dossiers", body, format="json", headers={"Idempotency-Key": "k-race"}
            )
            return response.status_code, response.json()
        finally:
            connection.close()

    with clock.frozen(at(3, 2, 9)), ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = [future.result() for future in [pool.submit(file) for _ in range(REQUESTS)]]

    statuses = sorted(status for status, _body in answers)
    assert statuses == [200] * (REQUESTS - 1) + [201], answers
    dossier = Dossier.objects.get()
    assert {answer["reference"] for _status, answer in answers} == {dossier.reference}
    assert IdempotencyKey.objects.get().dossier == dossier
