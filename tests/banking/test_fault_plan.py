"""Fault scripts and the fault-injecting httpx transport (no tenant)."""

from __future__ import annotations

import httpx
import pytest

from mambu_async.connector.retry import request_was_sent
from mambu_async.errors import MambuNotFoundError, MambuTimeoutError
from mambu_async.testing.faults import (
    FaultPlan,
    FaultTransport,
    connect_error,
    connection_reset,
    latency,
    lose_response,
    rate_limited,
    server_error,
    timeout,
)


def test_rules_match_method_path_and_count() -> None:
    plan = FaultPlan()
    plan.add(rate_limited(retry_after=3), method="GET", path="/loans/*", times=2, after=1)
    assert plan.take("GET", "/loans/L1") == (0.0, None)  # let through by ``after``
    assert plan.take("POST", "/loans/L1")[1] is None
    assert plan.take("GET", "/loans/L1/schedule")[1] is None  # * stays in one segment
    fault = plan.take("GET", "/loans/L1")[1]
    assert fault is not None and fault.status == 429 and fault.headers() == {"retry-after": "3"}
    assert plan.take("GET", "/loans/L2")[1] is not None
    assert plan.take("GET", "/loans/L3")[1] is None  # exhausted


def test_latency_adds_up_and_one_fault_wins() -> None:
    plan = FaultPlan()
    plan.add(latency(0.5), times=None)
    plan.add(latency(1.5), path="/deposits/**")
    plan.add(server_error(502), path="/deposits/**")
    plan.add(server_error(504), path="/deposits/**")
    delay, fault = plan.take("POST", "/deposits/D1/withdrawal-transactions")
    assert delay == 2.0 and fault is not None and fault.status == 502
    assert plan.take("POST", "/deposits/D1:changeState")[1] is not None  # the 504 now
    with pytest.raises(ValueError):
        server_error(404)


def test_lost_response_error_is_marked_as_sent() -> None:
    error = lose_response().network_error()
    assert request_was_sent(error)
    assert not request_was_sent(timeout("connect").network_error())
    assert isinstance(timeout("read").network_error(), MambuTimeoutError)


async def test_transport_raises_at_once_and_forwards_otherwise() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json=[])

    plan = FaultPlan()
    plan.add(connect_error(), path="/clients")
    plan.add(connection_reset(), path="/clients")
    plan.add(timeout("pool"), path="/clients")
    transport = FaultTransport(httpx.MockTransport(handler), plan)
    async with httpx.AsyncClient(transport=transport, base_url="http://t/api") as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/clients")
        assert seen == []
        with pytest.raises(httpx.ReadError):
            await client.get("/clients")
        assert seen == ["/api/clients"]  # a reset happens after the server saw the request
        with pytest.raises(httpx.PoolTimeout):
            await client.get("/clients")
        assert (await client.get("/clients")).status_code == 200


async def test_latency_waits_on_the_injected_sleep_through_both_fronts() -> None:
    from mambu_async.testing import FakeConnector, FakeMambu

    fake = FakeMambu()
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    fake.faults.sleep = sleep  # type: ignore[attr-defined]
    fake.faults.add(latency(2.5), method="GET", path="/loans/*")  # type: ignore[attr-defined]
    connector = FakeConnector(fake)
    with pytest.raises(MambuNotFoundError):  # the loan does not exist; the wait still happens
        await connector.mambu_get("L1", "loans")
    assert waited == [2.5] and fake.faults.slept == [2.5]  # type: ignore[attr-defined]
