"""The result document's forms on the dossier page: draft it (from the result template or an
uploaded PDF), sign it (the leader who approved it), issue it (the records clerk); and `FORMS`,
every form the dossier page posts, by the name in its URL."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.inbox.forms import ACTION_FORMS, ActionForm, AttachResultForm
from motcua.core import clock
from motcua.dossiers.services.signing import CAPACITIES
from motcua.workflow.actions import Action

# Not an action of the engine: `attach_result` with a document to be signed.
DRAFT_RESULT = "draft_result"


class DraftResultForm(AttachResultForm):
    note = None
    title = forms.CharField(
        label=_("Trích yếu văn bản kết quả"),
        max_length=300,
        help_text=_("Ví dụ: Giấy xác nhận tình trạng hôn nhân của bà Nguyễn Thị Bình."),
        error_messages={"required": _("Nhập trích yếu văn bản kết quả.")},
    )
    body = forms.CharField(
        label=_("Nội dung văn bản"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hệ thống tạo văn bản theo mẫu kết quả. Bỏ trống nếu tải lên bản dự thảo."),
    )
    file = forms.FileField(
        label=_("Hoặc tải lên bản dự thảo (PDF)"),
        required=False,
        help_text=_("Chữ ký số sẽ đặt ở góc dưới bên phải trang cuối."),
    )


class SignForm(ActionForm):
    capacity = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        required=False,
        choices=[
            ("", _("Ký trực tiếp (người đứng đầu)")),
            *[(c, c) for c in CAPACITIES if c],
        ],
        help_text=_("KT.: ký thay; TL.: thừa lệnh; TUQ.: thừa ủy quyền; Q.: quyền; TM.: thay mặt."),
    )
    title = forms.CharField(
        label=_("Chức vụ ghi trên chữ ký"),
        max_length=120,
        help_text=_("Ví dụ: CHỦ TỊCH, PHÓ CHỦ TỊCH. Với KT., ghi chức vụ của người đứng đầu."),
        error_messages={"required": _("Nhập chức vụ người ký.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = (self.user.title or "").upper()


class IssueForm(ActionForm):
    number = forms.CharField(
        label=_("Số, ký hiệu văn bản"),
        max_length=60,
        help_text=_("Ví dụ: 125/QĐ-UBND."),
        error_messages={"required": _("Nhập số, ký hiệu văn bản.")},
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": _("Chọn ngày ban hành.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = clock.now().astimezone(clock.VN_TZ).date()

    def clean_issued_on(self) -> date:
        value = self.cleaned_data["issued_on"]
        if value > clock.now().astimezone(clock.VN_TZ).date():
            raise forms.ValidationError(_("Ngày ban hành không được sau hôm nay."))
        return value


FORMS = {
    **ACTION_FORMS,
    DRAFT_RESULT: DraftResultForm,
    Action.SIGN: SignForm,
    Action.ISSUE: IssueForm,
}
