"""`motcua audit_verify`: check the audit chain; prints `OK <n>` or `BROKEN at <seq>: <reason>`.

The first word and the numbers are fixed for scripts (CI runs it); the reason is a sentence for
people. Exits with status 1 when the chain is broken.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.audit.selectors import verify_chain


class Command(BaseCommand):
    help = _("Kiểm tra tính toàn vẹn của chuỗi nhật ký kiểm toán.")

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(f"OK {result.count}")
            return
        self.stdout.write(f"BROKEN at {result.broken_seq}: {result.reason}")
        raise CommandError(_("Chuỗi nhật ký kiểm toán đã bị thay đổi."), returncode=1)
