"""The demo's organisation with a legal representative on record: Công ty TNHH Mẫu An Hòa, a
fictional business whose tax code passes the check digit, signing in with the demo password by
its tax code or its e-mail (it registered before the demo starts: nothing left to verify)."""

from django.db import transaction

from motcua.accounts.models import User
from motcua.demo.seed import DEMO_PASSWORD, DemoLogin
from motcua.identity.services import create_organisation_account

MAU_AN_HOA = {
    "name": "Công ty TNHH Mẫu An Hòa",
    "tax_code": "0107654326",
    "address": "Số 5 đường Trần Phú, phường An Hòa, tỉnh An Hòa",
    "representative_name": "Phạm Văn Đức",
    "representative_id_number": "099180001111",
    "phone": "0912000111",
    "email": "lienhe@mauanhoa.example.com",
}


@transaction.atomic
def seed_organisations() -> list[DemoLogin]:
    """The demo organisation (made once) and its login."""
    existing = User.objects.filter(tax_code=MAU_AN_HOA["tax_code"]).first()
    organisation = existing or create_organisation_account(**MAU_AN_HOA, password=DEMO_PASSWORD)
    return [
        DemoLogin(
            organisation.username, DEMO_PASSWORD, organisation.full_name, "organisation", "", ""
        )
    ]
