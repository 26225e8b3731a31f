"""`motcua demo_pki`: the demo's roots, certificates and signing credentials (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.signatures.demo_pki import DEMO_PIN, load_demo_pki
from motcua.signatures.models import CredentialKind


class Command(BaseCommand):
    help = "Tạo chứng thư số thử nghiệm cho lãnh đạo và con dấu của các cơ quan mẫu."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_pki chỉ chạy khi DEBUG bật: khóa và mã PIN của nó là công khai."
            )
        loaded = load_demo_pki()
        if not loaded:
            self.stdout.write("Chưa có lãnh đạo nào: hãy chạy seed_demo trước.")
            return
        how = {
            CredentialKind.REMOTE: f"ký số từ xa — xác nhận tại /_sim/ky-so-tu-xa/, PIN {DEMO_PIN}",
            CredentialKind.PLUGIN: (
                f"plug-in ký số trên máy tính — chạy `motcua signing_plugin`, PIN {DEMO_PIN}"
            ),
            CredentialKind.PKCS12: "khóa lưu trên máy chủ (PKCS#12)",
        }
        for item in loaded:
            whose = "con dấu" if item.credential.agency_id else "chữ ký cá nhân"
            self.stdout.write(f"- {item.holder}: {whose}, {how[item.kind]}")
        self.stdout.write(
            "Gốc tin cậy thử nghiệm (Ban Cơ yếu Chính phủ, NEAC) đã có trong kho tin cậy "
            f"{settings.MOTCUA_TRUST_STORE}."
        )
