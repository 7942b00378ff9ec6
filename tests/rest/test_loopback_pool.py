"""On a real loopback socket (uvicorn serving the emulator), failed, cancelled and closed pulls and
cancelled calls leave no connection ACTIVE in httpx's pool, and the connector keeps working."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator

import pytest

from mambu_async import MambuConnectorREST, MambuServerError
from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.faults import account_blocked, latency, server_error
from mambu_async.testing.loopback import serve_asgi

CLIENTS = 60
PAGE = 10
IDS = {f"C{i:03}" for i in range(CLIENTS)}


class Gate:
    """The fault plan's ``sleep``: a delayed answer waits here, in arrival order, until released (never
    a real sleep); :meth:`arrived` waits until that many requests were held."""

    def __init__(self) -> None:
        self.held = 0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._changed = asyncio.Event()
        self._open = False

    async def __call__(self, seconds: float) -> None:
        self.held += 1
        self._changed.set()
        if self._open:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        await waiter

    async def arrived(self, count: int) -> None:
        async with asyncio.timeout(10):  # a safety bound on a hang, not a wait
            while self.held < count:
                self._changed.clear()
                await self._changed.wait()

    def release_first(self) -> None:
        """Let the request held longest answer."""
        waiter = self._waiting.popleft()
        if not waiter.done():
            waiter.set_result(None)

    def release_held(self) -> None:
        """Let every request held now answer (later ones are held again)."""
        while self._waiting:
            self.release_first()

    def release(self) -> None:
        """Let every request answer, now and from now on."""
        self._open = True
        self.release_held()


@pytest.fixture
def gate() -> Gate:
    return Gate()


@pytest.fixture
def fake() -> FakeMambu:
    tenant = FakeMambu()
    for i in range(CLIENTS):
        tenant.create("clients", {"id": f"C{i:03}", "firstName": "Ana", "lastName": "Lopez"})
    return tenant


@pytest.fixture
async def conn(fake: FakeMambu, gate: Gate) -> AsyncIterator[MambuConnectorREST]:
    """A connector to the emulator served on a loopback socket; answers delayed by ``fake.faults``
    wait on ``gate``."""
    fake.faults.sleep = gate

    async def no_sleep(seconds: float) -> None:
        await asyncio.sleep(0)

    async with serve_asgi(emulator_app(fake)) as url:
        try:
            async with MambuConnectorREST(
                url, api_key=fake.api_key, max_concurrency=4, page_size=PAGE, timeout=10.0, sleep=no_sleep
            ) as connector:
                yield connector
        finally:
            gate.release()  # let the server's held requests end before it stops


def active_connections(conn: MambuConnectorREST) -> int:
    """Connections httpcore's pool (behind httpx's default transport) holds as busy."""
    pool = conn._client._transport._pool  # type: ignore[attr-defined]
    return sum(1 for c in pool.connections if not c.is_idle() and not c.is_closed())


async def assert_pool_healthy(conn: MambuConnectorREST, fake: FakeMambu) -> None:
    assert active_connections(conn) == 0
    fake.faults.clear()
    # More calls at once than the pool has connections: each needs a connection back.
    answers = await asyncio.gather(*(conn.mambu_get(f"C{i:03}", "clients") for i in range(8)))
    assert [a["id"] for a in answers] == [f"C{i:03}" for i in range(8)]


async def test_failed_pulls_leave_no_connection_active(
    conn: MambuConnectorREST, fake: FakeMambu, gate: Gate
) -> None:
    async def pull() -> None:
        async for _ in conn.mambu_iterate("clients"):
            pass

    for _ in range(3):
        gate.release_held()  # the previous pull's pages (their client gone) end on the server
        faults = fake.faults
        faults.clear()
        # The first page answers; the fan-out's first request is refused (and held first), its
        # three siblings are held on the server when the refusal is let through.
        faults.add(account_blocked(), path="/clients:search", after=1)
        faults.add(latency(1), path="/clients:search", times=None, after=1)
        held = gate.held
        task = asyncio.create_task(pull())
        await gate.arrived(held + 4)
        gate.release_first()
        with pytest.raises(MambuServerError):
            await task
    await assert_pool_healthy(conn, fake)


async def test_pulls_cancelled_twice_leave_no_connection_active(
    conn: MambuConnectorREST, fake: FakeMambu, gate: Gate
) -> None:
    async def pull() -> None:
        async for _ in conn.mambu_iterate("clients"):
            pass

    for _ in range(3):
        fake.faults.clear()
        fake.faults.add(latency(1), path="/clients:search", times=None, after=1)
        held = gate.held
        task = asyncio.create_task(pull())
        await gate.arrived(held + 4)  # every page of the fan-out is on the server
        task.cancel()
        await asyncio.sleep(0)  # the pages start tidying up ...
        task.cancel()  # ... and the caller is cancelled again
        with pytest.raises(asyncio.CancelledError):
            await task
    await assert_pool_healthy(conn, fake)


async def test_pulls_closed_midway_leave_no_connection_active(
    conn: MambuConnectorREST, fake: FakeMambu, gate: Gate
) -> None:
    for _ in range(3):
        fake.faults.clear()
        fake.faults.add(latency(1), path="/clients:search", times=None, after=1)
        held = gate.held
        stream = conn.mambu_iterate("clients")
        first = await stream.__anext__()
        await gate.arrived(held + 4)
        await stream.aclose()
        assert first["id"] in IDS
    await assert_pool_healthy(conn, fake)


async def test_a_call_cancelled_twice_leaves_no_connection_active(
    conn: MambuConnectorREST, fake: FakeMambu, gate: Gate
) -> None:
    for _ in range(5):  # more than the pool's four connections
        fake.faults.add(latency(1), path="/clients/C001")
        held = gate.held
        task = asyncio.create_task(conn.mambu_get("C001", "clients"))
        await gate.arrived(held + 1)
        task.cancel()
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await assert_pool_healthy(conn, fake)


async def test_a_pull_failed_on_500s_resumes_from_its_cursor_on_the_same_connector(
    conn: MambuConnectorREST, fake: FakeMambu
) -> None:
    faults = fake.faults
    faults.add(server_error(500), path="/clients:search", times=None, after=3)  # past every retry
    stream = conn.mambu_iterate("clients", concurrency=1)
    got: list[str] = []
    with pytest.raises(MambuServerError) as caught:
        async for record in stream:
            got.append(record["id"])
    assert caught.value.status_code == 500
    assert 0 < len(got) < CLIENTS
    faults.clear()
    async for record in conn.mambu_iterate("clients", cursor=stream.cursor):
        got.append(record["id"])
    assert len(got) == CLIENTS and set(got) == IDS  # each exactly once
    assert active_connections(conn) == 0
