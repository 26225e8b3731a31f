"""Keeping a province's calendar overrides (ngày nghỉ thêm, ngày làm bù) outside the Django admin.

Each function asks `workdays.manage_overrides` on the province, validates, writes and audits in one
transaction. A row must change something: a day off on a day that is already off, or a make-up
working day on a day that is already worked, is refused with the reason. Deadlines computed
before a change keep their moments; new ones count on the changed calendar.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts import access
from motcua.agencies.models import Agency, AgencyKind
from motcua.audit import services as audit
from motcua.core.errors import Conflict, ValidationFailed
from motcua.core.validation import full_clean_or_fail
from motcua.workdays.models import CalendarOverride, OverrideKind
from motcua.workdays.selectors import calendar_for


@transaction.atomic
def add_override(
    *,
    actor: Any,
    province: Agency,
    day: date,
    kind: str,
    name: str,
    legal_basis: str = "",
    note: str = "",
) -> CalendarOverride:
    """The province declares `day` a day off or a make-up working day (`kind`)."""
    if province.kind != AgencyKind.PROVINCE:
        raise TypeError("calendar overrides are declared by a province")
    access.ensure(actor, "workdays.manage_overrides", province)
    shown = day.strftime("%d/%m/%Y")
    if CalendarOverride.objects.filter(province=province, date=day).exists():
        message = _("Ngày %(day)s đã có trong danh sách của tỉnh: xóa dòng đó trước nếu cần sửa.")
        message %= {"day": shown}
        raise Conflict(message, code="override_exists", fields={"date": [message]})
    working = calendar_for(agency=province).is_working_day(day)
    if kind == OverrideKind.DAY_OFF and not working:
        raise _refuse_date(
            _("Ngày %(day)s đã là ngày nghỉ; chọn một ngày làm việc.") % {"day": shown}
        )
    if kind == OverrideKind.WORKING_DAY and working:
        raise _refuse_date(
            _("Ngày %(day)s đã là ngày làm việc; chọn một ngày nghỉ để làm bù.") % {"day": shown}
        )
    override = CalendarOverride(
        date=day,
        kind=kind,
        name=name.strip(),
        province=province,
        legal_basis=legal_basis.strip(),
        note=note.strip(),
    )
    full_clean_or_fail(override)
    override.save()
    audit.record(
        action="workdays.add_override",
        actor=actor,
        obj=override,
        data={"province": province.code, "date": day.isoformat(), "kind": kind, "name": name},
    )
    return override


@transaction.atomic
def remove_override(*, actor: Any, override: CalendarOverride) -> None:
    access.ensure(actor, "workdays.manage_overrides", override.province)
    audit.record(
        action="workdays.remove_override",
        actor=actor,
        obj=override,
        data={
            "province": override.province.code if override.province_id else None,
            "date": override.date.isoformat(),
            "kind": override.kind,
            "name": override.name,
        },
    )
    override.delete()


def _refuse_date(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"date": [message]})
