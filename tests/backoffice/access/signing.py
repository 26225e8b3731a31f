"""Access rows of the officer's signing-session page and the two calls its plug-in script makes
(see tests/backoffice/access/__init__.py). The demo has no signing session: a session is seen
only by the officer who started it, so every officer gets 404 for one that is not theirs —
like one that does not exist —, citizens 403, and anonymous visitors the sign-in page."""

from tests.access import OFFICER_LOGIN, Row, signed_in

NOT_THEIRS = {**signed_in(anonymous=OFFICER_LOGIN, others=404), "citizen_a": 403, "citizen_b": 403}
SESSION = "/can-bo/ky-so/00000000-0000-4000-8000-000000000000/"

ROWS: dict[str, Row] = {
    "can-bo/ky-so/<uuid:session_id>/": Row(SESSION, NOT_THEIRS),
    "can-bo/ky-so/<uuid:session_id>/chung-thu/": Row(
        f"{SESSION}chung-thu/", NOT_THEIRS, method="post"
    ),
    "can-bo/ky-so/<uuid:session_id>/chu-ky/": Row(f"{SESSION}chu-ky/", NOT_THEIRS, method="post"),
}
