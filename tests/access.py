"""The vocabulary of the URL × role access table (tests/test_access_table.py): who the visitors
are, a row, and the usual shapes of expectation. Areas that keep their rows in their own module
(tests/backoffice/access/) use these."""

from dataclasses import dataclass, field

LOGIN = "login"
# A redirect to the officers' sign-in page (/can-bo/dang-nhap/?next=...).
OFFICER_LOGIN = "officer_login"

ACTORS = {
    "anonymous": None,
    "citizen_a": "099190001234",
    "citizen_b": "099085004321",
    # Agency A: Sở Tư pháp, whose dossiers the provincial service centre's desk receives.
    "counter_a": "motcua.tinh",
    "specialist_a": "cv.tuphap",
    "leader_a": "ld.tuphap",
    "clerk_a": "vt.tuphap",
    "agency_admin_a": "qt.tuphap",
    # Agency B: UBND phường An Hòa.
    "officer_b": "motcua.anhoa",
    "system_admin": "admin",
}
NOT_STAFF = [actor for actor in ACTORS if actor != "system_admin"]
OFFICERS = ["counter_a", "specialist_a", "leader_a", "clerk_a", "agency_admin_a", "officer_b"]
STAFF = [*OFFICERS, "system_admin"]
# An officer's page: anonymous visitors are sent to sign in, citizens are refused.
OFFICER_PAGE = {
    actor: OFFICER_LOGIN if actor == "anonymous" else 200 if actor in STAFF else 403
    for actor in ACTORS
}


@dataclass(frozen=True)
class Row:
    path: str
    expected: dict[str, int | str]
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(status: int) -> dict[str, int | str]:
    return dict.fromkeys(ACTORS, status)


def signed_in(*, anonymous: int, others: int) -> dict[str, int | str]:
    return {actor: anonymous if actor == "anonymous" else others for actor in ACTORS}


def staff(status: int | str, *, others: int | str = LOGIN) -> dict[str, int | str]:
    return {actor: status if actor == "system_admin" else others for actor in ACTORS}
