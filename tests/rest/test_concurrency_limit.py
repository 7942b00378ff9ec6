"""The connector's concurrency limit: the pool timeout of a waiting call, and adaptive concurrency.

Nothing here depends on wall-clock speed: a slot is held until the test releases it (so a waiter can
only time out, whatever the machine's speed), and the adaptive limiter's latencies come from an
injected clock.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx
import pytest

from mambu_async import MambuConnectorREST, MambuTimeoutError, MambuValidationError
from mambu_async.connector.limiter import AUTO_START, ConcurrencyLimiter, PoolTimeout
from mambu_async.testing import FakeConnector, FakeMambu

TENANT = "https://acme.mambu.com"


class HeldServer:
    """Answers 200 to every request, but holds each one until :attr:`release` is set."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.requests: list[str] = []
        self.arrived = asyncio.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url.path)
        self.arrived.set()
        await self.release.wait()
        return httpx.Response(200, json={"id": "x"})


async def no_sleep(_: float) -> None:
    return None


async def test_a_call_waiting_for_a_slot_raises_timeout_after_pool_timeout() -> None:
    server = HeldServer()
    async with MambuConnectorREST(
        TENANT, api_key="k", max_concurrency=1, pool_timeout=0.01, sleep=no_sleep,
        transport=httpx.MockTransport(server),
    ) as conn:
        holder = asyncio.ensure_future(conn.mambu_get("C1", "clients"))
        await server.arrived.wait()
        with pytest.raises(MambuTimeoutError, match="pool_timeout") as caught:
            await conn.mambu_get("C2", "clients")
        server.release.set()
        assert await holder == {"id": "x"}
    assert server.requests == ["/api/clients/C1"], "the starved call sent nothing and was not retried"
    assert caught.value.url is not None and "/clients/C2" in caught.value.url
    assert caught.value.status_code is None


async def test_a_waiting_call_proceeds_when_a_slot_frees() -> None:
    server = HeldServer()
    async with MambuConnectorREST(
        TENANT, api_key="k", max_concurrency=1, pool_timeout=None, transport=httpx.MockTransport(server)
    ) as conn:
        first = asyncio.ensure_future(conn.mambu_get("C1", "clients"))
        await server.arrived.wait()
        second = asyncio.ensure_future(conn.mambu_get("C2", "clients"))
        for _ in range(5):
            await asyncio.sleep(0)
        assert server.requests == ["/api/clients/C1"]  # the second waits for the slot
        server.release.set()
        assert await asyncio.gather(first, second) == [{"id": "x"}, {"id": "x"}]
    assert server.requests == ["/api/clients/C1", "/api/clients/C2"]


async def test_fake_connector_bounds_the_wait_the_same_way() -> None:
    conn = FakeConnector(FakeMambu(), max_concurrency=1, pool_timeout=0.01)
    await conn._limiter.acquire()  # every slot taken, as by a call that never ends
    with pytest.raises(MambuTimeoutError, match="pool_timeout"):
        await conn.mambu_get_all("branches")


@pytest.mark.parametrize("bad", [0, -1.0, "soon", True])
def test_pool_timeout_must_be_positive(bad: Any) -> None:
    with pytest.raises(MambuValidationError, match="pool_timeout"):
        MambuConnectorREST(TENANT, api_key="k", pool_timeout=bad)


@pytest.mark.parametrize("bad", [0, "fast", 2.5, None])
def test_max_concurrency_is_a_positive_integer_or_auto(bad: Any) -> None:
    with pytest.raises(MambuValidationError, match="max_concurrency"):
        MambuConnectorREST(TENANT, api_key="k", max_concurrency=bad)


async def test_timed_out_and_cancelled_waiters_leave_no_slot_behind() -> None:
    limiter = ConcurrencyLimiter(1, pool_timeout=0.01)
    await limiter.acquire()
    with pytest.raises(PoolTimeout):
        await limiter.acquire()
    waiter = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    limiter.release("", 0.0, "ok")
    assert limiter.in_flight == 0
    await limiter.acquire()  # the slot is free again: taken at once
    assert limiter.in_flight == 1


async def test_waiters_are_served_first_come_first_served() -> None:
    limiter = ConcurrencyLimiter(1, pool_timeout=None)
    await limiter.acquire()
    order: list[int] = []

    async def wait(i: int) -> None:
        await limiter.acquire()
        order.append(i)
        limiter.release("", 0.0, "ok")

    waiters = [asyncio.ensure_future(wait(i)) for i in range(5)]
    await asyncio.sleep(0)
    limiter.release("", 0.0, "ok")
    await asyncio.gather(*waiters)
    assert order == [0, 1, 2, 3, 4]


# -- adaptive concurrency (AIMD), driven by an injected clock -------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def run_round(limiter: ConcurrencyLimiter, clock: Clock, latency: float, status: int = 200) -> None:
    """Fill every slot, let ``latency`` pass, and answer each request with ``status``."""
    slots = [limiter.slot("GET loans 1000") for _ in range(limiter.limit)]
    for slot in slots:
        await slot.__aenter__()
    clock.now += latency
    for slot in slots:
        slot.status = status
        await slot.__aexit__(None, None, None)


async def test_auto_grows_by_half_while_latency_holds_then_stops_at_the_cap() -> None:
    clock = Clock()
    limiter = ConcurrencyLimiter("auto", cap=40, clock=clock)
    seen = [limiter.limit]
    for _ in range(5):
        await run_round(limiter, clock, 0.5)
        seen.append(limiter.limit)
    assert seen == [AUTO_START, 12, 18, 27, 40, 40]


async def test_auto_halves_once_per_round_trip_on_429_then_grows_by_one() -> None:
    clock = Clock()
    limiter = ConcurrencyLimiter("auto", cap=32, clock=clock)
    await run_round(limiter, clock, 0.5)
    assert limiter.limit == 12
    await run_round(limiter, clock, 0.5, status=429)  # 12 answers of 429 sent before the first cut
    assert limiter.limit == 6
    assert limiter.overloads == 12
    await run_round(limiter, clock, 0.5)  # after overload: additive increase
    assert limiter.limit == 7
    await run_round(limiter, clock, 0.5, status=503)
    assert limiter.limit == 3


async def test_auto_stops_growing_when_latency_grows_and_shrinks_when_it_soars() -> None:
    clock = Clock()
    limiter = ConcurrencyLimiter("auto", cap=32, clock=clock)
    await run_round(limiter, clock, 0.5)
    assert limiter.limit == 12
    await run_round(limiter, clock, 1.0)  # twice the best latency: the tenant queues, no growth
    assert limiter.limit == 12
    await run_round(limiter, clock, 2.0)  # four times: shrink by one
    assert limiter.limit == 11
    await run_round(limiter, clock, 0.5)  # back to the best latency: grows again, by one
    assert limiter.limit == 12


async def test_auto_does_not_grow_when_the_limit_is_not_used() -> None:
    clock = Clock()
    limiter = ConcurrencyLimiter("auto", cap=32, clock=clock)
    for _ in range(3 * AUTO_START):  # one request at a time: more concurrency would not help
        async with limiter.slot("GET loans 1000") as slot:
            clock.now += 0.5
            slot.status = 200
    assert limiter.limit == AUTO_START


async def test_auto_compares_latencies_within_a_kind_of_request() -> None:
    clock = Clock()
    limiter = ConcurrencyLimiter("auto", cap=32, clock=clock)
    async with limiter.slot("GET clients 1") as slot:  # a quick single read
        clock.now += 0.01
        slot.status = 200
    await run_round(limiter, clock, 0.5)  # big pages, 50 times slower, yet their latency holds
    assert limiter.limit == 12


class TenantWithLimit:
    """A scripted tenant that serves at most ``limit`` requests at once and answers 429 beyond."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.in_flight = 0
        self.peak = 0
        self.rejected = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if self.in_flight > self.limit:
                self.rejected += 1
                return httpx.Response(429, headers={"Retry-After": "0"}, json={"errors": []})
            for _ in range(3):
                await asyncio.sleep(0)
            return httpx.Response(200, json={"id": "x"})
        finally:
            self.in_flight -= 1


async def test_auto_backs_off_on_429_and_never_exceeds_its_cap_across_callers() -> None:
    tenant = TenantWithLimit(limit=5)
    async with MambuConnectorREST(
        TENANT, api_key="k", max_concurrency="auto", auto_concurrency_cap=12, max_retries=50,
        sleep=no_sleep, transport=httpx.MockTransport(tenant),
    ) as conn:
        assert conn.max_concurrency == 12
        conn._limiter.clock = itertools.count().__next__  # latencies in clock ticks: no wall-clock luck
        results = await asyncio.gather(*(conn.mambu_get(f"C{i}", "clients") for i in range(300)))
        assert all(r == {"id": "x"} for r in results)
        assert tenant.peak <= 12
        assert tenant.rejected > 0  # it found the limit by hitting it ...
        # ... and settled around it: additive increase probes one above before the next 429 halves it
        assert conn.concurrency_limit <= tenant.limit + 1
        assert conn._limiter.in_flight == 0


def test_from_env_reads_auto_concurrency() -> None:
    env = {"MAMBU_BASE_URL": TENANT, "MAMBU_API_KEY": "k", "MAMBU_MAX_CONCURRENCY": "auto"}
    conn = MambuConnectorREST.from_env(env)
    assert conn._limiter.adaptive
    assert conn.concurrency_limit == AUTO_START
