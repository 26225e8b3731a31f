"""The shape every `motcua import_*` command shares: read a file, import it all or nothing,
print the report, exit 1 when anything was refused (then nothing was written)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class ImportCommand(BaseCommand):
    """Subclasses say what the file holds (`file_help`), import it (`run_import`) and may read
    more than JSON (`read`); their reports have `ok`, `dry_run` and `rejected`."""

    file_help: str

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=self.file_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Chỉ kiểm tra và báo cáo, không ghi vào cơ sở dữ liệu"),
        )

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        try:
            data = self.read(file)
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        report = self.run_import(data, dry_run=dry_run)
        if report.dry_run:
            self.stdout.write(_("Chạy thử: không ghi gì vào cơ sở dữ liệu."))
        self.print_report(report, verbosity=options["verbosity"])
        for rejection in report.rejected:
            self.stderr.write(f"{_('Từ chối')} {rejection}")
        if not report.ok:
            raise CommandError(
                _("Không nhập tệp: %(count)d lỗi, chưa ghi gì vào cơ sở dữ liệu.")
                % {"count": len(report.rejected)}
            )

    def read(self, file: Path) -> object:
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise CommandError(
                _("Tệp %(file)s không phải JSON hợp lệ: %(error)s") % {"file": file, "error": exc}
            ) from exc

    def print_report(self, report, *, verbosity: int) -> None:
        """Created / updated / unchanged counts; codes created are listed only with -v 2."""
        created = f" ({', '.join(report.created)})" if report.created and verbosity > 1 else ""
        updated = f" ({', '.join(report.updated)})" if report.updated else ""
        self.stdout.write(f"{_('Tạo mới')}: {len(report.created)}{created}")
        self.stdout.write(f"{_('Cập nhật')}: {len(report.updated)}{updated}")
        self.stdout.write(f"{_('Không đổi')}: {len(report.unchanged)}")
