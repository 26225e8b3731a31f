"""`motcua import_agencies <file.json>`: import the agency tree and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

from django.utils.translation import gettext_lazy as _

from motcua.agencies.importer import import_tree
from motcua.core.commands import ImportCommand


class Command(ImportCommand):
    help = _("Nhập cây cơ quan, đơn vị từ tệp JSON (docs/formats/agency-tree.md).")
    file_help = _("Tệp JSON mô tả cây đơn vị")

    def run_import(self, data, *, dry_run: bool):
        return import_tree(data, dry_run=dry_run)
