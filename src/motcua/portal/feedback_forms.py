"""The forms of the feedback pages: searching the published Q&A, sending feedback, replying to
the agency, and rating a dossier on the configured criteria."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.feedback.models import Category, RatingCriterion
from motcua.feedback.selectors import published_agencies, published_fields
from motcua.portal.forms import AgencyChoiceField

TITLE_MAX, CONTENT_MAX = 200, 4000


class QuestionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm câu hỏi"),
        required=False,
        max_length=200,
        help_text=_("Ví dụ: khai sinh cho con, bản sao trích lục — gõ có dấu hay không đều được."),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    agency = AgencyChoiceField(
        label=_("Cơ quan trả lời"),
        required=False,
        queryset=Agency.objects.none(),
        empty_label=_("Mọi cơ quan"),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            ("", _("Mọi lĩnh vực")),
            *((name, name) for name in published_fields()),
        ]
        self.fields["agency"].queryset = published_agencies()


class SendForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Ông/Bà muốn gửi"),
        choices=[
            (Category.REPORT, _("Phản ánh — việc chậm trễ, gây phiền hà, làm không đúng quy định")),
            (Category.PROPOSAL, _("Kiến nghị — đề xuất sửa đổi, bổ sung quy định, thủ tục")),
            (Category.QUESTION, _("Câu hỏi — cần được hướng dẫn, giải đáp")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn phản ánh, kiến nghị hoặc hỏi đáp.")},
    )
    agency = AgencyChoiceField(
        label=_("Gửi tới cơ quan"),
        queryset=Agency.objects.none(),
        empty_label=_("— Chọn cơ quan —"),
        to_field_name="code",
        error_messages={"required": _("Chọn cơ quan Ông/Bà muốn gửi tới.")},
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=TITLE_MAX,
        help_text=_("Một câu ngắn, ví dụ: Thời hạn cấp bản sao trích lục khai sinh."),
        error_messages={"required": _("Nhập tiêu đề, ví dụ: Thời hạn cấp giấy khai sinh.")},
    )
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Trình bày rõ sự việc hoặc câu hỏi. Khi công khai câu trả lời, họ tên, số điện "
            "thoại, số giấy tờ của Ông/Bà được ẩn."
        ),
        error_messages={"required": _("Nhập nội dung Ông/Bà muốn phản ánh, kiến nghị hoặc hỏi.")},
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (nếu có)"),
        required=False,
        help_text=_("Một tệp PDF, JPEG hoặc PNG."),
    )

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            only = list(agencies[:2])
            if len(only) == 1:
                self.fields["agency"].initial = only[0].code


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Thông tin Ông/Bà bổ sung"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Nhập thông tin cơ quan đề nghị Ông/Bà bổ sung.")},
    )


class RatingForm(forms.Form):
    """One radio group per criterion (`criterion_<number>`), then an optional comment."""

    comment = forms.CharField(
        label=_("Ý kiến khác (nếu có)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria: list[RatingCriterion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.number}"] = forms.TypedChoiceField(
                label=f"{criterion.number}. {criterion.text}",
                choices=[(str(points), text) for points, text in criterion.options()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Chọn một mức đánh giá cho tiêu chí này.")},
            )
        # The comment comes last on the page.
        self.order_fields([f"criterion_{c.number}" for c in criteria] + ["comment"])

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[f"criterion_{c.number}"] for c in self.criteria]

    def scores(self) -> dict[int, int]:
        return {c.number: self.cleaned_data[f"criterion_{c.number}"] for c in self.criteria}
