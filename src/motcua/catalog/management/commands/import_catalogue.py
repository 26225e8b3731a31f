"""`motcua import_catalogue <file.json|file.xlsx>`: import procedures and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from motcua.catalog.excel import WorkbookError, read_workbook
from motcua.catalog.importer import import_catalogue
from motcua.core.commands import ImportCommand


class Command(ImportCommand):
    help = _("Nhập danh mục thủ tục hành chính từ tệp JSON hoặc Excel (docs/formats/catalogue.md).")
    file_help = _("Tệp .json hoặc .xlsx")

    def read(self, file: Path) -> object:
        if file.suffix.lower() != ".xlsx":
            return super().read(file)
        try:
            with file.open("rb") as stream:
                return read_workbook(stream)
        except WorkbookError as exc:
            raise CommandError(f"{file}: {exc}") from exc

    def run_import(self, data, *, dry_run: bool):
        return import_catalogue(data, dry_run=dry_run)
