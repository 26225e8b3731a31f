"""The same draft submitted from several tabs at once on PostgreSQL (a double click, a second
tab): one dossier is filed, and every tab is sent to that dossier's reference."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.filing.models import Draft
from tests.filing.wizard import BINH, fill_up_to_review, start

TABS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_draft_submitted_from_several_tabs_at_once_files_one_dossier(
    demo_province, private_root
):
    browser = Client()
    browser.force_login(User.objects.get(username=BINH))
    base = start(browser)
    fill_up_to_review(browser, base)
    before = set(Dossier.objects.values_list("pk", flat=True))
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    at_once = threading.Barrier(TABS)

    def submit() -> tuple[int, str]:
        try:
            tab = Client()
            tab.cookies[settings.SESSION_COOKIE_NAME] = session
            at_once.wait(timeout=30)
            response = tab.post(base + "xem-lai/", {"action": "submit"})
            return response.status_code, response.get("Location", "")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=TABS) as pool:
        answers = [future.result() for future in [pool.submit(submit) for _ in range(TABS)]]

    (dossier,) = Dossier.objects.exclude(pk__in=before)
    assert answers == [(302, f"/nop-ho-so/da-nop/{dossier.reference}/")] * TABS
    draft = Draft.objects.get(pk=base.rstrip("/").rsplit("/", 1)[1])
    assert draft.dossier == dossier
    assert dossier.components.count() == 2
