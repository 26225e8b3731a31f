"""The result document's forms on the dossier page: draft it (from the result template or an
uploaded PDF), sign it (the leader who approved it), issue it (the records clerk); and `FORMS`,
every form the dossier page posts, by the name in its URL."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.inbox.forms import ACTION_FORMS, ActionForm, AttachResultForm
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import RegisterEntry, ResultDocument
from motcua.dossiers.services.signing import CAPACITIES
from motcua.signatures import selectors as credentials
from motcua.signatures.models import CredentialKind
from motcua.workflow.actions import Action

# Not an action of the engine: `attach_result` with a document to be signed.
DRAFT_RESULT = "draft_result"


class DraftResultForm(AttachResultForm):
    # The text first: the upload is the alternative ("Hoặc …"), not the first thing asked.
    field_order = ["title", "body", "file"]
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
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Chữ ký số sẽ đặt ở góc dưới bên phải trang cuối."),
    )


HOW_SIGNED = {
    CredentialKind.PKCS12: _("Văn bản được ký ngay khi bấm nút."),
    CredentialKind.PKCS11: _("Văn bản được ký ngay khi bấm nút."),
    CredentialKind.REMOTE: _(
        "Sau khi bấm nút, hãy xác nhận yêu cầu ký trên ứng dụng ký số từ xa của điện thoại "
        "bằng mã PIN; trang ký số tự chuyển tiếp khi đã ký."
    ),
    CredentialKind.PLUGIN: _(
        "Sau khi bấm nút, trang ký số gọi phần mềm ký số trên máy tính này: cắm thiết bị ký "
        "số và nhập mã PIN."
    ),
}


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

    # The draft the page showed: what the leader read is what gets signed.
    draft = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = (self.user.title or "").upper()
        document = ResultDocument.objects.filter(dossier=self.dossier).only("draft_id").first()
        self.fields["draft"].initial = str(document.draft_id) if document else ""

    def service_fields(self) -> dict:
        fields = super().service_fields()
        fields["draft"] = fields.get("draft") or None
        return fields

    @cached_property
    def explanation(self) -> str:
        """What happens on "Ký số kết quả" with this leader's credential: signed at once, or a
        confirmation on the phone or the signing device (the signing page waits for it)."""
        try:
            credential = credentials.personal_credential(self.user)
        except Conflict:
            return ""  # the service says so when they sign
        how = HOW_SIGNED.get(credential.kind, HOW_SIGNED[CredentialKind.PKCS12])
        return _("Ký bằng chứng thư số %(label)s. %(how)s") % {
            "label": credential.label,
            "how": how,
        }


class IssueForm(ActionForm):
    number = forms.CharField(
        label=_("Số, ký hiệu văn bản"),
        max_length=60,
        help_text=_("Ví dụ: 125/QĐ-UBND. Văn bản đã vào sổ mang số vào sổ của nó."),
        error_messages={"required": _("Nhập số, ký hiệu văn bản.")},
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        # Typed as Vietnamese write it: a browser's date picker follows the browser's own
        # language, and an English one shows 12/03/2026 for 3 December.
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("Ngày/tháng/năm, ví dụ 25/12/2026."),
        error_messages={
            "required": _("Nhập ngày ban hành."),
            "invalid": _("Ghi ngày ban hành theo ngày/tháng/năm, ví dụ 25/12/2026."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # As text: a date object would be written out the long Vietnamese way ("3 tháng 12
        # năm 2026"), which the field cannot read back.
        today = clock.now().astimezone(clock.VN_TZ).date()
        self.fields["issued_on"].initial = today.strftime("%d/%m/%Y")
        # A result entered in a register carries the register's number on its face.
        entry = RegisterEntry.objects.filter(dossier=self.dossier).select_related("register")
        if entry := entry.first():
            self.fields["number"].initial = f"{entry.number}/{entry.register.year}"


FORMS = {
    **ACTION_FORMS,
    DRAFT_RESULT: DraftResultForm,
    Action.SIGN: SignForm,
    Action.ISSUE: IssueForm,
}
