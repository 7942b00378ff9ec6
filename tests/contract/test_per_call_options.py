"""Per-call options: ``with_options(timeout=..., max_retries=...)`` shares the connector's pool and limit;
entity calls take ``timeout=``; connectors take ``details_level=`` as well as MambuPy's ``detailsLevel``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mambu_async import MambuClient, MambuConnectorREST
from mambu_async.errors import MambuServerError, MambuValidationError
from mambu_async.testing import FakeConnector, FakeMambu, emulator_app
from mambu_async.testing.faults import server_error


async def _no_sleep(seconds: float) -> None:
    return None


class _Recording(httpx.AsyncBaseTransport):
    """Forwards to the emulator and records each request's read timeout."""

    def __init__(self, fake: FakeMambu) -> None:
        self.inner = httpx.ASGITransport(app=emulator_app(fake))
        self.read_timeouts: list[float | None] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.read_timeouts.append(request.extensions["timeout"]["read"])
        return await self.inner.handle_async_request(request)


async def test_with_options_shares_the_pool_and_the_limit(
    mambu_connector: Any, tenant: dict[str, Any]
) -> None:
    derived = mambu_connector.with_options(timeout=5, max_retries=0)
    assert derived is not mambu_connector and type(derived) is type(mambu_connector)
    assert derived._limiter is mambu_connector._limiter  # one concurrency limit for both
    assert derived.retry_policy.max_retries == 0 and mambu_connector.retry_policy.max_retries == 3
    if isinstance(mambu_connector, MambuConnectorREST):
        assert derived._client is mambu_connector._client
        assert derived.timeout.read == 5.0 and mambu_connector.timeout.read == 30.0
    await derived.aclose()  # closing the copy leaves the shared connections open
    assert (await mambu_connector.mambu_get("C1", "clients"))["id"] == "C1"


async def test_with_options_max_retries_applies_to_that_copy_only(
    mambu_connector: Any, mambu_fake: FakeMambu, tenant: dict[str, Any]
) -> None:
    mambu_fake.faults.add(server_error(503), method="GET", path="/clients/C1", times=1)
    with pytest.raises(MambuServerError):
        await mambu_connector.with_options(max_retries=0).mambu_get("C1", "clients")
    mambu_fake.faults.add(server_error(503), method="GET", path="/clients/C1", times=1)
    assert (await mambu_connector.mambu_get("C1", "clients"))["id"] == "C1"  # retried as configured


@pytest.mark.parametrize("bad", [0, -1, "soon", True])
async def test_with_options_refuses_a_bad_timeout(mambu_connector: Any, bad: Any) -> None:
    with pytest.raises(MambuValidationError, match="timeout"):
        mambu_connector.with_options(timeout=bad)
    with pytest.raises(MambuValidationError, match="max_retries"):
        mambu_connector.with_options(max_retries=-1)


def test_fake_connector_keeps_the_timeout_it_is_given(mambu_fake: FakeMambu) -> None:
    fake_connector = FakeConnector(mambu_fake)
    assert fake_connector.timeout is None
    assert fake_connector.with_options(timeout=2.5).timeout == 2.5
    assert fake_connector.with_options(timeout=httpx.Timeout(7.0)).timeout == 7.0
    assert fake_connector.timeout is None


async def test_entity_calls_take_a_timeout_for_that_call_only(
    mambu_fake: FakeMambu, tenant: dict[str, Any]
) -> None:
    transport = _Recording(mambu_fake)
    async with MambuConnectorREST(
        "http://127.0.0.1/api", api_key=mambu_fake.api_key, transport=transport, sleep=_no_sleep
    ) as connector:
        client = await MambuClient.get("C1", connector=connector, timeout=2.5)
        assert client.connector is connector  # the entity keeps the connector it was given
        await client.refresh()
        client.notes = "checked"
        await client.patch(timeout=4)
        await MambuClient.get_all(connector=connector, timeout=1.5)
        async for _ in MambuClient.iterate(connector=connector, timeout=6):
            pass
        await MambuClient.search(connector=connector, timeout=8)
    assert transport.read_timeouts[:4] == [2.5, 30.0, 4.0, 1.5]
    assert set(transport.read_timeouts[4:-1]) == {6.0} and transport.read_timeouts[-1] == 8.0


async def test_connectors_take_details_level_in_snake_case(
    mambu_connector: Any, tenant: dict[str, Any]
) -> None:
    full = await mambu_connector.mambu_get("C1", "clients", details_level="FULL")
    assert full["_Personal"] == {"nickname": "Annie", "score": "7.5"}
    assert full == await mambu_connector.mambu_get("C1", "clients", "FULL")  # MambuPy's positional name
    assert "_Personal" not in await mambu_connector.mambu_get("C1", "clients")
    listed = await mambu_connector.mambu_get_all("clients", details_level="FULL", limit=1)
    assert "_Personal" in listed[0]
    found = await mambu_connector.mambu_search("clients", details_level="FULL", limit=1)
    assert "_Personal" in found[0]
    streamed = [r async for r in mambu_connector.mambu_iterate("clients", details_level="FULL")]
    assert all("_Personal" in r for r in streamed)
    with pytest.raises(MambuValidationError, match="detailsLevel or details_level"):
        await mambu_connector.mambu_get("C1", "clients", "BASIC", details_level="FULL")
    with pytest.raises(MambuValidationError, match="details_level"):
        await mambu_connector.mambu_get_all("clients", details_level="SOME")
