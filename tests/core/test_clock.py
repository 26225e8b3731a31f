from datetime import UTC, datetime, timedelta

import pytest

from motcua.core import clock


def test_now_is_aware_and_in_vietnam_time():
    moment = clock.now()
    assert moment.utcoffset() == timedelta(hours=7)


def test_frozen_clock_stops_moves_and_restores():
    instant = datetime(2026, 2, 16, 1, 0, tzinfo=UTC)
    with clock.frozen(instant):
        assert clock.now() == instant
        assert clock.now().hour == 8  # 01:00 UTC is 08:00 in Hà Nội
        clock.advance(timedelta(hours=2))
        assert clock.now() == instant + timedelta(hours=2)
        assert clock.today().isoformat() == "2026-02-16"
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_frozen_clock_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="timezone-aware"), clock.frozen(datetime(2026, 1, 1)):
        pass


def test_advance_needs_a_frozen_clock():
    with pytest.raises(RuntimeError):
        clock.advance(timedelta(minutes=1))
