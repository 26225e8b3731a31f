from django.apps import AppConfig
from django.db.models.signals import post_save


class AuditConfig(AppConfig):
    name = "motcua.audit"
    label = "audit"
    verbose_name = "Nhật ký kiểm toán"

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry

        from motcua.audit.admin_log import record_admin_change

        post_save.connect(record_admin_change, sender=LogEntry, dispatch_uid="audit-admin-log")
