"""The counter intake's forms: the applicant (filled by hand or from the ID card's QR code), the
procedure's own form fields, one line per catalogue component, where the result goes; and the
result return's form.

Forms only show fields and what was typed; the rules are the services' (`dossiers.services.submit`,
`return_result`, `delivery.services.return_by_post`), whose messages the views put on the fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.identity import IdentityDocument
from motcua.catalog.choices import FormFieldType
from motcua.catalog.models import Component, ProcedureVersion
from motcua.core.forms import MoneyField
from motcua.dossiers.models import Channel, DeliveryMethod

SEXES = [("", _("— chọn —")), ("Nam", _("Nam")), ("Nữ", _("Nữ"))]


# Dates are typed as the desk writes them (dd/mm/yyyy): a browser's date picker moves Tab
# between day, month and year, which costs the officer keystrokes.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_input() -> forms.TextInput:
    return forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class IntakeForm(forms.Form):
    """The applicant and where the result goes. `desk` and `competent` list the agencies the
    view offers; the scan field `qr` is read before anything else."""

    qr = forms.CharField(
        label=_("Quét mã QR trên thẻ CCCD"),
        required=False,
        max_length=2000,
        help_text=_(
            "Đặt con trỏ vào ô này rồi quét mã QR trên thẻ: họ tên, số định danh, ngày sinh, "
            "giới tính, nơi thường trú và ngày cấp được điền sẵn."
        ),
    )
    id_type = forms.ChoiceField(
        label=_("Loại giấy tờ tùy thân"),
        choices=IdentityDocument.choices,
        initial=IdentityDocument.PERSONAL_NUMBER,
    )
    id_number = forms.CharField(label=_("Số giấy tờ"), required=False, max_length=20)
    name = forms.CharField(label=_("Họ và tên người nộp"), required=False, max_length=255)
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"), required=False, widget=_date_input(), input_formats=DATE_FORMATS
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=SEXES, required=False)
    address = forms.CharField(label=_("Nơi thường trú / địa chỉ"), required=False, max_length=500)
    issued_on = forms.DateField(
        label=_("Ngày cấp thẻ"), required=False, widget=_date_input(), input_formats=DATE_FORMATS
    )
    # The portal account found for the ID number, owner of the dossier only once confirmed.
    account = forms.CharField(required=False, widget=forms.HiddenInput)
    account_confirmed = forms.BooleanField(required=False)
    email = forms.CharField(label=_("Thư điện tử (không bắt buộc)"), required=False, max_length=254)
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=32)
    desk = forms.ChoiceField(label=_("Đơn vị tiếp nhận"))
    competent = forms.ChoiceField(
        label=_("Cơ quan giải quyết"),
        help_text=_("Tiếp nhận hồ sơ của cơ quan khác (phi địa giới): chọn cơ quan giải quyết."),
    )
    # A dossier that came by post (the citizen mailed the papers) is registered here too.
    channel = forms.ChoiceField(
        label=_("Hồ sơ đến"),
        choices=[
            (Channel.DIRECT, _("Nộp trực tiếp tại quầy")),
            (Channel.POSTAL, _("Qua bưu chính (công dân gửi hồ sơ qua bưu điện)")),
        ],
        initial=Channel.DIRECT,
        widget=forms.RadioSelect,
        required=False,
    )
    delivery_method = forms.ChoiceField(
        label=_("Nhận kết quả"),
        choices=DeliveryMethod.choices,
        initial=DeliveryMethod.DESK,
        widget=forms.RadioSelect,
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"), required=False, max_length=500
    )
    fee_paid = forms.BooleanField(label=_("Đã thu lệ phí bằng tiền mặt"), required=False)

    def __init__(self, *args, desks=(), competent=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].choices = [(str(a.pk), a.name) for a in desks]
        self.fields["competent"].choices = [(str(a.pk), a.name) for a in competent]


def form_fields_form(version: ProcedureVersion, data=None) -> forms.Form:
    """The procedure's form (tờ khai), dense for the desk: one-line inputs, choices as a select
    (a letter picks an option), each field named `tk-<key>`. Checks are `validate_form_data`'s."""
    fields = {}
    for declared in version.form_fields.all():
        label = (
            declared.label
            if declared.required
            else _("%(label)s (không bắt buộc)") % {"label": declared.label}
        )
        kwargs = {"label": label, "help_text": declared.help, "required": False}
        if declared.type == FormFieldType.CHECKBOX:
            field = forms.BooleanField(**kwargs)
        elif declared.type == FormFieldType.CHOICE:
            choices = [("", _("— chọn —")), *((c, c) for c in declared.choices)]
            field = forms.ChoiceField(choices=choices, **kwargs)
        elif declared.type == FormFieldType.DATE:
            field = forms.CharField(widget=_date_input(), **kwargs)
        else:
            field = forms.CharField(**kwargs)
        field.declared_type = declared.type
        fields[declared.key] = field
    return type("FormFieldsForm", (forms.Form,), fields)(data, prefix="tk")


class ComponentForm(forms.Form):
    """One catalogue component: handed in or not, how many of each kind, its scan and, for a
    digitised paper, its description (number, issue date, issuer)."""

    take = forms.BooleanField(required=False)
    originals = forms.IntegerField(label=_("Bản chính"), min_value=0, max_value=100, initial=0)
    certified_copies = forms.IntegerField(
        label=_("Bản sao chứng thực"), min_value=0, max_value=100, initial=0
    )
    copies = forms.IntegerField(label=_("Bản sao"), min_value=0, max_value=100, initial=0)
    file = forms.FileField(label=_("Tệp quét"), required=False)
    # Scans already stored on an earlier post of this page: kept across errors.
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=100)
    issued_on = forms.DateField(
        label=_("Ngày cấp"), required=False, widget=_date_input(), input_formats=DATE_FORMATS
    )
    issuer = forms.CharField(label=_("Cơ quan cấp"), required=False, max_length=255)

    def __init__(self, *args, component: Component, **kwargs) -> None:
        super().__init__(*args, prefix=f"c{component.pk}", **kwargs)
        self.component = component
        self.fields["take"].label = component.name
        if not self.is_bound:
            self.initial.update(
                take=component.required,
                originals=component.originals or 0,
                certified_copies=component.certified_copies or 0,
                copies=component.copies or 0,
            )


def component_forms(version: ProcedureVersion, data=None, files=None) -> list[ComponentForm]:
    return [
        ComponentForm(data, files, component=component) for component in version.components.all()
    ]


class ReturnForm(forms.Form):
    """Handing the result over: who collected at the desk, or the shipment for the post."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    collector = forms.ChoiceField(
        label=_("Người nhận kết quả"),
        choices=[
            ("applicant", _("Chính người nộp hồ sơ")),
            ("other", _("Người khác, được ủy quyền")),
        ],
        initial="applicant",
        widget=forms.RadioSelect,
        required=False,
    )
    collector_name = forms.CharField(label=_("Họ tên người nhận thay"), required=False)
    collector_id_number = forms.CharField(
        label=_("Số định danh / CMND / hộ chiếu của người nhận thay"), required=False
    )
    authorisation_number = forms.CharField(label=_("Số văn bản ủy quyền"), required=False)
    authorisation_file = forms.FileField(
        label=_("Bản chụp văn bản ủy quyền (không bắt buộc nếu đã nhập số)"), required=False
    )
    # The scan stored by an earlier post of this page: kept across an error or a stale version.
    authorisation_kept = forms.CharField(required=False, widget=forms.HiddenInput)
    recipient = forms.CharField(label=_("Người nhận bưu gửi"), required=False, max_length=255)
    phone = forms.CharField(label=_("Số điện thoại người nhận"), required=False, max_length=32)
    address = forms.CharField(label=_("Địa chỉ nhận"), required=False, max_length=500)
    fee = MoneyField(label=_("Cước phí (đồng)"), required=False, min_value=0)
    tracking_number = forms.CharField(
        label=_("Số hiệu bưu gửi (nếu đã gửi tại quầy bưu điện)"), required=False, max_length=64
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)
