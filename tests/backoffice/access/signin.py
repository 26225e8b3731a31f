"""Access rows of the officers' sign-in (see tests/backoffice/access/__init__.py). Every session
of the table passed both factors, so the sign-in page sends officers on; the steps after the
password need a password step in this session, which none of the table's sessions has."""

from tests.access import OFFICER_PAGE, STAFF, Row, everyone, signed_in

ROWS: dict[str, Row] = {
    "can-bo/dang-nhap/": Row(
        "/can-bo/dang-nhap/", {actor: 302 if actor in STAFF else 200 for actor in everyone(0)}
    ),
    "can-bo/dang-nhap/ma-xac-thuc/": Row("/can-bo/dang-nhap/ma-xac-thuc/", everyone(302)),
    "can-bo/dang-nhap/cai-dat-xac-thuc/": Row("/can-bo/dang-nhap/cai-dat-xac-thuc/", everyone(302)),
    "can-bo/ma-khoi-phuc/": Row("/can-bo/ma-khoi-phuc/", OFFICER_PAGE),
    "can-bo/dang-xuat/": Row(
        "/can-bo/dang-xuat/", signed_in(anonymous=302, others=302), method="post"
    ),
    "can-bo/": Row("/can-bo/", OFFICER_PAGE),
}
