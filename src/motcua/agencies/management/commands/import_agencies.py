"""`motcua import_agencies <file.json>`: import the agency tree and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.agencies.importer import ImportReport, import_tree


class Command(BaseCommand):
    help = _("Nhập cây cơ quan, đơn vị từ tệp JSON (docs/formats/agency-tree.md).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("Tệp JSON mô tả cây đơn vị"))
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
        report = import_tree(data, dry_run=dry_run)
        self._print(report, verbosity=options["verbosity"])
        if not report.ok:
            raise CommandError(
                _("Không nhập tệp: %(count)d lỗi, chưa ghi gì vào cơ sở dữ liệu.")
                % {"count": len(report.rejected)}
            )

    def _print(self, report: ImportReport, *, verbosity: int) -> None:
        if report.dry_run:
            self.stdout.write(_("Chạy thử: không ghi gì vào cơ sở dữ liệu."))
        # A first import creates the whole tree: its codes are listed only on request (-v 2).
        created = f" ({', '.join(report.created)})" if report.created and verbosity > 1 else ""
        updated = f" ({', '.join(report.updated)})" if report.updated else ""
        self.stdout.write(f"{_('Tạo mới')}: {len(report.created)}{created}")
        self.stdout.write(f"{_('Cập nhật')}: {len(report.updated)}{updated}")
        self.stdout.write(f"{_('Không đổi')}: {len(report.unchanged)}")
        for rejection in report.rejected:
            self.stderr.write(f"{_('Từ chối')} {rejection}")
