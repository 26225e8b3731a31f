"""The forms of the fees panel and the reconciliation report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.inbox.book import UnitPeriodForm
from motcua.core.forms import MoneyField


class AssessForm(forms.Form):
    case = forms.CharField(
        label=_("Trường hợp áp dụng"),
        required=False,
        max_length=500,
        help_text=_("Để trống nếu thủ tục không chia trường hợp."),
    )
    copies = forms.IntegerField(label=_("Số bản"), min_value=0, max_value=1000, initial=1)
    pages = forms.IntegerField(label=_("Số trang"), min_value=0, max_value=10000, initial=1)
    unpriced_amount = MoneyField(
        label=_("Mức thu khoản do cơ quan xác định (đồng)"),
        required=False,
        min_value=1,
        help_text=_("Chỉ nhập khi thủ tục có khoản phí chưa ghi mức thu."),
    )
    exemption = forms.CharField(
        label=_("Đối tượng miễn, giảm"),
        required=False,
        max_length=255,
        help_text=_("Nhóm đối tượng ghi trong thủ tục, ví dụ «Hộ nghèo»."),
    )


class CashForm(forms.Form):
    amount = MoneyField(
        label=_("Số tiền thu (đồng)"),
        min_value=1,
        error_messages={"required": _("Nhập số tiền đã thu.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class RefundForm(forms.Form):
    amount = MoneyField(
        label=_("Số tiền hoàn (đồng)"), min_value=1, error_messages={"required": _("Nhập số tiền.")}
    )
    reason = forms.CharField(
        label=_("Lý do hoàn tiền"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Nhập lý do hoàn tiền.")},
    )
    confirm = forms.BooleanField(
        label=_("Tôi đã kiểm tra: hoàn số tiền này cho người nộp"),
        error_messages={"required": _("Đánh dấu xác nhận trước khi hoàn tiền.")},
    )


class ReceiptEndForm(forms.Form):
    """Cancel a receipt, or replace it with one bearing the corrected payer's name."""

    reason = forms.CharField(
        label=_("Lý do"), max_length=500, error_messages={"required": _("Nhập lý do.")}
    )
    payer_name = forms.CharField(label=_("Tên người nộp trên biên lai mới"), required=False)


class ReconciliationForm(UnitPeriodForm):
    """The collecting agency and the period."""
