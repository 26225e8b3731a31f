"""How the official papers word who issues them and when: the NĐ 30/2020 header (the issuing
agency under the body above it, the place and date line) and moments as the forms print them
("09 giờ 30 phút, ngày 05 tháng 01 năm 2026"). Shared by `paperwork` and `tracking_book`."""

import re
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, AgencyKind
from motcua.core import clock

# Units whose papers are headed by the body above them (NĐ 30/2020: "tên cơ quan chủ quản").
UNDER_A_SUPERIOR = frozenset(
    {
        AgencyKind.DEPARTMENT,
        AgencyKind.SECTOR_AGENCY,
        AgencyKind.SERVICE_CENTRE,
        AgencyKind.DIVISION,
        AgencyKind.ONE_STOP_DESK,
    }
)
PLACE_KINDS = frozenset({AgencyKind.PROVINCE, AgencyKind.DISTRICT, AgencyKind.COMMUNE})
_LOCALITY_PREFIX = re.compile(
    r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"
    r"(tỉnh|thành phố|quận|huyện|thị xã|xã|phường|thị trấn|đặc khu)\s+",
    re.IGNORECASE,
)


def header(agency: Agency, *, at: datetime, desk: bool = False) -> dict:
    """Who issues the paper: the agency, under the body above it where the decree asks; with
    `desk`, the agency above its one-stop desk ("Bộ phận Tiếp nhận và Trả kết quả"), unless the
    agency is itself a public service centre. With the place and the date of `at`."""
    if desk and agency.kind != AgencyKind.SERVICE_CENTRE:
        superior, issuer = agency.name, _("Bộ phận Tiếp nhận và Trả kết quả")
    else:
        parent = agency.parent if agency.kind in UNDER_A_SUPERIOR else None
        superior, issuer = (parent.name if parent else ""), agency.name
    return {"superior": superior, "issuer": issuer, "place": place(agency), "date": day(at)}


def place(agency: Agency) -> str:
    """The locality a paper is dated at: the nearest province, district or commune's name
    without its "UBND xã" prefix ("An Phú")."""
    node: Agency | None = agency
    while node is not None and node.kind not in PLACE_KINDS:
        node = node.parent
    return _LOCALITY_PREFIX.sub("", (node or agency).name)


def spoken(moment: datetime | None) -> str:
    """ "09 giờ 30 phút, ngày 05 tháng 01 năm 2026", as the forms print a moment; "" for None."""
    if moment is None:
        return ""
    local = moment.astimezone(clock.VN_TZ)
    return _("%(hour)s giờ %(minute)s phút, %(day)s") % {
        "hour": f"{local:%H}",
        "minute": f"{local:%M}",
        "day": day(local),
    }


def day(moment: datetime) -> str:
    """ "ngày 05 tháng 01 năm 2026", in Vietnam time."""
    local = moment.astimezone(clock.VN_TZ)
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{local:%d}",
        "month": f"{local:%m}",
        "year": local.year,
    }


def short_date(moment: datetime | None) -> str:
    """ "05/01/2026" in Vietnam time; "" for None."""
    return f"{moment.astimezone(clock.VN_TZ):%d/%m/%Y}" if moment else ""
