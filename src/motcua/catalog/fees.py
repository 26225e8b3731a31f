"""What a dossier pays: the fee lines of a version for one channel, case, quantity and applicant.

Rules, as the catalogue records them (docs/formats/catalogue.md, `PhiLePhi`):
- a fee with a case (`TruongHop`) applies only to that case; a fee without one applies always;
- filed online, a fee with an online amount (`MucThuTrucTuyen`, often lower) charges that;
- a fee per page, copy or set (`TinhTheo`) is multiplied by how many the dossier has;
- an applicant in one of a fee's exemption groups (`DoiTuongMienGiam`) pays nothing for it;
- a fee whose amount the province sets (`MucThu` null) is listed with no amount.
Cases and groups compare folded ("Hộ nghèo" is "ho ngheo").
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from motcua.catalog.choices import FeeBasis
from motcua.catalog.models import Fee, ProcedureVersion
from motcua.core.text import fold


class Channel(StrEnum):
    ONLINE = "online"
    COUNTER = "counter"  # at the one-stop desk, or by post


@dataclass(frozen=True)
class FeeLine:
    fee: Fee
    unit_amount: int | None
    quantity: int
    amount: int | None  # integer VND; None when the province sets it and the catalogue lacks it
    exempt_as: str = ""  # the exemption group that waives it


def fees_for(
    version: ProcedureVersion,
    *,
    channel: Channel | str,
    quantities: Mapping[str, int] | None = None,
    case: str = "",
    exemptions: Iterable[str] = (),
) -> list[FeeLine]:
    """The lines to pay, in the version's order. `quantities` counts pages, copies or sets by
    basis (`{"trang": 12, "ban": 2}`; missing means 1); `exemptions` are the groups the applicant
    belongs to."""
    counts = quantities or {}
    if any(count < 0 for count in counts.values()):
        raise ValueError(f"quantities cannot be negative: {counts}")
    groups = {fold(group) for group in exemptions}
    lines = []
    for fee in version.fees.all():
        if fee.case and fold(fee.case) != fold(case):
            continue
        unit_amount = fee.amount
        if channel == Channel.ONLINE and fee.online_amount is not None:
            unit_amount = fee.online_amount
        quantity = 1 if fee.basis == FeeBasis.DOSSIER else counts.get(fee.basis, 1)
        exempt_as = next((g for g in fee.exemptions if fold(g) in groups), "")
        amount = None if unit_amount is None else unit_amount * quantity
        if exempt_as:
            amount = 0
        lines.append(FeeLine(fee, unit_amount, quantity, amount, exempt_as))
    return lines


def total(lines: Iterable[FeeLine]) -> int | None:
    """What the lines add up to, in VND; None when any amount is unknown."""
    amounts = [line.amount for line in lines]
    return None if None in amounts else sum(amounts)
