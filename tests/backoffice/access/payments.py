"""Access rows of the fees pages (see tests/backoffice/access/__init__.py).

Fees are assessed and cash taken on a dossier its officer sees (Trần Thị Bình's at Phường An
Hòa: An Hòa's desk and the administrator; 404 for Sở Tư pháp's officers); a form posted empty is
sent back to the dossier page with the error. No payment has the reference below: 404 behind
the officers' door. The reconciliation report is every officer's, for the units they work in."""

from tests.access import OFFICER_LOGIN, OFFICER_PAGE, STAFF, Row
from tests.backoffice.access.inbox import dossier_page

NO_PAYMENT = "KHONGCOGIAODICH"

_NO_SUCH = {
    actor: OFFICER_LOGIN if actor == "anonymous" else 404 if actor in STAFF else 403
    for actor in OFFICER_PAGE
}

ROWS: dict[str, Row] = {
    "can-bo/ho-so/<str:key>/phi/tinh-lai/": Row(
        "/can-bo/ho-so/{dossier:binh_processing}/phi/tinh-lai/", dossier_page(302), method="post"
    ),
    "can-bo/ho-so/<str:key>/phi/tien-mat/": Row(
        "/can-bo/ho-so/{dossier:binh_processing}/phi/tien-mat/", dossier_page(302), method="post"
    ),
    "can-bo/thanh-toan/<str:reference>/hoan-tien/": Row(
        f"/can-bo/thanh-toan/{NO_PAYMENT}/hoan-tien/", _NO_SUCH, method="post"
    ),
    "can-bo/doi-soat-thu-phi/": Row("/can-bo/doi-soat-thu-phi/", OFFICER_PAGE),
    # No receipt has this lookup code: 404 behind the officers' door.
    "can-bo/bien-lai/<str:lookup_code>/": Row("/can-bo/bien-lai/KHONGCO/", _NO_SUCH),
    "can-bo/bien-lai/<str:lookup_code>/<str:how>/": Row(
        "/can-bo/bien-lai/KHONGCO/huy/", _NO_SUCH, method="post"
    ),
}
