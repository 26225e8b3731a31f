"""The admin: merchant accounts and receipt series are set up here; payments, gateway calls and
receipts are read here (they change only through the services and the providers' plugins)."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnlyAdmin
from motcua.payments import providers
from motcua.payments.models import MerchantAccount, Payment, PaymentEvent, Receipt, ReceiptSeries


class MerchantAccountForm(forms.ModelForm):
    provider = forms.ChoiceField(label=_("cổng thanh toán"), choices=providers.choices)
    demo_secret = forms.CharField(
        label=_("khóa bí mật (chỉ cho môi trường thử nghiệm)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Để trống để giữ khóa đang có."),
    )

    class Meta:
        model = MerchantAccount
        fields = (
            "agency",
            "provider",
            "merchant_code",
            "secret_env",
            "demo_secret",
            "payment_url",
            "api_url",
            "account_holder",
            "account_number",
            "bank",
            "active",
        )

    def clean_demo_secret(self) -> str:
        return self.cleaned_data["demo_secret"] or (self.instance.demo_secret or "")

    def clean_secret_env(self) -> str:
        name = self.cleaned_data["secret_env"].strip()
        if name and not name.startswith("MOTCUA_"):
            raise forms.ValidationError(_("Tên biến môi trường phải bắt đầu bằng MOTCUA_."))
        return name


@admin.register(MerchantAccount)
class MerchantAccountAdmin(admin.ModelAdmin):
    form = MerchantAccountForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("agency", "provider", "merchant_code", "bank", "account_number", "active")
    list_filter = ("provider", "active")
    search_fields = ("agency__name", "merchant_code")
    autocomplete_fields = ("agency",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "dossier", "agency", "method", "amount", "status", "paid_at")
    list_filter = ("status", "method")
    search_fields = ("reference", "dossier__code", "provider_reference")
    list_select_related = ("dossier", "agency")


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "payment", "kind", "answer")
    list_filter = ("kind", "answer")
    search_fields = ("payment__reference",)


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(admin.ModelAdmin):
    list_display = ("agency", "form_code", "serial", "provider", "active")
    list_filter = ("provider", "active")
    search_fields = ("agency__name", "form_code", "serial")
    autocomplete_fields = ("agency",)


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "payment", "payer_name", "status", "issued_at")
    list_filter = ("status",)
    search_fields = ("payment__reference", "payment__dossier__code", "lookup_code")
    list_select_related = ("series", "payment")
