"""`motcua import_catalogue <file.json|file.xlsx>`: import procedures and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.catalog.excel import WorkbookError, read_workbook
from motcua.catalog.importer import ImportReport, import_catalogue


class Command(BaseCommand):
    help = _("Nhập danh mục thủ tục hành chính từ tệp JSON hoặc Excel (docs/formats/catalogue.md).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("Tệp .json hoặc .xlsx"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Chỉ kiểm tra và báo cáo, không ghi vào cơ sở dữ liệu"),
        )

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        report = import_catalogue(self._read(file), dry_run=dry_run)
        self._print(report, verbosity=options["verbosity"])
        if not report.ok:
            raise CommandError(
                _("Không nhập tệp: %(count)d lỗi, chưa ghi gì vào cơ sở dữ liệu.")
                % {"count": len(report.rejected)}
            )

    def _read(self, file: Path) -> object:
        try:
            if file.suffix.lower() == ".xlsx":
                with file.open("rb") as stream:
                    return read_workbook(stream)
            return json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        except WorkbookError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        except ValueError as exc:
            raise CommandError(
                _("Tệp %(file)s không phải JSON hợp lệ: %(error)s") % {"file": file, "error": exc}
            ) from exc

    def _print(self, report: ImportReport, *, verbosity: int) -> None:
        if report.dry_run:
            self.stdout.write(_("Chạy thử: không ghi gì vào cơ sở dữ liệu."))
        created = f" ({', '.join(report.created)})" if report.created and verbosity > 1 else ""
        updated = f" ({', '.join(report.updated)})" if report.updated else ""
        self.stdout.write(f"{_('Tạo mới')}: {len(report.created)}{created}")
        self.stdout.write(f"{_('Cập nhật')}: {len(report.updated)}{updated}")
        self.stdout.write(f"{_('Không đổi')}: {len(report.unchanged)}")
        for rejection in report.rejected:
            self.stderr.write(f"{_('Từ chối')} {rejection}")
