"""Mẫu 07, the tracking book (sổ theo dõi hồ sơ): the dossiers a unit received over a period, as
rows (`tracking_book`), as the template's context (`tracking_book_context`) and as an Excel
workbook (`tracking_book_xlsx`)."""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.dossiers import paper_text
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.workflow.actions import Action


def tracking_book(
    *, unit: Agency, start: date, end: date, status: str | None = None
) -> list[dict[str, Any]]:
    """Mẫu 07's rows: the dossiers `unit` (or a unit below it) received from `start` to `end`
    (days in Vietnam time, both included), optionally only those in `status`, by receipt time.
    Dates are datetimes (None when not yet), for the spreadsheet; `tracking_book_context` turns
    them into text. A fixed number of queries whatever the number of rows."""
    dossiers = Dossier.objects.filter(
        receiving_agency__path__startswith=unit.path,
        received_at__gte=datetime.combine(start, time.min, tzinfo=clock.VN_TZ),
        received_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=clock.VN_TZ),
    )
    if status:
        dossiers = dossiers.filter(status=status)
    return tracking_book_rows(dossiers=dossiers)


def tracking_book_rows(*, dossiers: QuerySet[Dossier]) -> list[dict[str, Any]]:
    """Mẫu 07's rows for `dossiers` (any selection, such as one dossier's own line), by
    receipt time; two queries whatever their number."""
    dossiers = (
        dossiers.select_related("procedure_version__field")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=DossierEvent.objects.filter(action=Action.RECEIVE).select_related("actor"),
                to_attr="receipts",
            )
        )
        .order_by("received_at", "pk")
    )
    rows = []
    for index, dossier in enumerate(dossiers, start=1):
        receipt = dossier.receipts[-1] if dossier.receipts else None
        field = dossier.procedure_version.field
        rows.append(
            {
                "index": index,
                "code": dossier.key,
                "summary": dossier.procedure_version.name,
                "sets": 1,
                "owner": dossier.applicant_name,
                "address": dossier.applicant_address,
                "phone": dossier.applicant_phone,
                "received_at": dossier.received_at,
                "due_at": dossier.appointment_at,
                "returned_at": dossier.returned_at,
                "officer": receipt.actor.full_name if receipt and receipt.actor else "",
                "area": field.name if field else "",
            }
        )
    return rows


BOOK_DATES = ("received_at", "due_at", "returned_at")


def tracking_book_context(
    *,
    unit: Agency,
    start: date | None = None,
    end: date | None = None,
    status: str | None = None,
    rows: list[dict[str, Any]] | None = None,
) -> dict:
    """Mẫu 07's context: `rows` (by default `tracking_book(...)` of `unit` from `start` to
    `end`) with their dates as text. Without `start` and `end` the period is that of the rows'
    receipts (one dossier's own line, say)."""
    if rows is None:
        if start is None or end is None:
            raise ValueError("the tracking book needs its rows or its period")
        rows = tracking_book(unit=unit, start=start, end=end, status=status)
    if start is None or end is None:
        days = [row["received_at"].astimezone(clock.VN_TZ).date() for row in rows]
        start, end = (min(days), max(days)) if days else (None, None)
    period = (
        _("Từ ngày %(start)s đến ngày %(end)s")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        if start and end
        else ""
    )
    return {
        "header": paper_text.header(unit, at=clock.now(), desk=True),
        "unit": unit.name,
        "period": period,
        "status": str(Status(status).label) if status else "",
        "rows": [
            {key: clock.shown(value) if key in BOOK_DATES else value for key, value in row.items()}
            for row in rows
        ],
    }


BOOK_COLUMNS = (
    ("index", _("STT"), 6),
    ("code", _("Mã hồ sơ"), 24),
    ("summary", _("Trích yếu (tên thủ tục)"), 40),
    ("sets", _("Số bộ"), 7),
    ("owner", _("Chủ hồ sơ"), 24),
    ("address", _("Địa chỉ"), 30),
    ("phone", _("Số điện thoại"), 14),
    ("received_at", _("Ngày nhận"), 17),
    ("due_at", _("Ngày hẹn trả"), 17),
    ("returned_at", _("Ngày trả kết quả"), 17),
    ("officer", _("Người tiếp nhận"), 22),
    ("area", _("Lĩnh vực"), 18),
)


def tracking_book_xlsx(
    rows: list[dict[str, Any]], *, unit_name: str, start: date, end: date
) -> bytes:
    """Mẫu 07 as an Excel workbook: a title, the period, Vietnamese column headers, one row per
    dossier; dates are real Excel dates (Vietnam time) so that the sheet sorts and filters."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sổ theo dõi hồ sơ")
    sheet.append([_("SỔ THEO DÕI HỒ SƠ")])
    sheet.append(
        [
            _("Đơn vị: %(unit)s; từ ngày %(start)s đến ngày %(end)s")
            % {"unit": unit_name, "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        ]
    )
    sheet.append([str(title) for _key, title, _width in BOOK_COLUMNS])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row[key]) for key, _title, _width in BOOK_COLUMNS])
        for cell in sheet[sheet.max_row]:
            # What a citizen typed (a name, an address) is text, never a formula to run.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for column, (key, _title, width) in enumerate(BOOK_COLUMNS, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = width
        if key in BOOK_DATES:
            for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=column, max_col=column):
                cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(value: Any) -> Any:
    # Excel has no time zones: write the Vietnam wall-clock time.
    if isinstance(value, datetime):
        return value.astimezone(clock.VN_TZ).replace(tzinfo=None)
    return value
