"""`motcua demo_code <login>`: the 6-digit code a demo officer's authenticator shows now, for
trying the back office without a phone. Demo only: it reads the secret from the database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "In mã xác thực 6 chữ số hiện tại của một cán bộ trong tỉnh mẫu (chỉ khi DEBUG bật)."

    def add_arguments(self, parser):
        parser.add_argument("login", help="tên đăng nhập cán bộ, ví dụ motcua.anhoa")

    def handle(self, *args, login: str, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code chỉ dùng cho tỉnh mẫu: chạy khi DEBUG bật.")
        device = TOTPDevice.objects.filter(user__username=login, confirmed=True).first()
        if device is None:
            raise CommandError(f"Tài khoản «{login}» không có ứng dụng xác thực.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
