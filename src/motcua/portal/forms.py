"""The public forms: procedure search with its filters, and tracking by code and phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.choices import AdministrativeLevel
from motcua.catalog.selectors import agencies_with_procedures, fields_in_force
from motcua.core.phones import normalise_phone


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.name


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm thủ tục"),
        required=False,
        max_length=200,
        help_text=_(
            "Ví dụ: khai sinh, cấp bản sao, đăng ký kinh doanh — gõ có dấu hay không đều được."
        ),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Mọi cấp")), *AdministrativeLevel.choices],
    )
    agency = AgencyChoiceField(
        label=_("Cơ quan thực hiện"),
        required=False,
        queryset=Agency.objects.none(),
        empty_label=_("Mọi cơ quan"),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            ("", _("Mọi lĩnh vực")),
            *((name, name) for name in fields_in_force()),
        ]
        self.fields["agency"].queryset = agencies_with_procedures()


class TrackingForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_(
            "Ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.31.H99-261123-0001."
        ),
        error_messages={"required": _("Nhập mã hồ sơ ghi trên giấy hẹn.")},
    )
    so_dien_thoai = forms.CharField(
        label=_("Số điện thoại người nộp"),
        max_length=32,
        help_text=_("Số điện thoại đã khai khi nộp hồ sơ."),
        error_messages={"required": _("Nhập số điện thoại đã khai khi nộp hồ sơ.")},
    )

    def clean_ma(self) -> str:
        return self.cleaned_data["ma"].strip()

    def clean_so_dien_thoai(self) -> str:
        value = self.cleaned_data["so_dien_thoai"]
        if not normalise_phone(value):
            raise forms.ValidationError(_("Nhập số điện thoại gồm 10 chữ số, ví dụ 0912 345 678."))
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by its content when stored."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class SupplyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    files = MultipleFileField(
        label=_("Giấy tờ bổ sung"),
        help_text=_("Tệp PDF, JPEG hoặc PNG; chọn được nhiều tệp."),
        error_messages={"required": _("Chọn ít nhất một tệp giấy tờ cần bổ sung.")},
    )
    note = forms.CharField(
        label=_("Ghi chú cho cơ quan (nếu có)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Nhập lý do rút hồ sơ.")},
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng hồ sơ sẽ không được tiếp tục giải quyết khi cơ quan chấp nhận."),
        error_messages={"required": _("Đánh dấu để xác nhận bạn muốn rút hồ sơ.")},
    )
