"""Dossier identifiers: the `TMP-` reference given at filing and the code given at receipt.

Codes are `<receiving agency code>-YYMMDD-NNNN` (TT 01/2018 Art. 19), numbered per receiving
agency per day (Vietnam time). The counter row is locked in the receipt's own transaction, so
concurrent receipts queue on it and a receipt that rolls back gives its number back: no gaps,
no duplicates.
"""

import secrets
from datetime import datetime

from motcua.agencies.models import Agency
from motcua.core.clock import VN_TZ
from motcua.dossiers.models import Dossier, DossierCodeCounter

_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
REFERENCE_PREFIX = "TMP-"


def new_reference() -> str:
    """`TMP-` and 10 random base32 characters; drawn again in the rare case it is taken."""
    while True:
        reference = REFERENCE_PREFIX + "".join(secrets.choice(_BASE32) for _ in range(10))
        if not Dossier.objects.filter(reference=reference).exists():
            return reference


def next_code(*, agency: Agency, at: datetime) -> str:
    """The next code of `agency` for the day of `at`; call inside the receipt's transaction."""
    day = at.astimezone(VN_TZ).date()
    # Creating the row cannot race: a concurrent insert of the same day waits, then does nothing.
    DossierCodeCounter.objects.bulk_create(
        [DossierCodeCounter(agency=agency, day=day, last=0)], ignore_conflicts=True
    )
    counter = DossierCodeCounter.objects.select_for_update().get(agency=agency, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{agency.code}-{day:%y%m%d}-{counter.last:04d}"
