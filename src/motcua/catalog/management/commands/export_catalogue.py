"""`motcua export_catalogue <file.json|file.xlsx>`: write the catalogue in the import format."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.catalog.exporter import write_catalogue


class Command(BaseCommand):
    help = _("Xuất danh mục thủ tục hành chính ra tệp JSON hoặc Excel (docs/formats/catalogue.md).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("Tệp .json hoặc .xlsx sẽ ghi"))
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            help=_(
                "Xuất phiên bản đang áp dụng vào ngày này (YYYY-MM-DD); mặc định: phiên bản công "
                "bố mới nhất của mỗi thủ tục"
            ),
        )

    def handle(self, *args, file: Path, on: date | None, **options) -> None:
        try:
            count = write_catalogue(file, on=on)
        except OSError as exc:
            raise CommandError(
                _("Không ghi được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _("Đã xuất %(count)d thủ tục vào %(file)s.") % {"count": count, "file": file}
        )
