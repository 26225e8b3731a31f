"""The agency administrator's forms: officers and roles, units, hours, days off.

They only shape what was typed; the services decide (access, uniqueness, the tree's rules) and
their `ValidationFailed` fields are put back beside the fields here (`add_service_errors`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role
from motcua.agencies.hours import WEEKDAYS, Periods, parse_periods
from motcua.agencies.models import Agency
from motcua.agencies.structure import AgencyKind
from motcua.core.errors import ValidationFailed
from motcua.workdays.models import OverrideKind

GRANTABLE_ROLES = [(role.value, role.label) for role in Role if role != Role.SYSTEM_ADMIN]
WEEKDAY_LABELS = {
    "mon": _("Thứ Hai"),
    "tue": _("Thứ Ba"),
    "wed": _("Thứ Tư"),
    "thu": _("Thứ Năm"),
    "fri": _("Thứ Sáu"),
    "sat": _("Thứ Bảy"),
    "sun": _("Chủ nhật"),
}
PERIODS_PER_DAY = 2
WORKING_PERIODS = 3


def unit_choices(agency: Agency, units: list[Agency]) -> list[tuple[str, str]]:
    return [(agency.code, agency.name)] + [
        (unit.code, f"{agency.name} — {unit.name}") for unit in units
    ]


class GrantForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=GRANTABLE_ROLES,
        error_messages={"required": _("Chọn vai trò.")},
    )
    unit = forms.ChoiceField(label=_("Tại đơn vị"), error_messages={"required": _("Chọn đơn vị.")})
    include_descendants = forms.BooleanField(
        label=_("Gồm cả các đơn vị trực thuộc"),
        required=False,
        help_text=_("Chỉ dùng khi đơn vị có cơ quan cấp dưới (ví dụ UBND xã thuộc huyện)."),
    )

    def __init__(self, *args, agency: Agency, units: list[Agency], below: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(agency, units)
        if not below:
            del self.fields["include_descendants"]


class OfficerForm(GrantForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ không dấu, số và các dấu . _ - ; ví dụ cv.tuphap2."),
        error_messages={"required": _("Nhập tên đăng nhập.")},
    )
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=255, error_messages={"required": _("Nhập họ và tên.")}
    )
    title = forms.CharField(
        label=_("Chức danh"),
        max_length=100,
        required=False,
        help_text=_(
            "In bên cạnh tên trên quá trình xử lý, ví dụ Chuyên viên Phòng Hành chính tư pháp."
        ),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử dạng ten@coquan.gov.vn.")},
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("Để trống để hệ thống tạo mật khẩu; mật khẩu tạo ra chỉ hiện một lần."),
    )

    field_order = ["username", "full_name", "title", "email", "phone", "password", "role", "unit"]


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu mới"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("Để trống để hệ thống tạo mật khẩu; mật khẩu tạo ra chỉ hiện một lần."),
    )


class UnitDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Tên"), max_length=255, error_messages={"required": _("Nhập tên phòng, bộ phận.")}
    )
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=100, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Nhập địa chỉ thư điện tử dạng ten@coquan.gov.vn.")},
    )


class UnitForm(UnitDetailsForm):
    code = forms.CharField(
        label=_("Mã định danh"),
        max_length=32,
        help_text=_("Theo QĐ 20/2020/QĐ-TTg, dạng 000.03.12.H99; hệ thống gợi ý một mã còn trống."),
        error_messages={"required": _("Nhập mã định danh của phòng, bộ phận.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            (AgencyKind.DIVISION.value, AgencyKind.DIVISION.label),
            (AgencyKind.ONE_STOP_DESK.value, AgencyKind.ONE_STOP_DESK.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn loại đơn vị.")},
    )

    field_order = ["code", "name", "short_name", "kind", "address", "phone", "email"]


def _time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Nhập giờ dạng 07:30.")},
    )


class HoursForm(forms.Form):
    """Working periods (up to three a day) and desk hours (up to two periods each weekday); each
    part left to inherit from the unit above when its box is ticked."""

    inherit_working = forms.BooleanField(
        label=_("Dùng giờ làm việc của đơn vị cấp trên"), required=False
    )
    inherit_desk = forms.BooleanField(
        label=_("Dùng giờ tiếp công dân của đơn vị cấp trên"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, WORKING_PERIODS + 1):
            self.fields[f"work_{n}_start"] = _time_field(_("Khoảng %(n)s — từ") % {"n": n})
            self.fields[f"work_{n}_end"] = _time_field(_("Khoảng %(n)s — đến") % {"n": n})
        for day in WEEKDAYS:
            for n in range(1, PERIODS_PER_DAY + 1):
                label = WEEKDAY_LABELS[day]
                self.fields[f"{day}_{n}_start"] = _time_field(
                    _("%(day)s, khoảng %(n)s — từ") % {"day": label, "n": n}
                )
                self.fields[f"{day}_{n}_end"] = _time_field(
                    _("%(day)s, khoảng %(n)s — đến") % {"day": label, "n": n}
                )

    @staticmethod
    def initial_for(unit: Agency, *, working: Periods, desk: dict[str, Periods]) -> dict:
        """The unit's own hours, or the ones it inherits (`working`, `desk`) as a starting point
        for declaring its own."""
        initial = {"inherit_working": not unit.working_periods, "inherit_desk": not unit.desk_hours}
        for n, (start, end) in enumerate(working[:WORKING_PERIODS], start=1):
            initial[f"work_{n}_start"], initial[f"work_{n}_end"] = start, end
        for day, periods in desk.items():
            for n, (start, end) in enumerate(periods[:PERIODS_PER_DAY], start=1):
                initial[f"{day}_{n}_start"], initial[f"{day}_{n}_end"] = start, end
        return initial

    def _pairs(self, prefix: str, count: int) -> list[list[str]] | None:
        """The filled periods under `prefix`, as "HH:MM" pairs; None after an error."""
        pairs = []
        for n in range(1, count + 1):
            start = self.cleaned_data.get(f"{prefix}_{n}_start")
            end = self.cleaned_data.get(f"{prefix}_{n}_end")
            if start is None and end is None:
                continue
            if start is None or end is None:
                missing = f"{prefix}_{n}_start" if start is None else f"{prefix}_{n}_end"
                self.add_error(missing, _("Nhập đủ giờ bắt đầu và giờ kết thúc."))
                return None
            pairs.append([start.strftime("%H:%M"), end.strftime("%H:%M")])
        try:
            parse_periods(pairs)
        except ValidationFailed as exc:
            self.add_error(f"{prefix}_1_start", exc.message)
            return None
        return pairs

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        working = [] if cleaned["inherit_working"] else self._pairs("work", WORKING_PERIODS)
        if working == [] and not cleaned["inherit_working"]:
            self.add_error(
                "work_1_start",
                _("Nhập ít nhất một khoảng giờ làm việc, hoặc chọn dùng giờ của đơn vị cấp trên."),
            )
        desk: dict | None = {}
        if not cleaned["inherit_desk"]:
            for day in WEEKDAYS:
                pairs = self._pairs(day, PERIODS_PER_DAY)
                if pairs is None:
                    desk = None
                    break
                if pairs:
                    desk[day] = pairs
        cleaned["working_periods"], cleaned["desk_hours"] = working, desk
        return cleaned

    def working_rows(self):
        return [
            (n, self[f"work_{n}_start"], self[f"work_{n}_end"])
            for n in range(1, WORKING_PERIODS + 1)
        ]

    def desk_rows(self):
        return [
            (
                WEEKDAY_LABELS[day],
                [
                    (self[f"{day}_{n}_start"], self[f"{day}_{n}_end"])
                    for n in range(1, PERIODS_PER_DAY + 1)
                ],
            )
            for day in WEEKDAYS
        ]


class OverrideForm(forms.Form):
    date = forms.DateField(
        label=_("Ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Chọn ngày."), "invalid": _("Nhập ngày dạng dd/mm/yyyy.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=OverrideKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn ngày nghỉ hay ngày làm bù.")},
    )
    name = forms.CharField(
        label=_("Tên"),
        max_length=255,
        help_text=_("Ví dụ: Nghỉ kỷ niệm ngày thành lập tỉnh."),
        error_messages={"required": _("Nhập tên ngày nghỉ, ngày làm bù.")},
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=255,
        required=False,
        help_text=_("Văn bản quyết định, ví dụ Quyết định số 12/QĐ-UBND ngày 02/01/2026."),
    )
