"""The postal simulator on the test's live server, and the generic HTTP plugin pointed at it:
booking, notifications and queries all go over real HTTP on loopback."""

import json
import socket
from datetime import timedelta

import requests
from django.test import Client

from motcua.core import clock
from motcua.delivery import services
from motcua.delivery.contrib.http_generic.plugin import signature
from motcua.delivery.models import Shipment
from motcua.dossiers.models import DeliveryMethod
from tests.backoffice.intake.desk import MORNING, ready_walk_in

# The simulator's credentials in the tests (not the demo's).
CLIENT = {"api_key": "khoa-buu-dien-thu", "callback_secret": "bi-mat-thu"}
LATER = MORNING.replace(hour=15)
ADDRESS = "Số 3 ngõ 5, xã An Phú"
NOTIFY = "/buu-chinh/http-generic/thong-bao/"


def use_post(settings, live_server) -> str:
    settings.MOTCUA_POSTAL_SIMULATOR = True
    settings.MOTCUA_POSTAL_SIMULATOR_CLIENT = CLIENT
    settings.MOTCUA_PUBLIC_URL = live_server.url
    settings.MOTCUA_POSTAL = {
        "provider": "http_generic",
        "base_url": f"{live_server.url}/_sim/buu-dien/api",
        **CLIENT,
    }
    return live_server.url


def ready_for_post(world, *, address: str = ADDRESS, **changes):
    return ready_walk_in(
        world, delivery_method=DeliveryMethod.POST, delivery_address=address, **changes
    )


def ship(world, dossier, *, address: str = ADDRESS, at=LATER, **changes) -> Shipment:
    dossier.refresh_from_db()
    fields = {
        "user": world.counter_a,
        "dossier": dossier,
        "expected_version": dossier.version,
        "recipient": "Trần Thị Bình",
        "phone": "+84 912 345 678",
        "address": address,
        "fee": 5000,
    }
    with clock.frozen(at):
        return services.return_by_post(**{**fields, **changes})


def press(tracking_number: str, action: str = "advance", *, at=None):
    """Someone at the simulated post office presses a button on its page."""
    moment = at or LATER + timedelta(hours=1)
    with clock.frozen(moment):
        return Client().post(f"/_sim/buu-dien/{tracking_number}/", {"action": action})


def notify(base_url: str, report: dict, *, secret: str = CLIENT["callback_secret"], sign=True):
    """A carrier's notification, as the simulator would send it (or forged)."""
    body = json.dumps(report).encode()
    headers = {"Content-Type": "application/json"}
    if sign:
        headers["X-Signature"] = signature(body, secret)
    return requests.post(base_url + NOTIFY, data=body, headers=headers, timeout=10)


def nowhere() -> str:
    """The URL of a loopback port where nothing listens (a post out of reach)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
