"""Benchmark of the dossier engine: what an action and a page of the API cost, as ratios.

Run with `make bench` (SQLite) or `DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua make
bench` (PostgreSQL: the benchmark works in a throwaway `test_…` database beside it). It seeds the
demo province, then times, with the median of many repetitions:

- the baseline: the cheapest write an action makes, the conditional version bump, in its own
  transaction;
- whole actions through the services (filing with receipt, forward, consult and answer), each
  with its access checks, history, outbox message and audit entry;
- `GET /api/v1/dossiers` and `GET /api/v1/dossiers/<code>` with the demo's dossiers, then again
  with 20 times as many: a page must not grow with the register.

Machines here are shared and noisy, so figures are ratios to the baseline of the same run, with
the number of SQL queries (which does not vary) beside them.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from demo_run import on_demo, walk_in  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.selectors import agency_by_code  # noqa: E402
from motcua.catalog.selectors import procedure_by_code  # noqa: E402
from motcua.dossiers import services  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
GROWTH = 20


def median_seconds(run: Callable[[], object], repeat: int = REPEAT) -> tuple[float, int]:
    """Median wall time of `run` and the number of queries of its last run."""
    times, queries = [], 0
    for _ in range(repeat):
        connection.queries_log.clear()  # the log keeps 9,000 queries; the count needs room
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(times), queries


def act(action: str, dossier: Dossier, user: User, **fields) -> Dossier:
    dossier.refresh_from_db()
    return getattr(services, action)(
        user=user, dossier=dossier, expected_version=dossier.version, **fields
    )


def main() -> None:
    rows, test_name = on_demo(measure)
    print(f"motcua dossier engine benchmark — {connection.vendor}, {REPEAT} repetitions, medians")
    print(f"(database {test_name}, dropped afterwards)")
    baseline = rows[0][1]
    print(f"{'measure':58} {'ms':>8} {'× baseline':>11} {'queries':>8}")
    for name, seconds, queries in rows:
        print(f"{name:58} {seconds * 1000:8.2f} {seconds / baseline:11.1f} {queries:8d}")
    small, large = rows[-4], rows[-2]
    detail_small, detail_large = rows[-3], rows[-1]
    print(
        f"list page, {GROWTH}× the dossiers ÷ the demo's: {large[1] / small[1]:.2f} "
        f"(queries {small[2]} → {large[2]}); detail: {detail_large[1] / detail_small[1]:.2f}"
    )


def measure() -> list[tuple[str, float, int]]:
    users = {u.username: u for u in User.objects.filter(username__contains=".")}
    desk, specialist, leader = users["motcua.anhoa"], users["cv.anhoa"], users["ld.anhoa"]
    tan_phu_specialist = users["cv.tanphu"]
    an_hoa, tan_phu = agency_by_code("000.00.31.H99"), agency_by_code("000.00.34.H99")
    birth = procedure_by_code("1.001193")
    rows = []

    some = Dossier.objects.order_by("pk").first()

    def bump() -> None:
        with transaction.atomic():
            Dossier.objects.filter(pk=some.pk).update(version=F("version") + 1)

    rows.append(("baseline: conditional version bump (1 write transaction)", *median_seconds(bump)))
    rows.append(
        (
            "submit at the desk with receipt (code, appointment)",
            *median_seconds(lambda: walk_in(desk, an_hoa, birth)),
        )
    )
    fresh = [walk_in(desk, an_hoa, birth) for _ in range(REPEAT)]
    queue = iter(fresh)
    rows.append(
        (
            "forward (desk → specialist step)",
            *median_seconds(lambda: act("forward", next(queue), desk, note="Chuyển xử lý.")),
        )
    )
    queue = iter(fresh)
    rows.append(
        (
            "consult (ad-hoc question to another commune)",
            *median_seconds(
                lambda: act(
                    "consult", next(queue), specialist, unit=tan_phu, question="Xác minh cư trú."
                )
            ),
        )
    )
    queue = iter(fresh)
    rows.append(
        (
            "answer (the consulted commune's specialist)",
            *median_seconds(
                lambda: act("answer", next(queue), tan_phu_specialist, answer="Thông tin khớp.")
            ),
        )
    )

    client = APIClient()
    client.force_authenticate(leader)
    code = fresh[0].code

    def list_page() -> None:
        assert client.get("/api/v1/dossiers?page_size=20").status_code == 200

    def detail() -> None:
        assert client.get(f"/api/v1/dossiers/{code}").status_code == 200

    count = Dossier.objects.count()
    rows.append(
        (f"GET /api/v1/dossiers, page of 20 ({count} dossiers)", *median_seconds(list_page))
    )
    rows.append((f"GET /api/v1/dossiers/<code> ({count} dossiers)", *median_seconds(detail)))
    for _ in range(count * (GROWTH - 1)):
        walk_in(desk, an_hoa, birth)
    count = Dossier.objects.count()
    rows.append(
        (f"GET /api/v1/dossiers, page of 20 ({count} dossiers)", *median_seconds(list_page))
    )
    rows.append((f"GET /api/v1/dossiers/<code> ({count} dossiers)", *median_seconds(detail)))
    return rows


if __name__ == "__main__":
    sys.exit(main())
