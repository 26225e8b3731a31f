"""Access rows of the notifications-sent page (see tests/backoffice/access/__init__.py).

Leaders and agency administrators oversee the messages of their units, system administrators
all of them; other officers are refused the list. No demo message exists when the table runs
(the seed's outbox is delivered by the running server), so sending one again answers 404 to
every officer."""

from tests.access import OFFICER_LOGIN, OFFICER_PAGE, Row, signed_in

OVERSEERS = {"leader_a", "agency_admin_a", "system_admin"}

ROWS: dict[str, Row] = {
    "can-bo/thong-bao/": Row(
        "/can-bo/thong-bao/?trang_thai=parked",
        {
            actor: status if status != 200 or actor in OVERSEERS else 403
            for actor, status in OFFICER_PAGE.items()
        },
    ),
    "can-bo/thong-bao/<int:pk>/gui-lai/": Row(
        "/can-bo/thong-bao/0/gui-lai/",
        {**signed_in(anonymous=OFFICER_LOGIN, others=404), "citizen_a": 403, "citizen_b": 403},
        method="post",
    ),
}
