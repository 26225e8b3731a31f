"""The one clock every service reads (`now()`), which tests and `seed_demo` can move.

Services never call `timezone.now()` or `datetime.now()` themselves, so a test can put the whole
system at a chosen instant — a Tết week, a day before a deadline — and the demo seed can file
dossiers "last month" through the real service functions.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# A process-wide override rather than a context variable: tests that start threads must see it.
_frozen_at: datetime | None = None


def now() -> datetime:
    """The current instant, timezone-aware, in Vietnam time."""
    if _frozen_at is not None:
        return _frozen_at
    return timezone.now().astimezone(VN_TZ)


def today():
    return now().date()


def shown(moment: datetime | None) -> str:
    """`moment` as Vietnamese text puts it, in Vietnam time: "14:30 02/12/2026"; "" for None."""
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if moment else ""


def _aware(instant: datetime) -> datetime:
    if timezone.is_naive(instant):
        raise ValueError("the clock needs a timezone-aware datetime")
    return instant.astimezone(VN_TZ)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Stop the clock at `at` until the block ends (the previous setting is restored)."""
    global _frozen_at
    previous = _frozen_at
    _frozen_at = _aware(at)
    try:
        yield
    finally:
        _frozen_at = previous


def advance(delta: timedelta) -> None:
    """Move a frozen clock forward (only meaningful inside `frozen`)."""
    global _frozen_at
    if _frozen_at is None:
        raise RuntimeError("advance() needs a frozen clock")
    _frozen_at = _frozen_at + delta
