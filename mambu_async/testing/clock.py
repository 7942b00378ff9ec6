"""The fake tenant's clock: it follows real time in the tenant's timezone until a test freezes it."""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator

DEFAULT_NOW = dt.datetime(2024, 1, 15, 9, 0, 0, tzinfo=dt.UTC)
"""A fixed instant for deterministic tests: ``FakeMambu(now=DEFAULT_NOW)``."""

Wall = Callable[[], dt.datetime]
"""Where real time comes from: returns the current aware instant."""


def _real_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FakeClock:
    """The tenant's clock ("Organization Time").

    By default it follows real time (``wall``, injectable for tests), shown in ``timezone``, as a tenant
    does. ``now=`` or :meth:`freeze` stops it; :meth:`advance` moves it forward whether it runs or not
    (on a running clock the step is kept as an offset from real time). ``timezone`` is a ``tzinfo`` or an
    IANA name; without it the clock takes the zone of ``now``, else UTC. Mambu renders date-times with
    seconds and the offset (``2024-01-15T09:00:00+00:00``).
    """

    def __init__(
        self,
        now: dt.datetime | None = None,
        *,
        timezone: dt.tzinfo | str | None = None,
        wall: Wall = _real_now,
    ) -> None:
        self.timezone: dt.tzinfo = _zone(timezone, now)
        self._wall = wall
        self._offset = dt.timedelta()
        self._frozen: dt.datetime | None = _aware(now) if now is not None else None

    @property
    def frozen(self) -> bool:
        """Whether time stands still (``now=`` or :meth:`freeze`)."""
        return self._frozen is not None

    def now(self) -> dt.datetime:
        """The current instant, aware, in the tenant's timezone (whole seconds)."""
        if self._frozen is not None:
            return self._frozen.astimezone(self.timezone)
        return (_aware(self._wall()) + self._offset).astimezone(self.timezone)

    def today(self) -> dt.date:
        """The tenant's current calendar date."""
        return self.now().date()

    def iso(self) -> str:
        """``now()`` the way Mambu writes a date-time."""
        return self.now().isoformat(timespec="seconds")

    def freeze(self, at: dt.datetime | None = None) -> dt.datetime:
        """Stop time at ``at`` (an aware datetime), or where it is now; returns the frozen instant."""
        self._frozen = _aware(at) if at is not None else self.now()
        return self.now()

    def resume(self) -> None:
        """Follow real time again (from the real current instant)."""
        self._frozen = None
        self._offset = dt.timedelta()

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
        if self._frozen is not None:
            self._frozen = _aware(self._frozen + step)
        else:
            self._offset += step
        return self.now()

    def set(self, now: dt.datetime) -> None:
        """Jump to ``now`` (an aware datetime); a running clock keeps running from there."""
        target = _aware(now)
        if self._frozen is not None:
            self._frozen = target
        else:
            self._offset = target - _aware(self._wall())

    @contextlib.contextmanager
    def back_at(self, then: dt.datetime) -> Iterator[dt.datetime]:
        """Stand still at ``then`` (an aware datetime, typically in the past) for the block, then return
        to the present exactly as before (frozen or running, with its offset): how a history is written
        with the dates it happened on."""
        saved = self._frozen, self._offset
        self._frozen = _aware(then)
        try:
            yield self.now()
        finally:
            self._frozen, self._offset = saved

    def __repr__(self) -> str:
        state = "frozen" if self.frozen else "running"
        return f"FakeClock({self.iso()}, {state})"


def _zone(timezone: dt.tzinfo | str | None, now: dt.datetime | None) -> dt.tzinfo:
    if isinstance(timezone, str):
        try:
            return zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {timezone!r} (an IANA name: 'Europe/Berlin')") from None
    if timezone is not None:
        return timezone
    if now is not None and now.tzinfo is not None:
        return now.tzinfo
    return dt.UTC


def _aware(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError("the fake clock needs a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the fake clock needs an aware datetime (with a UTC offset)")
    return value.replace(microsecond=0)
