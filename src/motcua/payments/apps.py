from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    verbose_name = _("Phí, lệ phí và thanh toán")

    def ready(self) -> None:
        from motcua.payments import providers, receipts
        from motcua.payments.consumers import register_consumers
        from motcua.payments.contrib.receipt_http.plugin import HttpReceiptProvider
        from motcua.payments.contrib.vnpay.plugin import VnpayProvider
        from motcua.payments.jobs import register_jobs
        from motcua.payments.receipts import register_consumers as register_receipts
        from motcua.payments.rules import register_rules

        providers.register(VnpayProvider())
        receipts.register_provider(HttpReceiptProvider())
        register_rules()
        register_consumers()
        register_receipts()
        register_jobs()
