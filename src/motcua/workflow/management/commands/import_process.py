"""`motcua import_process <file.json>`: import an internal process and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.workflow.importer import ImportReport, Outcome, import_process


class Command(BaseCommand):
    help = _("Nhập quy trình nội bộ từ tệp JSON (docs/formats/process.md).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("Tệp JSON mô tả quy trình"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Chỉ kiểm tra và báo cáo, không ghi vào cơ sở dữ liệu"),
        )

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        except ValueError as exc:
            raise CommandError(
                _("Tệp %(file)s không phải JSON hợp lệ: %(error)s") % {"file": file, "error": exc}
            ) from exc
        report = import_process(data, dry_run=dry_run)
        self._print(report)
        if not report.ok:
            raise CommandError(
                _("Không nhập tệp: %(count)d lỗi, chưa ghi gì vào cơ sở dữ liệu.")
                % {"count": len(report.rejected)}
            )

    def _print(self, report: ImportReport) -> None:
        if report.dry_run:
            self.stdout.write(_("Chạy thử: không ghi gì vào cơ sở dữ liệu."))
        outcomes = {
            Outcome.CREATED: _("Tạo mới"),
            Outcome.UPDATED: _("Phiên bản mới"),
            Outcome.UNCHANGED: _("Không đổi"),
        }
        if report.outcome:
            where = report.agency or _("mặc định toàn tỉnh")
            self.stdout.write(
                f"{outcomes[report.outcome]}: {report.procedure} — {where}, "
                + _("phiên bản %(number)s") % {"number": report.version}
            )
        for warning in report.warnings:
            self.stdout.write(f"{_('Lưu ý')}: {warning}")
        for rejection in report.rejected:
            self.stderr.write(f"{_('Từ chối')} {rejection}")
