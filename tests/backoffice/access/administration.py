"""Access rows of the agency administration (see tests/backoffice/access/__init__.py).

Officers who administer no agency are refused (403), as are citizens; the agency administrator of
Sở Tư pháp reaches its pages and gets 404 for Phường An Hòa's (as for a code that does not
exist); the system administrator reaches every agency's. The demo has no calendar override, so
removing one is 404 for whoever may come in."""

from tests.access import ACTORS, OFFICER_LOGIN, Row

STP = "/can-bo/quan-tri/000.00.12.H99/"
AN_HOA = "/can-bo/quan-tri/000.00.31.H99/"


def administrators(*, agency_admin_a: int, system_admin: int = 200) -> dict[str, int | str]:
    """Anonymous visitors sent to sign in; the two administrators as given; anyone else 403."""
    expected: dict[str, int | str] = dict.fromkeys(ACTORS, 403)
    expected |= {"anonymous": OFFICER_LOGIN, "agency_admin_a": agency_admin_a}
    expected["system_admin"] = system_admin
    return expected


OWN = administrators(agency_admin_a=200)
NOT_THEIRS = administrators(agency_admin_a=404)

ROWS: dict[str, Row] = {
    "can-bo/quan-tri/": Row("/can-bo/quan-tri/", OWN),
    "can-bo/quan-tri/<str:code>/can-bo/": Row(f"{STP}can-bo/", OWN),
    "can-bo/quan-tri/<str:code>/can-bo-moi/": Row(f"{STP}can-bo-moi/", OWN),
    "can-bo/quan-tri/<str:code>/can-bo/<str:username>/": Row(
        f"{AN_HOA}can-bo/cv.anhoa/", NOT_THEIRS
    ),
    # The confirmation pages; the action is their POST.
    "can-bo/quan-tri/<str:code>/can-bo/<str:username>/thu-hoi/<str:role>/<str:unit>/": Row(
        f"{STP}can-bo/cv.tuphap/thu-hoi/specialist/000.01.12.H99/", OWN
    ),
    "can-bo/quan-tri/<str:code>/can-bo/<str:username>/<slug:action>/": Row(
        f"{STP}can-bo/cv.tuphap/khoa/", OWN
    ),
    "can-bo/quan-tri/<str:code>/don-vi/": Row(f"{STP}don-vi/", OWN),
    "can-bo/quan-tri/<str:code>/don-vi-moi/": Row(f"{STP}don-vi-moi/", OWN),
    "can-bo/quan-tri/<str:code>/don-vi/<str:unit_code>/": Row(f"{STP}don-vi/000.01.12.H99/", OWN),
    "can-bo/quan-tri/<str:code>/quy-trinh/": Row(f"{AN_HOA}quy-trinh/", NOT_THEIRS),
    # The demo's first process version: the province's default for birth registration, which
    # An Hòa follows.
    "can-bo/quan-tri/<str:code>/quy-trinh/<int:version_id>/": Row(
        f"{AN_HOA}quy-trinh/{{pk:workflow.processversion}}/", NOT_THEIRS
    ),
    "can-bo/quan-tri/<str:code>/gio-lam-viec/": Row(f"{STP}gio-lam-viec/", OWN),
    "can-bo/quan-tri/<str:code>/gio-lam-viec/<str:unit_code>/": Row(
        f"{STP}gio-lam-viec/000.00.12.H99/", OWN
    ),
    "can-bo/quan-tri/<str:code>/ngay-nghi/": Row(f"{STP}ngay-nghi/", OWN),
    "can-bo/quan-tri/<str:code>/ngay-nghi/<int:override_id>/xoa/": Row(
        f"{STP}ngay-nghi/0/xoa/", administrators(agency_admin_a=404, system_admin=404)
    ),
}
