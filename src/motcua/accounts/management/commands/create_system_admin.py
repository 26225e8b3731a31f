"""`motcua create_system_admin`: the installation's first system administrator."""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.services import create_first_system_admin
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Tạo tài khoản quản trị hệ thống đầu tiên. Mật khẩu lấy từ biến môi trường "
        "MOTCUA_ADMIN_PASSWORD, nếu không có thì hỏi khi chạy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, full_name, email, **options):
        password = os.environ.get("MOTCUA_ADMIN_PASSWORD") or getpass.getpass("Mật khẩu: ")
        try:
            user = create_first_system_admin(
                username=username, full_name=full_name, email=email, password=password
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Đã tạo quản trị hệ thống {user.username}.")
