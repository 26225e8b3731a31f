"""`motcua seed_demo`: load the demo province and its dossiers (idempotent), print and save the
demo logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import Role, UserKind
from motcua.core.errors import DomainError
from motcua.demo.datastore import seed_datastore
from motcua.demo.dossiers import seed_dossiers
from motcua.demo.feedback import seed_feedback
from motcua.demo.form_templates import seed_form_templates
from motcua.demo.notifications import seed_notification_contacts
from motcua.demo.organisations import seed_organisations
from motcua.demo.payments import seed_merchants, seed_receipt_series
from motcua.demo.seed import seed, write_logins
from motcua.signatures.demo_pki import DEMO_PIN, load_demo_pki
from motcua.signatures.models import CredentialKind


class Command(BaseCommand):
    help = "Nạp tỉnh mẫu An Hòa (chạy lại không thay đổi gì) và in các tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument(
            "--three-levels",
            action="store_true",
            help="Xếp các xã, phường vào huyện (mô hình 3 cấp trước 1/7/2025).",
        )

    def handle(self, *args, three_levels=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo tạo tài khoản với mật khẩu mẫu công khai: chỉ chạy khi DEBUG bật."
            )
        try:
            logins = seed(three_levels=three_levels)
            logins += seed_organisations()
            seed_form_templates()
            seed_notification_contacts()
            signers = load_demo_pki()
            seed_merchants()
            seed_receipt_series()
            added = seed_dossiers()
            feedback = seed_feedback()
            seed_datastore()
        except DomainError as error:
            raise CommandError(error.message) from error
        path = settings.VAR_DIR / "demo-logins.json"
        write_logins(logins, path)
        self.stdout.write(self.style.SUCCESS("Tỉnh mẫu An Hòa đã sẵn sàng. Tài khoản dùng thử:"))
        labels = dict(Role.choices) | dict(UserKind.choices)
        width = max(len(login.login) for login in logins)
        for login in logins:
            where = f" — {login.agency}" if login.agency else ""
            self.stdout.write(f"  {login.login:<{width}}  {labels[login.role]}{where}")
            if login.totp:
                self.stdout.write(
                    f"  {'':<{width}}  {'khóa ứng dụng xác thực (TOTP)'}: {login.totp}"
                )
        if added:
            self.stdout.write(f"Đã thêm {added} hồ sơ mẫu Đăng ký khai sinh ở mọi trạng thái.")
        if feedback:
            self.stdout.write("Đã thêm các câu hỏi đáp, phản ánh kiến nghị và đánh giá mẫu.")
        self.stdout.write(f"Mật khẩu chung: {logins[0].password}   (danh sách đầy đủ: {path})")
        self._signers(signers)
        if settings.MOTCUA_POSTAL_SIMULATOR:
            self.stdout.write(
                "Bưu điện mô phỏng: /_sim/buu-dien/ (bưu gửi tự chuyển trạng thái, hoặc bấm nút)."
            )
        if settings.MOTCUA_NOTIFY_SIMULATORS:
            self.stdout.write(
                "Cổng SMS, Zalo OA và hộp thư mô phỏng: /_sim/thong-bao/ (máy chủ đang chạy gửi "
                "thông báo của các hồ sơ mẫu); lãnh đạo xem tại /can-bo/thong-bao/."
            )
        self.stdout.write(
            "Cán bộ đăng nhập tại /can-bo/ bằng mật khẩu và mã 6 chữ số: thêm khóa ở trên vào "
            "ứng dụng xác thực, hoặc xem mã đang hiệu lực bằng `.venv/bin/motcua demo_code "
            "<tên đăng nhập>`."
        )

    def _signers(self, loaded) -> None:
        how = {
            CredentialKind.REMOTE: f"ký số từ xa: xác nhận tại /_sim/ky-so-tu-xa/, PIN {DEMO_PIN}",
            CredentialKind.PLUGIN: f"plug-in ký số trên máy tính (mô phỏng), PIN {DEMO_PIN}",
            CredentialKind.PKCS12: "khóa lưu trên máy chủ",
        }
        people = [item for item in loaded if not item.credential.agency_id]
        if people:
            self.stdout.write("Ký số thử nghiệm (gốc tin cậy thử nghiệm đã nạp):")
            for item in people:
                self.stdout.write(f"  {item.credential.user.username:<12}  {how[item.kind]}")
