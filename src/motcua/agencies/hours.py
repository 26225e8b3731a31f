"""Working periods (for deadlines) and desk opening hours, stored as "HH:MM" pairs."""

from datetime import time
from itertools import pairwise

from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed

Periods = tuple[tuple[time, time], ...]

# vn-rules.md: 07:30–11:30 and 13:00–17:00, 8 hours a day, unless the agency says otherwise.
DEFAULT_WORKING_PERIODS: Periods = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_periods(raw: list) -> Periods:
    """[["07:30", "11:30"], ...] → ((time(7, 30), time(11, 30)), ...), sorted, without overlaps."""
    periods = []
    for pair in raw:
        try:
            start, end = (time.fromisoformat(value) for value in pair)
        except (TypeError, ValueError) as exc:
            raise ValidationFailed(
                _('Khoảng giờ %(pair)s không hợp lệ: ghi dạng ["07:30", "11:30"].') % {"pair": pair}
            ) from exc
        if start >= end:
            raise ValidationFailed(
                _("Giờ bắt đầu %(start)s phải trước giờ kết thúc %(end)s.")
                % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
            )
        periods.append((start, end))
    periods.sort()
    for (_start, end), (next_start, _end) in pairwise(periods):
        if next_start < end:
            raise ValidationFailed(_("Các khoảng giờ làm việc không được chồng lên nhau."))
    return tuple(periods)


def format_periods(periods: Periods) -> list[list[str]]:
    return [[start.strftime("%H:%M"), end.strftime("%H:%M")] for start, end in periods]


def parse_desk_hours(raw: dict) -> dict[str, Periods]:
    """{"mon": [["07:30", "11:30"]], "sat": [...]} → periods per weekday; unknown days refused."""
    unknown = set(raw) - set(WEEKDAYS)
    if unknown:
        raise ValidationFailed(
            _("Ngày không hợp lệ trong giờ tiếp công dân: %(days)s (dùng mon…sun).")
            % {"days": ", ".join(sorted(unknown))}
        )
    return {day: parse_periods(raw[day]) for day in WEEKDAYS if day in raw}
