"""`motcua export_process <procedure code> <file.json>`: write a process in the import format."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import procedure_by_code
from motcua.core.errors import NotFound
from motcua.workflow.exporter import export_process, write_process


class Command(BaseCommand):
    help = _("Xuất quy trình nội bộ của một thủ tục ra tệp JSON (docs/formats/process.md).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("procedure", help=_("Mã thủ tục, ví dụ 1.001193"))
        parser.add_argument("file", type=Path, help=_("Tệp .json sẽ ghi"))
        parser.add_argument(
            "--agency",
            help=_("Mã định danh của cơ quan; mặc định: quy trình mặc định toàn tỉnh"),
        )
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            help=_(
                "Xuất phiên bản đang áp dụng vào ngày này (YYYY-MM-DD); mặc định: phiên bản công "
                "bố mới nhất"
            ),
        )

    def handle(
        self, *args, procedure: str, file: Path, agency: str | None, on: date | None, **options
    ) -> None:
        try:
            document = export_process(
                procedure=procedure_by_code(procedure),
                agency=agency_by_code(agency) if agency else None,
                on=on,
            )
        except NotFound as exc:
            raise CommandError(exc.message) from exc
        try:
            write_process(file, document)
        except OSError as exc:
            raise CommandError(
                _("Không ghi được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _("Đã xuất %(count)d bước vào %(file)s.")
            % {"count": len(document["steps"]), "file": file}
        )
