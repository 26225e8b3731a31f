"""Benchmark of the citizen portal's essential pages: what each costs the server, and what it
costs a citizen on a slow mobile connection.

Run with `make bench` (it runs after the dossier engine's) or on its own with
`.venv/bin/python bench/portal_pages.py`; `DATABASE_URL=postgres://…/motcua` works in a throwaway
`test_…` database beside it. It seeds the demo province, then for each page:

- server time: the median of many renders through Django's test client, as a ratio to the
  baseline of the same run, `/healthz` (a view that answers without a template or a query);
  with the number of SQL queries, which does not vary from run to run;
- weight: the page and every same-origin stylesheet, script and image it references, each
  compressed with gzip at level 6 as WhiteNoise serves them in production, and the number of
  requests. The bytes do not depend on the machine, so they are given as they are, with the
  time they take at 400 kbit/s and 400 ms round trip (a weak 3G signal), one round trip per
  request on a connection already open. An asset shared by pages counts on every page: the
  first visit is the one that matters to someone on a slow connection.
"""

import gzip
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from demo_run import on_demo  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.dossiers.models import Dossier  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SLOW_BITS_PER_SECOND = 400_000
SLOW_ROUND_TRIP = 0.4
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def median_seconds(client: Client, path: str) -> tuple[float, int, bytes]:
    times, queries, body = [], 0, b""
    for _ in range(REPEAT):
        cache.clear()  # the tracking page's throttle counts look-ups per minute
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        queries, body = len(captured), response.content
    return statistics.median(times), queries, body


def weight(html: bytes) -> tuple[int, int]:
    """Compressed bytes of the page and its same-origin assets, and the number of requests."""
    total, requests = len(gzip.compress(html, 6)), 1
    for url in sorted(set(ASSET.findall(html.decode()))):
        found = finders.find(url.removeprefix("/static/").split("?")[0])
        if found is None:
            sys.exit(f"the page references {url}, which no static finder has")
        total += len(gzip.compress(Path(found).read_bytes(), 6))
        requests += 1
    return total, requests


def main() -> None:
    rows, test_name = on_demo(measure)
    print(f"motcua portal pages benchmark — {connection.vendor}, {REPEAT} repetitions, medians")
    print(f"(database {test_name}, dropped afterwards; slow link: 400 kbit/s, 400 ms round trip)")
    baseline = rows[0][1]
    print(
        f"{'page':44} {'ms':>7} {'× base':>7} {'queries':>7} {'KiB gz':>7} {'reqs':>5} {'slow s':>7}"
    )
    for name, seconds, queries, size, requests in rows:
        slow = size * 8 / SLOW_BITS_PER_SECOND + requests * SLOW_ROUND_TRIP
        print(
            f"{name:44} {seconds * 1000:7.2f} {seconds / baseline:7.1f} {queries:7d} "
            f"{size / 1024:7.1f} {requests:5d} {slow:7.1f}"
        )


def measure() -> list[tuple[str, float, int, int, int]]:
    dossier = Dossier.objects.exclude(code="").order_by("pk").first()
    pages = [
        ("baseline: /healthz", "/healthz"),
        ("home", "/"),
        ("search without diacritics", "/thu-tuc/?q=dang+ky+khai+sinh"),
        ("procedure page", "/thu-tuc/1.001193/"),
        ("tracking form", "/tra-cuu/"),
        ("tracking result", f"/tra-cuu/?ma={dossier.code}&so_dien_thoai={dossier.applicant_phone}"),
    ]
    client = Client()
    rows = []
    for name, path in pages:
        seconds, queries, body = median_seconds(client, path)
        size, requests = weight(body) if name != pages[0][0] else (len(body), 1)
        rows.append((name, seconds, queries, size, requests))
    return rows


if __name__ == "__main__":
    main()
