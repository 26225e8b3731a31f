"""The catalogue format as an Excel workbook, both ways (docs/formats/catalogue.md, "Excel").

Sheet `ThuTuc` has one row per procedure, objects spread over dotted columns (`LinhVuc.Ma`,
`ThoiHanGiaiQuyet.SoLuong`, …) and lists joined with new lines; `PhiLePhi`, `ThanhPhanHoSo` and
`TruongDuLieu` have one row per item, in order, with a `MaTTHC` column; a form field's `KiemTra`
takes one column per check (`KiemTra.max_length`, …). Reading turns a workbook back into the JSON
document, which `reading` then checks like any other: this module only reshapes.
"""

from datetime import date, datetime, time
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from motcua.catalog import document as fmt

PROCEDURES_SHEET = "ThuTuc"
CODE = "MaTTHC"
ROWS_KEYS = tuple(key for key in fmt.PROCEDURE_KEYS if isinstance(key, fmt.Rows))
LIST_KINDS = (fmt.TEXTS, fmt.LEVELS)


class WorkbookError(Exception):
    """The workbook does not have the format's shape (its message says why, in Vietnamese)."""


def _columns(
    keys: tuple[fmt.Key | fmt.Group | fmt.Rows, ...], prefix: str = ""
) -> dict[str, fmt.Key]:
    """Column header → the key it holds, in the format's order."""
    columns: dict[str, fmt.Key] = {}
    for key in keys:
        if isinstance(key, fmt.Group):
            columns.update(_columns(key.keys, f"{prefix}{key.name}."))
        elif isinstance(key, fmt.Key) and key.kind == fmt.OBJECT:
            for check in fmt.CHECK_NAMES:
                columns[f"{prefix}{key.name}.{check}"] = key
        elif isinstance(key, fmt.Key):
            columns[f"{prefix}{key.name}"] = key
    return columns


PROCEDURE_COLUMNS = _columns(fmt.PROCEDURE_KEYS)
ROWS_COLUMNS = {
    rows.name: {CODE: fmt.PROCEDURE_KEYS[0], **_columns(rows.keys)} for rows in ROWS_KEYS
}


def write_workbook(document: dict[str, Any], target: str | IO[bytes]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PROCEDURES_SHEET
    procedures = document["procedures"]
    _write_sheet(sheet, PROCEDURE_COLUMNS, [_flatten(procedure) for procedure in procedures])
    for rows in ROWS_KEYS:
        lines = [
            {CODE: procedure[CODE], **_flatten(item)}
            for procedure in procedures
            for item in procedure.get(rows.name, [])
        ]
        _write_sheet(workbook.create_sheet(rows.name), ROWS_COLUMNS[rows.name], lines)
    workbook.save(target)


def read_workbook(source: str | IO[bytes]) -> dict[str, Any]:
    """The JSON document a workbook holds; raises `WorkbookError` when its shape is wrong."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError(_("Tệp không phải bảng tính Excel (.xlsx) đọc được.")) from exc
    if PROCEDURES_SHEET not in workbook.sheetnames:
        raise WorkbookError(_("Bảng tính thiếu trang %(sheet)s.") % {"sheet": PROCEDURES_SHEET})
    unknown = [
        name for name in workbook.sheetnames if name not in (PROCEDURES_SHEET, *ROWS_COLUMNS)
    ]
    if unknown:
        raise WorkbookError(
            _("Trang không được hỗ trợ: %(sheets)s.") % {"sheets": ", ".join(unknown)}
        )
    try:
        procedures = _procedures(workbook)
    finally:
        workbook.close()
    return {"procedures": procedures}


def _procedures(workbook) -> list[dict[str, Any]]:
    procedures = [
        _nest(row, PROCEDURE_COLUMNS) for _l, row in _read_sheet(workbook[PROCEDURES_SHEET])
    ]
    by_code = {p[CODE]: p for p in procedures if isinstance(p.get(CODE), str)}
    for rows in ROWS_KEYS:
        if rows.name not in workbook.sheetnames:
            continue
        for line, row in _read_sheet(workbook[rows.name]):
            code = row.pop(CODE, None)
            if code not in by_code:
                raise WorkbookError(
                    _(
                        "Trang %(sheet)s, dòng %(line)d: mã thủ tục %(code)s không có ở trang %(main)s."
                    )
                    % {"sheet": rows.name, "line": line, "code": code, "main": PROCEDURES_SHEET}
                )
            by_code[code].setdefault(rows.name, []).append(_nest(row, ROWS_COLUMNS[rows.name]))
    return procedures


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in item.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        elif not (isinstance(value, list) and value and isinstance(value[0], dict)):
            flat[f"{prefix}{name}"] = value
    return flat


def _write_sheet(sheet, columns: dict[str, fmt.Key], lines: list[dict[str, Any]]) -> None:
    headers = list(columns)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for line in lines:
        sheet.append([_cell(columns[header], line.get(header)) for header in headers])
    for cells in sheet.iter_cols(min_row=2, max_col=len(headers)):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"  # text stays text: "1.001193" is not a number


def _cell(key: fmt.Key, value: Any) -> Any:
    if key.kind in LIST_KINDS:
        return "\n".join(value) if value else None
    return None if value == "" else value


def _read_sheet(sheet) -> list[tuple[int, dict[str, Any]]]:
    rows = sheet.iter_rows(values_only=True)
    headers = [str(header).strip() if header is not None else "" for header in next(rows, ())]
    if headers and CODE not in headers:
        raise WorkbookError(
            _("Trang %(sheet)s thiếu cột %(column)s.") % {"sheet": sheet.title, "column": CODE}
        )
    found = []
    for line, values in enumerate(rows, start=2):
        row = {
            header: value
            for header, value in zip(headers, values, strict=False)
            if header and not header.startswith("_") and value not in (None, "")
        }
        if row:
            found.append((line, row))
    return found


def _nest(row: dict[str, Any], columns: dict[str, fmt.Key]) -> dict[str, Any]:
    """Dotted columns back into objects, each cell as the JSON format writes it."""
    item: dict[str, Any] = {}
    for header, value in row.items():
        key = columns.get(header)
        *parents, name = header.split(".")
        target = item
        for parent in parents:
            target = target.setdefault(parent, {})
        target[name] = _value(key, value) if key else value
    return item


def _value(key: fmt.Key, value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and key.kind != fmt.NUMBER:
        value = int(value)
    if key.kind in LIST_KINDS and isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if key.kind == fmt.TEXT and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if key.kind == fmt.DATE and isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if key.kind == fmt.TIME and isinstance(value, time | datetime):
        return value.strftime("%H:%M")
    return value
