"""The fake tenant's clock: time stands still until a test moves it."""

from __future__ import annotations

import datetime as dt

DEFAULT_NOW = dt.datetime(2024, 1, 15, 9, 0, 0, tzinfo=dt.UTC)
"""Where a :class:`FakeClock` starts unless told otherwise."""


class FakeClock:
    """A controllable clock. ``now()`` never changes unless ``advance()`` or ``set()`` is called.

    Mambu renders date-times with seconds and the offset (``2024-01-15T09:00:00+00:00``); the clock's
    timezone is the tenant's ("Organization Time").
    """

    def __init__(self, now: dt.datetime | None = None) -> None:
        self._now = _aware(now if now is not None else DEFAULT_NOW)

    def now(self) -> dt.datetime:
        """The current instant (aware)."""
        return self._now

    def today(self) -> dt.date:
        """The tenant's current calendar date."""
        return self._now.date()

    def iso(self) -> str:
        """``now()`` the way Mambu writes a date-time."""
        return self._now.isoformat(timespec="seconds")

    def advance(
        self,
        delta: dt.timedelta | None = None,
        *,
        days: float = 0,
        hours: float = 0,
        minutes: float = 0,
        seconds: float = 0,
    ) -> dt.datetime:
        """Move time forward (never backwards) and return the new ``now()``."""
        step = delta or dt.timedelta()
        step += dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if step < dt.timedelta():
            raise ValueError("the fake clock only moves forward")
        self._now += step
        return self._now

    def set(self, now: dt.datetime) -> None:
        """Jump to ``now`` (an aware datetime)."""
        self._now = _aware(now)

    def __repr__(self) -> str:
        return f"FakeClock({self.iso()})"


def _aware(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError("the fake clock needs a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the fake clock needs an aware datetime (with a UTC offset)")
    return value.replace(microsecond=0)
