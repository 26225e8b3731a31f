"""Short ways to file and move dossiers in tests, always through the services."""

from datetime import datetime

from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier
from tests.dossiers.world import World


def at(month: int, day: int, hour: int = 9, minute: int = 0, *, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=clock.VN_TZ)


def applicant(**changes) -> services.Applicant:
    values = {
        "name": "Trần Thị Bình",
        "id_type": "cccd",
        "id_number": "099190001234",
        "phone": "+84 912 345 678",
        "address": "Số 12 đường Lê Lợi",
    }
    values.update(changes)
    return services.Applicant(**values)


def online(world: World, *, agency: Agency | None = None, **changes) -> Dossier:
    """A citizen's online filing at commune A (or `agency`)."""
    values = {
        "user": world.citizen,
        "procedure": world.birth,
        "receiving_agency": agency or world.tree.commune_a,
        "applicant": applicant(),
        "delivery_method": DeliveryMethod.ONLINE,
    }
    values.update(changes)
    return services.submit(**values)


def walk_in(world: World, **changes) -> Dossier:
    """A walk-in at commune A's desk, received at once."""
    values = {
        "user": world.counter_a,
        "procedure": world.birth,
        "receiving_agency": world.tree.commune_a,
        "applicant": applicant(),
        "delivery_method": DeliveryMethod.DESK,
        "receive": True,
    }
    values.update(changes)
    return services.submit(**values)


def act(action: str, dossier: Dossier, *, user, **fields) -> Dossier:
    """Take `action` with the dossier's current version."""
    dossier.refresh_from_db()
    return getattr(services, action)(
        user=user, dossier=dossier, expected_version=dossier.version, **fields
    )


def to_approval(world: World, dossier: Dossier) -> Dossier:
    """Forward a received dossier through the specialist's step to the leader's."""
    act("forward", dossier, user=world.counter_a)
    return act("forward", dossier, user=world.specialist_a)


def processing(world: World) -> Dossier:
    """A walk-in at commune A, forwarded to the specialist's step."""
    return act("forward", walk_in(world), user=world.counter_a)
