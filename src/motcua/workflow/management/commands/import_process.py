"""`motcua import_process <file.json>`: import an internal process and print what happened.

Exits with status 1 when the file is refused (nothing is written then).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.commands import ImportCommand
from motcua.workflow.importer import ImportReport, Outcome, import_process


class Command(ImportCommand):
    help = gettext_lazy("Nhập quy trình nội bộ từ tệp JSON (docs/formats/process.md).")
    file_help = gettext_lazy("Tệp JSON mô tả quy trình")

    def run_import(self, data, *, dry_run: bool) -> ImportReport:
        return import_process(data, dry_run=dry_run)

    def print_report(self, report: ImportReport, *, verbosity: int) -> None:
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
