"""Suite-wide fixtures: service markers, the Hypothesis profiles, the browser.

A test that needs a service carries its marker (`postgres`, `redis`, `browser`, …). Outside CI a
missing service skips it with the reason; with CI=true a missing service fails it, so CI can never
pass by skipping (conventions.md).
"""

import os
import shutil
import socket
from io import StringIO
from urllib.parse import urlparse

import pytest
from hypothesis import HealthCheck, settings

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SOFTHSM_LIBRARY = os.environ.get("SOFTHSM_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so")

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if IN_CI else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _postgres_missing() -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"
    return None


def _redis_missing() -> str | None:
    url = urlparse(REDIS_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=1):
            return None
    except OSError:
        return f"needs Redis at {REDIS_URL}"


def _browser_missing() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (Debian package chromium)"
    return None


def _softhsm_missing() -> str | None:
    if not (shutil.which("softhsm2-util") and os.path.exists(SOFTHSM_LIBRARY)):
        return f"needs SoftHSM: softhsm2-util and {SOFTHSM_LIBRARY} (Debian package softhsm2)"
    return None


SERVICE_CHECKS = {
    "postgres": _postgres_missing,
    "redis": _redis_missing,
    "browser": _browser_missing,
    "softhsm": _softhsm_missing,
}


def pytest_runtest_setup(item):
    for marker, missing in SERVICE_CHECKS.items():
        if item.get_closest_marker(marker) is None:
            continue
        reason = missing()
        if reason is None:
            continue
        if IN_CI:
            pytest.fail(f"CI=true and a service is missing: {reason}", pytrace=False)
        pytest.skip(reason)


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _urls_as_installed():
    """The URLconf read once, with the settings as installed (the simulators on with DEBUG),
    before any test: which routes exist must not depend on the test that happened to resolve
    the first URL on a worker (one that turned a simulator off would hide its pages)."""
    import motcua.config.urls  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The demo seed and the account tests hash many passwords; the real hasher is what makes
    # that slow, and no test is about its cost.
    settings.PASSWORD_HASHERS = FAST_HASHER


@pytest.fixture(autouse=True)
def _no_postal_provider(settings):
    # With DEBUG on the postal provider defaults to the simulator at MOTCUA_PUBLIC_URL, where no
    # server listens during tests: parcels are booked by hand unless a test starts the
    # simulator on its live server (tests/delivery/post.py).
    settings.MOTCUA_POSTAL = {}


@pytest.fixture(autouse=True)
def _no_notification_gateways(settings):
    # The demo's gateways are the simulators at MOTCUA_PUBLIC_URL (127.0.0.1:8000, perhaps a
    # running `make run`): a test that sweeps the outbox sends nothing unless it sets gateways
    # up itself (tests/notifications/gateways.py).
    settings.MOTCUA_NOTIFY_SMS = {}
    settings.MOTCUA_NOTIFY_ZALO = {}
    settings.MOTCUA_NOTIFY_EMAIL_BACKEND = "off"


def _demo_settings(root, tmp_path_factory) -> dict:
    """Where `seed_demo` writes its logins, signing keys and stored files during a test (it runs
    only with DEBUG on): the stores the settings derived from var/ follow `root`. The demo's CA
    and holder keys are made once per test process, then found again."""
    from django.conf import settings

    return {
        "VAR_DIR": root,
        "MOTCUA_DEMO_PKI_DIR": tmp_path_factory.getbasetemp() / "demo-pki",
        "DEBUG": True,
        "MOTCUA_KEY_STORE": root / "keys",
        "MOTCUA_TRUST_STORE": root / "trust",
        "MOTCUA_SIGNING_PLUGIN_TOKENS": root / "plugin-tokens",
        "STORAGES": {
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": root / "private"},
            },
        },
    }


def _transactional(item) -> bool:
    names = item.fixturenames
    marker = item.get_closest_marker("django_db")
    return (
        "live_server" in names
        or "transactional_db" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


def pytest_collection_modifyitems(items):
    """A test of `demo_province` that runs in a transaction rolled back at its end shares one
    seed with the other such tests of its module (`_shared_demo`): seeding takes seconds, and
    most tests only read the province. A test whose data must be committed (a live server,
    `transactional_db`) seeds its own; those run first in their module, before the shared seed
    opens its transaction. A module's shared tests stay together on one xdist worker
    (`--dist loadgroup`)."""
    shared = set()
    for item in items:
        if "demo_province" in item.fixturenames and not _transactional(item):
            item.fixturenames.insert(0, "_shared_demo")
        elif "db" in item.fixturenames and not _transactional(item):
            item.fixturenames.insert(0, "_migration_data")
        if "_shared_demo" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group(f"demo:{item.module.__name__}"))
            shared.add(item.nodeid)
    first_of_module: dict[str, int] = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.module.__name__, index)
    items.sort(key=lambda item: (first_of_module[item.module.__name__], item.nodeid in shared))


def _restore_migration_data() -> None:
    """What data migrations wrote, which a `transactional_db` test run earlier on this worker
    flushed with every other table."""
    from motcua.dossiers.models import NationalStatusMapping
    from motcua.dossiers.models.choices import DEFAULT_NATIONAL_CODES
    from motcua.feedback.services import ensure_criteria

    if not NationalStatusMapping.objects.exists():
        for status, code in DEFAULT_NATIONAL_CODES.items():
            NationalStatusMapping.objects.create(status=status, national_code=code)
    ensure_criteria()


@pytest.fixture
def _migration_data(django_db_setup, django_db_blocker):
    """Before a test's own transaction opens, the migrations' data back where a transactional
    test flushed it: a test that switches a shipped criterion off must find it there."""
    with django_db_blocker.unblock():
        _restore_migration_data()


@pytest.fixture(scope="module")
def _shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo province seeded once for a module's tests, in a transaction each test's own
    (a savepoint inside it) rolls back to, and which is rolled back after the module."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from motcua.signatures import trust

    root = tmp_path_factory.mktemp("demo")
    with (
        override_settings(**_demo_settings(root, tmp_path_factory), PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        trust.reset()
        _restore_migration_data()
        call_command("seed_demo", stdout=StringIO())
        yield root
        transaction.set_rollback(True)
    trust.reset()


@pytest.fixture
def demo_var_dir(request, settings, tmp_path, tmp_path_factory):
    """Where `seed_demo` writes during this test: the module's shared seed's directory when the
    test shares it, else one of its own."""
    from motcua.signatures import trust

    if "_shared_demo" in request.fixturenames:
        return request.getfixturevalue("_shared_demo")
    for name, value in _demo_settings(tmp_path, tmp_path_factory).items():
        setattr(settings, name, value)
    trust.reset()
    return tmp_path


@pytest.fixture
def demo_province(request, demo_var_dir, db):
    from django.core.management import call_command

    if "_shared_demo" not in request.fixturenames:
        call_command("seed_demo", stdout=StringIO())
    return demo_var_dir


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here)."""
    if _browser_missing():
        pytest.skip(_browser_missing())
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with both factors as the admin requires."""
    from tests.backoffice.officers import verified_login

    return verified_login(client, admin_user)
