"""Seed the mapping of internal statuses to the national portal's TrangThaiHoSo (vn-rules.md);
administrators edit it afterwards. The codes are written out here because a migration must not
change when the defaults in the code do."""

from django.db import migrations

DEFAULTS = {
    "submitted": 1,
    "received": 2,
    "not_received": 3,
    "processing": 4,
    "awaiting_supplement": 5,
    "awaiting_payment": 6,
    "withdrawal_requested": 7,
    "withdrawn": 7,
    "stopped": 8,
    "ready": 9,
    "returned": 10,
}


def seed(apps, schema_editor):
    mapping = apps.get_model("dossiers", "NationalStatusMapping")
    for status, code in DEFAULTS.items():
        mapping.objects.get_or_create(status=status, defaults={"national_code": code})


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
