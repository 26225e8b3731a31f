"""The forms of the feedback, delegation and hand-over pages. Field names are the services'
argument names, so that a service's refusal lands beside the field it is about."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.feedback.models import Category, FeedbackStatus

LOCAL_MOMENT = "%Y-%m-%dT%H:%M"


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo tiêu đề, nội dung, người gửi"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Đang cần xử lý")), ("all", _("Tất cả")), *FeedbackStatus.choices],
    )
    category = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Category.choices]
    )
    late = forms.BooleanField(label=_("Chỉ những việc trễ hạn"), required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không tiếp nhận"),
        help_text=_(
            "Công dân sẽ đọc lý do này, ví dụ: nội dung không thuộc thẩm quyền của cơ quan."
        ),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Nhập lý do không tiếp nhận.")},
    )


class AskMoreForm(forms.Form):
    question = forms.CharField(
        label=_("Nội dung đề nghị bổ sung"),
        help_text=_(
            "Nêu rõ thông tin công dân cần bổ sung; thời hạn trả lời tạm dừng đến khi họ bổ sung."
        ),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Nhập nội dung đề nghị công dân bổ sung.")},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung trả lời"),
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": _("Nhập nội dung trả lời.")},
    )


class PublishForm(forms.Form):
    public_title = forms.CharField(
        label=_("Tiêu đề công khai"),
        help_text=_("Để trống để dùng tiêu đề công dân đã gửi."),
        required=False,
        max_length=200,
    )
    public_question = forms.CharField(
        label=_("Nội dung hỏi công khai"),
        help_text=_(
            "Có thể viết gọn lại câu hỏi; để trống để dùng nội dung công dân đã gửi. Họ tên, số "
            "điện thoại, số giấy tờ và thư điện tử của người gửi luôn được che."
        ),
        required=False,
        widget=forms.Textarea,
        max_length=20000,
    )


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.full_name or obj.username
        return f"{name} — {obj.title} ({obj.username})" if obj.title else f"{name} ({obj.username})"


class DelegationForm(forms.Form):
    principal = OfficerChoiceField(
        label=_("Người vắng mặt"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Chọn người vắng mặt."),
            "invalid_choice": _(
                "Bạn chỉ đặt được người thay thế cho chính mình hoặc cho cán bộ của đơn vị bạn "
                "lãnh đạo, quản trị."
            ),
        },
    )
    substitute = OfficerChoiceField(
        label=_("Người thay thế"),
        queryset=User.objects.none(),
        empty_label=_("— Chọn người thay thế —"),
        help_text=_("Người thay thế nhận hộp việc và xử lý thay trong thời gian vắng mặt."),
        error_messages={
            "required": _("Chọn người thay thế."),
            "invalid_choice": _("Chọn người thay thế trong danh sách cán bộ cùng đơn vị."),
        },
    )
    starts_at = forms.DateTimeField(
        label=_("Từ"),
        input_formats=[LOCAL_MOMENT],
        error_messages={
            "required": _("Nhập thời điểm bắt đầu vắng mặt."),
            "invalid": _("Nhập thời điểm bắt đầu, ví dụ 08:00 ngày 15/12/2026."),
        },
    )
    ends_at = forms.DateTimeField(
        label=_("Đến"),
        input_formats=[LOCAL_MOMENT],
        error_messages={
            "required": _("Nhập thời điểm kết thúc vắng mặt."),
            "invalid": _("Nhập thời điểm kết thúc, ví dụ 17:00 ngày 19/12/2026."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do vắng mặt"),
        max_length=255,
        help_text=_("Ví dụ: nghỉ phép năm, đi công tác, đi học."),
        error_messages={"required": _("Nhập lý do vắng mặt, ví dụ: nghỉ phép năm.")},
    )

    def __init__(self, *args, principals, substitutes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principal"].queryset = principals
        self.fields["substitute"].queryset = substitutes

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Thời điểm kết thúc phải sau thời điểm bắt đầu."))
        return cleaned


class AcceptBatchForm(forms.Form):
    checked = forms.BooleanField(
        label=_("Tôi đã đối chiếu và nhận đủ hồ sơ giấy của các hồ sơ trên danh sách."),
        error_messages={
            "required": _("Đối chiếu hồ sơ giấy với danh sách rồi đánh dấu ô này để xác nhận.")
        },
    )
