"""`motcua signing_plugin --port 18123`: the signing plug-in simulator in the foreground (the
service a leader's computer runs beside the USB token), for the demo."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.signatures.simulators.plugin_service import PluginServer, Tokens


class Command(BaseCommand):
    help = "Chạy phần mềm ký số mô phỏng trên máy tính người ký (đọc khóa từ thư mục token)."

    def add_arguments(self, parser):
        port = urlsplit(settings.MOTCUA_SIGNING_PLUGIN_URL).port or 18123
        parser.add_argument("--port", type=int, default=port)
        parser.add_argument("--tokens", type=Path, default=settings.MOTCUA_SIGNING_PLUGIN_TOKENS)
        parser.add_argument(
            "--origin",
            action="append",
            default=None,
            help="Nguồn được gọi (mặc định: MOTCUA_PUBLIC_URL); lặp lại để thêm.",
        )

    def handle(self, *args, port: int, tokens: Path, origin: list[str] | None, **options):
        origins = origin or [settings.MOTCUA_PUBLIC_URL]
        # The loopback names of the same origin: a browser may open either.
        origins += [o.replace("127.0.0.1", "localhost") for o in origins if "127.0.0.1" in o]
        server = PluginServer(
            ("127.0.0.1", port), tokens=Tokens(tokens), allowed_origins=origins, verbose=True
        )
        self.stdout.write(
            f"Phần mềm ký số mô phỏng: {server.url} — token trong {tokens}; "
            f"cho phép gọi từ {', '.join(origins)}. Ctrl+C để dừng."
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
