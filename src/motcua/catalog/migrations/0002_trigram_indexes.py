"""pg_trgm and trigram indexes for search, on PostgreSQL only (SQLite computes similarity in
Python and scans its small tables): on the vocabulary for `%` (typos), on the texts for
`LIKE '% word %'`. The planner takes them once the tables outgrow a sequential scan."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "catalog_searchword_word_trgm": ("catalog_searchword", "word"),
    "catalog_searchtext_text_trgm": ("catalog_searchtext", "text"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        # Django's CreateExtension does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
