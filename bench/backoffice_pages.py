"""Benchmark of the officers' busiest pages: what each costs the server, and whether it grows with
the work waiting.

Run with `make bench` (after the portal's) or on its own with
`.venv/bin/python bench/backoffice_pages.py`; `DATABASE_URL=postgres://…/motcua` works in a
throwaway `test_…` database beside it. It seeds the demo province and signs in An Hòa's desk
officer (both factors, as the pages require), then takes the median of many renders of each page
through Django's test client, as a ratio to the baseline of the same run, `/healthz`, with the
number of SQL queries. Then it files 20 times as many dossiers at An Hòa's desk as the demo has
there and measures the inbox again: the last line divides the large inbox's time by the small
one's; its query count must not change.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from demo_run import on_demo, walk_in  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.selectors import agency_by_code  # noqa: E402
from motcua.catalog.selectors import procedure_by_code  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
GROWTH = 20
AN_HOA = "000.00.31.H99"


def median_seconds(client: Client, path: str) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(REPEAT):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        queries = len(captured)
    return statistics.median(times), queries


def signed_in(username: str) -> Client:
    """A client whose session passed both factors, as the sign-in pages leave it."""
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def main() -> None:
    rows, test_name = on_demo(measure)
    print(
        f"motcua back-office pages benchmark — {connection.vendor}, {REPEAT} repetitions, medians"
    )
    print(f"(database {test_name}, dropped afterwards; signed in as An Hòa's desk officer)")
    baseline = rows[0][1]
    print(f"{'page':52} {'ms':>8} {'× base':>8} {'queries':>8}")
    for name, seconds, queries in rows:
        print(f"{name:52} {seconds * 1000:8.2f} {seconds / baseline:8.1f} {queries:8d}")
    small, large = rows[1], rows[-1]
    print(
        f"inbox, {GROWTH}× the dossiers ÷ the demo's: {large[1] / small[1]:.2f} "
        f"(queries {small[2]} → {large[2]})"
    )


def measure() -> list[tuple[str, float, int]]:
    client = signed_in("motcua.anhoa")
    an_hoa = agency_by_code(AN_HOA)
    dossier = Dossier.objects.filter(receiving_agency=an_hoa).exclude(code="").first()
    pages = [
        ("baseline: /healthz", "/healthz"),
        ("inbox: waiting for me", "/can-bo/"),
        ("inbox: my unit, searched without diacritics", "/can-bo/?tab=unit&q=hoang+van+nam"),
        ("dossier page with its action forms", f"/can-bo/ho-so/{dossier.key}/"),
        ("counter intake: procedure search", "/can-bo/tiep-nhan/?q=dang+ky+khai+sinh"),
        ("feedback inbox", "/can-bo/phan-anh-kien-nghi/"),
        ("paper hand-over lists", "/can-bo/ban-giao/"),
    ]
    rows = [(name, *median_seconds(client, path)) for name, path in pages]
    desk = User.objects.get(username="motcua.anhoa")
    birth = procedure_by_code("1.001193")
    already = Dossier.objects.filter(receiving_agency=an_hoa).count()
    for _ in range(already * (GROWTH - 1)):
        walk_in(desk, an_hoa, birth)
    rows.append(
        (f"inbox: waiting for me, {GROWTH}× the dossiers", *median_seconds(client, "/can-bo/"))
    )
    return rows


if __name__ == "__main__":
    main()
