"""The connector's one concurrency limit: every request waits here for a slot, at most ``pool_timeout``.

A :class:`ConcurrencyLimiter` is fixed (``max_concurrency=8``) or adaptive (``max_concurrency="auto"``).
Adaptive is AIMD driven by what the tenant answers, never above the hard ``cap``:

* **Increase while latency holds.** Latencies are kept per kind of request (method, path and page
  limit: a page of 1,000 FULL loans is not compared with a single GET). Once a round of answers (as
  many as the current limit) came back while the limit was fully used, the limit grows: by half
  (slow start) until the first sign of load, then grows by one per round. By Little's law, throughput
  is concurrency over latency, so a higher limit at the same latency is a higher throughput.
* **Hold, then shrink, when latency grows.** When the round's latency exceeds ``tolerance`` times the
  kind's best recent latency, the tenant is queueing the extra requests (throughput no longer grows):
  the limit does not grow, and beyond twice that it shrinks by one.
* **Back off multiplicatively on overload.** A 429 or 503 answer (or a timeout) halves the limit, once
  per round trip: answers to requests sent before the cut do not cut it again.

The limiter serves every request of the connector, so a bulk pull and many concurrent callers share
one limit. ``clock`` is injectable so tests drive latencies without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Literal

from mambu_async.connector.validation import fail
from mambu_async.errors import MambuTimeoutError

__all__ = ["AUTO", "DEFAULT_AUTO_CAP", "ConcurrencyLimiter", "PoolTimeout", "Slot"]

AUTO = "auto"
#: The hard cap of ``max_concurrency="auto"`` unless ``auto_concurrency_cap`` says otherwise.
DEFAULT_AUTO_CAP = 32
#: The limit an adaptive limiter starts at (it grows by half from there while latency holds).
AUTO_START = 8
#: Growth per round before the first sign of load; by half, not doubling, so that the first step past
#: the tenant's capacity overshoots by less (each overshoot costs 429s and their Retry-After waits).
SLOW_START_GROWTH = 1.5
#: A round whose latency exceeds this multiple of the kind's best recent latency stops the growth.
LATENCY_TOLERANCE = 1.5
#: How many recent latencies per kind of request make the "best recent latency".
_HISTORY = 64
#: Statuses that mean "too much load": the limit is halved.
OVERLOAD_STATUSES = frozenset({429, 503})

Outcome = Literal["ok", "overload", "neutral"]


class PoolTimeout(Exception):
    """No slot within ``pool_timeout`` (the connector raises it as a ``MambuTimeoutError``)."""


class Slot:
    """One request's hold on the limiter: :meth:`acquire`, set :attr:`status` to the answer's status,
    then :meth:`release` (once; later calls do nothing). ``async with`` does both."""

    __slots__ = ("_held", "_kind", "_limiter", "_started", "status")

    def __init__(self, limiter: ConcurrencyLimiter, kind: str) -> None:
        self._limiter = limiter
        self._kind = kind
        self._started = 0.0
        self._held = False
        self.status: int | None = None

    async def acquire(self) -> None:
        """Wait for the slot (at most the limiter's ``pool_timeout``: :class:`PoolTimeout`)."""
        await self._limiter.acquire()
        self._started = self._limiter.clock()
        self._held = True

    def release(self, error: BaseException | None = None) -> None:
        """Give the slot back; ``error``: the attempt raised instead of answering."""
        if not self._held:
            return
        self._held = False
        outcome: Outcome
        if isinstance(error, MambuTimeoutError) or self.status in OVERLOAD_STATUSES:
            outcome = "overload"
        elif error is None and self.status is not None and self.status < 400:
            outcome = "ok"
        else:
            outcome = "neutral"
        self._limiter.release(self._kind, self._started, outcome)

    async def __aenter__(self) -> Slot:
        await self.acquire()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release(exc)


class ConcurrencyLimiter:
    """At most :attr:`limit` holders at once; waiters are served first come, first served.

    ``limit`` is an int (fixed) or ``"auto"`` (adaptive, between 1 and ``cap``). A waiter that gets no
    slot within ``pool_timeout`` seconds raises :class:`PoolTimeout`, which the connector turns into a
    :class:`~mambu_async.errors.MambuTimeoutError` (``None`` waits as long as it takes).
    """

    def __init__(
        self,
        limit: int | str,
        *,
        cap: int = DEFAULT_AUTO_CAP,
        pool_timeout: float | None = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.adaptive = limit == AUTO
        if not self.adaptive and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise fail(f"max_concurrency must be a positive integer or 'auto', got {limit!r}")
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise fail(f"auto_concurrency_cap must be a positive integer, got {cap!r}")
        if pool_timeout is not None and (
            isinstance(pool_timeout, bool) or not isinstance(pool_timeout, int | float) or pool_timeout <= 0
        ):
            raise fail(f"pool_timeout must be a positive number of seconds or None, got {pool_timeout!r}")
        self.cap = cap if self.adaptive else int(limit)
        self.limit = min(AUTO_START, cap) if self.adaptive else int(limit)
        self.pool_timeout = pool_timeout
        self.clock = clock
        self.in_flight = 0
        self.overloads = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._slow_start = True
        self._round = 0  # answers since the limit last changed
        self._round_full = False  # the limit was fully used during this round
        self._round_worst = 0.0  # the round's highest latency ratio (latency / kind's best)
        self._changed_at = clock()
        self._history: dict[str, deque[float]] = {}

    def slot(self, kind: str = "") -> Slot:
        """``async with limiter.slot(kind) as slot:`` holds a slot; set ``slot.status`` to the answer's."""
        return Slot(self, kind)

    # -- waiting ---------------------------------------------------------------------------------

    async def acquire(self) -> None:
        """Take a slot, waiting in line at most ``pool_timeout`` seconds."""
        if self.in_flight < self.limit and not self._waiters:
            self._take()
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(self.pool_timeout):
                await waiter
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                self._give_back()  # granted just as the wait ended: pass the slot on
            else:
                waiter.cancel()
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
            if isinstance(exc, TimeoutError):
                raise self._timed_out() from None
            raise

    def _timed_out(self) -> PoolTimeout:
        return PoolTimeout(
            f"no free request slot within pool_timeout={self.pool_timeout}s "
            f"({self.in_flight} requests in flight, limit {self.limit}); raise max_concurrency or "
            "pool_timeout, or make fewer calls at once"
        )

    def _take(self) -> None:
        self.in_flight += 1
        if self.in_flight >= self.limit:
            self._round_full = True

    def _give_back(self) -> None:
        self.in_flight -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self.in_flight < self.limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self._take()
                waiter.set_result(None)

    # -- adapting --------------------------------------------------------------------------------

    def release(self, kind: str, started: float, outcome: Outcome) -> None:
        """Give the slot back; an adaptive limiter learns from the answer first."""
        self.in_flight -= 1
        if outcome == "overload":
            self.overloads += 1
        if self.adaptive:
            self._learn(kind, started, outcome)
        self._wake()

    def _learn(self, kind: str, started: float, outcome: Outcome) -> None:
        now = self.clock()
        if outcome == "overload":
            if started >= self._changed_at:  # sent after the last cut: a new sign of overload
                self._set_limit(max(1, self.limit // 2), now)
                self._slow_start = False
            return
        if outcome != "ok":
            return
        latency = max(now - started, 1e-9)
        history = self._history.setdefault(kind, deque(maxlen=_HISTORY))
        history.append(latency)
        self._round_worst = max(self._round_worst, latency / min(history))
        self._round += 1
        if self._round < self.limit:
            return
        worst, full = self._round_worst, self._round_full
        if worst > 2 * LATENCY_TOLERANCE:
            self._slow_start = False
            self._set_limit(max(1, self.limit - 1), now)
        elif worst > LATENCY_TOLERANCE:
            self._slow_start = False
            self._new_round()
        elif full and self.limit < self.cap:
            grown = math.ceil(self.limit * SLOW_START_GROWTH) if self._slow_start else self.limit + 1
            self._set_limit(min(self.cap, grown), now)
        else:
            self._new_round()

    def _set_limit(self, limit: int, now: float) -> None:
        self.limit = limit
        self._changed_at = now
        self._new_round()

    def _new_round(self) -> None:
        self._round = 0
        self._round_worst = 0.0
        self._round_full = self.in_flight >= self.limit

    def __repr__(self) -> str:
        mode = f"auto, cap {self.cap}" if self.adaptive else "fixed"
        return f"ConcurrencyLimiter(limit={self.limit}, {mode}, in_flight={self.in_flight})"
