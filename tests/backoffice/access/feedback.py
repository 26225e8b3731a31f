"""Access rows of the feedback (PAKN), delegation and paper hand-over pages (see
tests/backoffice/access/__init__.py).

Every officer reaches the lists (each sees only their agencies' share). One feedback, its
attachment and one hand-over list answer 404 to officers outside the agency or units concerned:
the feedback is one sent to Phường An Hòa, whose desk officer is `officer_b`; it has no
attachment; the demo's first hand-over list went from Phường An Hòa (whose
desk officer is `officer_b`) to Xã Tân Phú. The demo's only delegation (An Hòa's specialist to
An Hòa's desk) is managed by the specialist and An Hòa's leader, none of whom is in the table.
"""

from tests.access import OFFICER_LOGIN, OFFICER_PAGE, Row, signed_in

# An object page of an officer's area: 404 for officers who may not see it, 403 for citizens.
HIDDEN = {**signed_in(anonymous=OFFICER_LOGIN, others=404), "citizen_a": 403, "citizen_b": 403}

ROWS: dict[str, Row] = {
    "can-bo/phan-anh-kien-nghi/": Row("/can-bo/phan-anh-kien-nghi/?status=all", OFFICER_PAGE),
    "can-bo/phan-anh-kien-nghi/<int:pk>/": Row(
        "/can-bo/phan-anh-kien-nghi/{object:anhoa_feedback}/",
        HIDDEN | {"officer_b": 200, "system_admin": 200},
    ),
    "can-bo/phan-anh-kien-nghi/<int:pk>/tep-dinh-kem/": Row(
        "/can-bo/phan-anh-kien-nghi/{object:anhoa_feedback}/tep-dinh-kem/", HIDDEN
    ),
    "can-bo/uy-quyen/": Row("/can-bo/uy-quyen/", OFFICER_PAGE),
    "can-bo/uy-quyen/<int:pk>/ket-thuc/": Row(
        "/can-bo/uy-quyen/{pk:accounts.delegation}/ket-thuc/", HIDDEN | {"system_admin": 200}
    ),
    "can-bo/ban-giao/": Row("/can-bo/ban-giao/", OFFICER_PAGE),
    "can-bo/ban-giao/<int:pk>/": Row(
        "/can-bo/ban-giao/{pk:dossiers.handoverbatch}/",
        HIDDEN | {"officer_b": 200, "system_admin": 200},
    ),
}
