"""Due moments as officers read them (design.md): the date, and the working time left or past on
the unit's calendar — "còn 3 giờ làm việc", "quá hạn 2 ngày 1 giờ làm việc" — with a tone: red
when past, amber when due today. One reading for every back-office screen."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.workdays.arithmetic import WorkCalendar
from motcua.workdays.selectors import calendar_for

HOURS_PER_DAY = 8  # a working day (vn-rules.md)


@dataclass(frozen=True)
class Due:
    at: datetime
    words: str
    late: bool
    today: bool

    @property
    def tone(self) -> str:
        """ "overdue" (red), "today" (amber) or "" (neutral)."""
        return "overdue" if self.late else "today" if self.today else ""

    @property
    def label(self) -> str:
        if self.late:
            return _("Quá hạn")
        if self.today:
            return _("Đến hạn hôm nay")
        return _("Trong hạn")

    @property
    def shown(self) -> str:
        return clock.shown(self.at)


def due(moment: datetime, *, calendar: WorkCalendar, now: datetime | None = None) -> Due:
    """`moment` with the working time left until it, or past it, on `calendar`."""
    current = (now or clock.now()).astimezone(clock.VN_TZ)
    moment = moment.astimezone(clock.VN_TZ)
    today = moment.date() == current.date()
    if current <= moment:
        left = calendar.working_time_between(start=current, end=moment)
        return Due(moment, _("còn %(span)s") % {"span": _span(left)}, late=False, today=today)
    past = calendar.working_time_between(start=moment, end=current)
    return Due(moment, _("quá hạn %(span)s") % {"span": _span(past)}, late=True, today=today)


class Calendars:
    """One calendar per agency for a page (each costs a few queries to build)."""

    def __init__(self) -> None:
        self._built: dict[int, WorkCalendar] = {}

    def of(self, agency: Agency) -> WorkCalendar:
        if agency.pk not in self._built:
            self._built[agency.pk] = calendar_for(agency=agency)
        return self._built[agency.pk]


def _span(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    days, hours = divmod(hours, HOURS_PER_DAY)
    if days and hours:
        return _("%(days)s ngày %(hours)s giờ làm việc") % {"days": days, "hours": hours}
    if days:
        return _("%(days)s ngày làm việc") % {"days": days}
    if hours:
        return _("%(hours)s giờ làm việc") % {"hours": hours}
    return _("%(minutes)s phút làm việc") % {"minutes": max(rest, 1)}
