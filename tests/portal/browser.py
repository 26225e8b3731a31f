"""Browser-test helpers: a page signed in as a demo user (with or without JavaScript), and axe
run on pages a JavaScript-less page saw."""

from django.conf import settings
from django.test import Client

from motcua.accounts.models import User
from tests.portal.accessibility import blocking_violations


def signed_in_page(chromium, live_server, username: str, *, javascript: bool = True):
    """A new page whose browser carries `username`'s session (signed in through Django's test
    client, so the test does not walk the sign-in page again)."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    context = chromium.new_context(java_script_enabled=javascript, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


class Auditor:
    """axe needs JavaScript: each page as the citizen saw it (after a POST too) is checked in a
    second page that has it, on the live server's origin. `violations` maps a name to what axe
    found serious or critical there."""

    def __init__(self, chromium, live_server) -> None:
        self.page = chromium.new_context(locale="vi-VN").new_page()
        self.page.goto(live_server.url + "/healthz")
        self.violations: dict[str, list] = {}

    def check(self, name: str, seen) -> None:
        seen.wait_for_load_state("load")  # not the blank page of a navigation under way
        self.page.set_content(seen.content(), wait_until="load")
        found = blocking_violations(self.page)
        if found:
            self.violations[name] = found
