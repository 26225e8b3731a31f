"""The reconciliation report as an Excel workbook (đối soát thu phí, lệ phí): one sheet of the
payments with their totals by method, one of the refunds."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.core import clock
from motcua.payments.models import PaymentMethod
from motcua.payments.selectors import Reconciliation


def _cell(value):
    """Text as text: a value Excel would take for a formula (=, +, -, @) is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def reconciliation_xlsx(
    report: Reconciliation, *, agency_name: str, start: date, end: date
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Thu phi"
    bold = Font(bold=True)
    sheet.append([f"Đối soát thu phí, lệ phí — {agency_name}"])
    sheet.append([f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"])
    sheet.append([])
    header = [
        "Thời điểm nộp",
        "Mã hồ sơ",
        "Hình thức",
        "Mã giao dịch",
        "Mã tại cổng",
        "Cán bộ thu",
        "Số tiền (đồng)",
        "Đã hoàn (đồng)",
        "Nộp thừa",
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for payment in report.payments:
        sheet.append(
            [
                payment.paid_at.astimezone(clock.VN_TZ).strftime("%d/%m/%Y %H:%M")
                if payment.paid_at
                else "",
                payment.dossier.key,
                payment.get_method_display(),
                payment.reference,
                payment.provider_reference,
                payment.received_by.full_name if payment.received_by else "",
                payment.amount,
                payment.refunded_amount,
                "Có" if payment.surplus else "",
            ]
        )
    sheet.append([])
    for method, label in PaymentMethod.choices:
        sheet.append(["", "", str(label), "", "", "", report.by_method.get(method, 0)])
    sheet.append(["", "", "Tổng cộng", "", "", "", report.total])
    sheet[sheet.max_row][2].font = bold
    refunds = book.create_sheet("Hoan tien")
    refunds.append(
        ["Thời điểm", "Mã hồ sơ", "Mã giao dịch", "Số tiền hoàn (đồng)", "Lý do", "Cán bộ"]
    )
    for refund in report.refunds:
        refunds.append(
            [
                refund.at.astimezone(clock.VN_TZ).strftime("%d/%m/%Y %H:%M"),
                refund.payment.dossier.key,
                refund.payment.reference,
                refund.amount,
                _cell(refund.reason),
                refund.by.full_name or refund.by.get_username(),
            ]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
