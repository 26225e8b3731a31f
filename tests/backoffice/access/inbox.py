"""Access rows of the inbox and the dossier pages (see tests/backoffice/access/__init__.py).

Trần Thị Bình's dossier at Phường An Hòa is seen by An Hòa's desk officer and the
administrator; Sở Tư pháp's officers get 404, as for a dossier that does not exist. An action
posted without its fields is refused (400) for those who see the dossier. The demo's dossier
has no stored file with that id: 404 for everyone who passes the officers' door. The late-work
list is the leaders' (and the administrator's); the tracking book every officer's."""

from tests.access import OFFICER_LOGIN, OFFICER_PAGE, STAFF, Row

NO_FILE = "00000000-0000-4000-8000-000000000000"


def dossier_page(status_for_an_hoa: int) -> dict[str, int | str]:
    return {
        actor: OFFICER_LOGIN
        if actor == "anonymous"
        else (status_for_an_hoa if actor in ("officer_b", "system_admin") else 404)
        if actor in STAFF
        else 403
        for actor in OFFICER_PAGE
    }


ROWS: dict[str, Row] = {
    # Every officer keeps the tracking book of the units they work in.
    "can-bo/so-theo-doi/": Row("/can-bo/so-theo-doi/", OFFICER_PAGE),
    "can-bo/tre-han/": Row(
        "/can-bo/tre-han/",
        {
            actor: 200 if actor in ("leader_a", "system_admin") else expected
            for actor, expected in OFFICER_PAGE.items()
        }
        | {actor: 403 for actor in STAFF if actor not in ("leader_a", "system_admin")},
    ),
    "can-bo/ho-so/<str:key>/": Row("/can-bo/ho-so/{dossier:binh_processing}/", dossier_page(200)),
    "can-bo/ho-so/<str:key>/tep/<uuid:file_id>/": Row(
        f"/can-bo/ho-so/{{dossier:binh_processing}}/tep/{NO_FILE}/", dossier_page(404)
    ),
    "can-bo/ho-so/<str:key>/<dossier_action:action>/": Row(
        "/can-bo/ho-so/{dossier:binh_processing}/forward/", dossier_page(400), method="post"
    ),
}
