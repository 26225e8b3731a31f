"""The demo dossiers' cast and stage: who acts (`Cast`), the working days of the four weeks
before today (`Days`), and the moves every story makes — filing online or at the desk, and
taking an action at a given moment through `dossiers.services` with the clock moved there.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import count

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier
from motcua.workdays.arithmetic import WorkCalendar

BIRTH = "1.001193"
AN_HOA, TAN_PHU = "000.00.31.H99", "000.00.34.H99"
POLICE = "000.00.20.H99"  # Công an tỉnh: liên thông for the child's permanent residence
WEEKS_BACK = 4


@dataclass(frozen=True)
class Cast:
    birth: Procedure
    an_hoa: Agency
    tan_phu: Agency
    users: dict[str, User]
    # Numbers the filings, to vary the walk-in parents and the children's names.
    serial: Iterator[int] = field(default_factory=count)

    def __getitem__(self, username: str) -> User:
        return self.users[username]


class Days:
    """Working days counted from the Monday `WEEKS_BACK` weeks before today, and the last
    working days before today, on the demo calendar."""

    def __init__(self, calendar: WorkCalendar, today: date):
        self.calendar, self.today = calendar, today
        self.start = today - timedelta(days=today.weekday() + 7 * WEEKS_BACK)
        self.working = [
            day
            for offset in range((today - self.start).days)
            if calendar.is_working_day(day := self.start + timedelta(days=offset))
        ]

    def at(self, index: int, hour: int, minute: int = 0) -> datetime:
        """The `index`-th working day of the period (negative: counted back from today)."""
        return datetime.combine(self.working[index], time(hour, minute), tzinfo=clock.VN_TZ)

    def ahead(self, n: int, hour: int) -> datetime:
        """`hour` on the `n`-th working day after today."""
        day = self.today
        for _ in range(n):
            day = self.calendar.working_day_on_or_after(day + timedelta(days=1))
        return datetime.combine(day, time(hour), tzinfo=clock.VN_TZ)


# --- filing -------------------------------------------------------------------------------

BINH = {
    "name": "Trần Thị Bình",
    "id_type": "cccd",
    "id_number": "099190001234",
    "phone": "0912345678",
    "email": "binh.tran@example.com",
    "address": "Số 12 đường Lê Lợi, phường An Hòa, tỉnh An Hòa",
}
HUNG = {
    "name": "Nguyễn Văn Hùng",
    "id_type": "cccd",
    "id_number": "099085004321",
    "phone": "0987654321",
    "email": "hung.nguyen@example.com",
    "address": "Thôn Đông, xã Tân Phú, tỉnh An Hòa",
}
# Walk-in parents with no account (the identity numbers are made up, as is the province).
WALK_INS = [
    ("Lê Văn Tâm", "099092011111", "0903111222", "Tổ 3, phường An Hòa"),
    ("Phạm Thị Hoa", "099195022222", "0913222333", "Số 40 đường Trần Phú, phường An Hòa"),
    ("Đỗ Minh Khoa", "099088033333", "0923333444", "Tổ 7, phường An Hòa"),
    ("Vũ Thị Lan", "099193044444", "0934444555", "Thôn Tây, xã Tân Phú"),
    ("Hoàng Văn Nam", "099090055555", "0945555666", "Thôn Bắc, xã Tân Phú"),
    ("Ngô Thị Thu", "099196066666", "0956666777", "Số 5 đường Lê Lợi, phường An Hòa"),
    ("Bùi Quang Huy", "099087077777", "0967777888", "Thôn Nam, xã Tân Phú"),
    ("Trịnh Thị Yến", "099194088888", "0978888999", "Tổ 1, phường An Hòa"),
]
CHILDREN = ["Lê Gia Bảo", "Phạm Minh Anh", "Đỗ Khánh Linh", "Vũ Đức Minh", "Hoàng Bảo Ngọc"]


def _form(applicant: dict, *, relation: str, child: str, born: date, copies: int = 1) -> dict:
    return {
        "quan_he_voi_tre": relation,
        "ho_ten_tre": child,
        "ngay_sinh": born.isoformat(),
        "gioi_tinh": "Nữ" if child.split()[-1] in {"Anh", "Linh", "Ngọc", "Chi", "Mai"} else "Nam",
        "noi_sinh": "Trung tâm Y tế khu vực An Hòa",
        "so_dinh_danh_nguoi_yeu_cau": applicant["id_number"],
        "so_dien_thoai": applicant["phone"],
        "so_ban_sao": copies,
    }


def online(
    cast: Cast,
    moment: datetime,
    owner: str,
    *,
    agency: Agency | None = None,
    delivery_address: str = "",
    copies: int = 1,
) -> Dossier:
    """A citizen's online filing (owned by them) at their commune, asking for `copies` copies
    of the extract; the result online, or by post to `delivery_address` when one is given."""
    person = BINH if owner == "099190001234" else HUNG
    agency = agency or (cast.an_hoa if person is BINH else cast.tan_phu)
    n = next(cast.serial)
    with clock.frozen(moment):
        return services.submit(
            user=cast[owner],
            procedure=cast.birth,
            receiving_agency=agency,
            applicant=services.Applicant(**person),
            delivery_method=DeliveryMethod.POST if delivery_address else DeliveryMethod.ONLINE,
            delivery_address=delivery_address,
            form_data=_form(
                person,
                relation="Mẹ" if person is BINH else "Cha",
                child=CHILDREN[n % len(CHILDREN)],
                born=moment.date() - timedelta(days=12 + n),
                copies=copies,
            ),
        )


def walk_in(
    cast: Cast, moment: datetime, desk: str, *, competent: Agency | None = None, copies: int = 1
) -> Dossier:
    """A parent with no account at the commune's desk, received at once."""
    name, id_number, phone, address = WALK_INS[next(cast.serial) % len(WALK_INS)]
    person = {"name": name, "id_type": "cccd", "id_number": id_number, "phone": phone}
    agency = cast.an_hoa if desk == "motcua.anhoa" else cast.tan_phu
    with clock.frozen(moment):
        return services.submit(
            user=cast[desk],
            procedure=cast.birth,
            receiving_agency=agency,
            competent_agency=competent,
            applicant=services.Applicant(**person, address=address),
            delivery_method=DeliveryMethod.DESK,
            form_data=_form(
                person,
                relation="Cha" if name.split()[1] in {"Văn", "Minh", "Quang"} else "Mẹ",
                child=f"{name.split()[0]} {CHILDREN[len(name) % len(CHILDREN)].split(maxsplit=1)[1]}",
                born=moment.date() - timedelta(days=20),
                copies=copies,
            ),
            receive=True,
        )


def act(dossier: Dossier, moment: datetime, action: str, user: User, **fields) -> Dossier:
    """Take `action` at `moment` with the dossier's current version."""
    dossier.refresh_from_db()
    with clock.frozen(moment):
        return getattr(services, action)(
            user=user, dossier=dossier, expected_version=dossier.version, **fields
        )
