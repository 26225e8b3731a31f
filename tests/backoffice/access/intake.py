"""Access rows of the counter's pages (see tests/backoffice/access/__init__.py): intake is for
the one-stop desks' officers (and system administrators, who may act at any desk); the receipt
and the return page answer 404 for a dossier the officer may not see, like the rest of the back
office. The return page is the demo's ready dossier's, at Xã Tân Phú, where none of the table's
officers works: the system administrator may hand it over, the others do not see it."""

from tests.access import OFFICER_LOGIN, Row, signed_in

DESKS = ("counter_a", "officer_b", "system_admin")
# A visible dossier is An Hòa's: its desk and the system administrator see it.
AN_HOA = ("officer_b", "system_admin")


def _officers(allowed: tuple[str, ...], status: int, *, others: int) -> dict[str, int | str]:
    expected = signed_in(anonymous=0, others=others)
    expected.update({"anonymous": OFFICER_LOGIN, "citizen_a": 403, "citizen_b": 403})
    expected.update(dict.fromkeys(allowed, status))
    return expected


ROWS: dict[str, Row] = {
    "can-bo/tiep-nhan/": Row("/can-bo/tiep-nhan/?q=khai+sinh", _officers(DESKS, 200, others=403)),
    "can-bo/tiep-nhan/<str:key>/bien-nhan/": Row(
        "/can-bo/tiep-nhan/{dossier:binh_processing}/bien-nhan/", _officers(AN_HOA, 200, others=404)
    ),
    "can-bo/ho-so/<str:key>/tra-ket-qua/": Row(
        "/can-bo/ho-so/{dossier:tanphu_ready}/tra-ket-qua/",
        _officers(("system_admin",), 200, others=404),
    ),
}
