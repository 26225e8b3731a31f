"""Search quality on the sample catalogue: every line of queries.tsv, what citizens really type.

The catalogue (src/motcua/catalog/sample/catalogue.json) goes in through the importer, as in an
installation; a query is a hit when its expected procedure is among the first three results.
Runs on whichever database the suite uses: PostgreSQL in `make test`, SQLite in the smoke run.
"""

import csv
from pathlib import Path

import pytest
from django.db import connection

from motcua.catalog.selectors import procedure_listing
from tests.catalog.builders import imported, sample_catalogue

QUERIES = Path(__file__).parent / "queries.tsv"
HIT_AT_3 = 0.90


def _queries() -> list[dict[str, str]]:
    with QUERIES.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.sqlite_smoke
@pytest.mark.django_db
def test_hit_at_3_on_the_sample_queries(today):
    imported(*sample_catalogue()["procedures"])
    queries = _queries()
    assert queries, f"{QUERIES} has no queries"
    misses = []
    for row in queries:
        listing = procedure_listing(query=row["query"])
        top = [version.procedure.code for version in listing.page(offset=0, limit=3)]
        if row["expected_code"] not in top:
            misses.append(
                f"{row['query']!r} → {top}, expected {row['expected_code']} ({row['note']})"
            )
    rate = 1 - len(misses) / len(queries)
    print(f"hit@3 on {connection.vendor}: {rate:.3f} ({len(queries) - len(misses)}/{len(queries)})")
    assert rate >= HIT_AT_3, "\n".join(["misses:", *misses])
