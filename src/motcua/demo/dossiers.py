"""The demo's dossiers: birth registrations (1.001193) at Phường An Hòa and Xã Tân Phú in every
status the engine has, filed and moved only through `dossiers.services` with the clock moved
(`core.clock.frozen`) to moments of the four weeks before today: officers act in working hours,
citizens file online when they like.

Idempotent in the simplest honest way: the dossiers go into an empty register only. Once any
dossier exists (an earlier seed, or someone trying the demo), seeding adds none.
"""

from django.db import transaction

from motcua.accounts.models import User
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.selectors import current_version, procedure_by_code
from motcua.core import clock
from motcua.demo.casting import AN_HOA, BIRTH, TAN_PHU, Cast, Days
from motcua.demo.payments import paid_for_copies
from motcua.demo.postal import returned_by_post
from motcua.demo.stories import STORIES
from motcua.dossiers.models import Dossier
from motcua.workdays.selectors import calendar_for
from motcua.workflow.selectors import process_version_for


def seed_dossiers() -> int:
    """Add the demo dossiers; the number added (0 when the register is not empty or the
    procedure or its process was not yet in force four weeks ago)."""
    if Dossier.objects.exists():
        return 0
    birth = procedure_by_code(BIRTH)
    an_hoa, tan_phu = agency_by_code(AN_HOA), agency_by_code(TAN_PHU)
    days = Days(calendar_for(agency=an_hoa), clock.today())
    if current_version(birth, on=days.start) is None or (
        process_version_for(procedure=birth, agency=an_hoa, on=days.start) is None
    ):
        return 0
    usernames = [
        "cv.congan",
        "motcua.anhoa",
        "cv.anhoa",
        "ld.anhoa",
        "motcua.tanphu",
        "cv.tanphu",
        "ld.tanphu",
        "vt.tanphu",
        "099190001234",
        "099085004321",
    ]
    cast = Cast(
        birth=birth,
        an_hoa=an_hoa,
        tan_phu=tan_phu,
        users={user.username: user for user in User.objects.filter(username__in=usernames)},
    )
    with transaction.atomic():
        for story in [*STORIES, returned_by_post, paid_for_copies]:
            story(cast, days)
    return Dossier.objects.count()
