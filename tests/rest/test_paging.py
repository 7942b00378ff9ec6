"""get_all/search above the page size: pages of at most 1000, every filter on every page, totals."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from wire_helpers import TENANT, body_of

from mambu_async import MambuBadRequestError, MambuConnectorREST


class Tenant:
    """A server holding ``count`` records that honours offset/limit and, if asked, ``items-total``."""

    def __init__(self, count: int, *, total: str | None = "auto", reverse_finish: bool = False) -> None:
        self.count = count
        self.total = total
        self.reverse_finish = reverse_finish
        self.requests: list[httpx.Request] = []
        self.in_flight = 0
        self.peak = 0

    def pages(self) -> list[tuple[int, int]]:
        return [(int(r.url.params["offset"]), int(r.url.params["limit"])) for r in self.requests]

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        offset = int(request.url.params["offset"])
        limit = int(request.url.params["limit"])
        # Later offsets finish first, to prove the results are put back in order.
        for _ in range((10_000 - offset) // 500 if self.reverse_finish else 1):
            await asyncio.sleep(0)
        self.in_flight -= 1
        records = [{"id": f"R{i:05d}"} for i in range(offset, min(offset + limit, self.count))]
        headers = {}
        if request.url.params.get("paginationDetails") == "ON" and self.total is not None:
            headers["items-total"] = str(self.count) if self.total == "auto" else self.total
        return httpx.Response(200, content=json.dumps(records).encode(), headers=headers)


def connector(tenant: Tenant, **options: Any) -> MambuConnectorREST:
    return MambuConnectorREST(TENANT, api_key="k", transport=httpx.MockTransport(tenant), **options)


def ids(records: list[Any]) -> list[str]:
    return [r["id"] for r in records]


async def test_limit_2500_is_split_into_1000_1000_500_with_the_same_filters() -> None:
    tenant = Tenant(10_000, total=None)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all(
            "clients", filters={"branchId": "B1", "state": "ACTIVE"}, limit=2500, sortBy="id:ASC"
        )
    assert tenant.pages() == [(0, 1000), (1000, 1000), (2000, 500)]
    assert ids(result) == [f"R{i:05d}" for i in range(2500)]
    for request in tenant.requests:
        params = request.url.params
        assert params["branchId"] == "B1"
        assert params["state"] == "ACTIVE"
        assert params["sortBy"] == "id:ASC"
        assert params["detailsLevel"] == "BASIC"
    assert tenant.requests[0].url.params["paginationDetails"] == "ON"


async def test_offset_is_the_start_of_the_first_page() -> None:
    tenant = Tenant(10_000, total=None)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("clients", offset=10, limit=2500)
    assert tenant.pages() == [(10, 1000), (1010, 1000), (2010, 500)]
    assert ids(result)[0] == "R00010"
    assert len(result) == 2500


async def test_every_match_stops_on_a_short_page_without_total() -> None:
    tenant = Tenant(2300, total=None)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("loans", limit=None)
    assert tenant.pages() == [(0, 1000), (1000, 1000), (2000, 1000)]
    assert len(result) == 2300


async def test_every_match_asks_once_more_after_a_full_last_page_without_total() -> None:
    tenant = Tenant(2000, total=None)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("loans")
    assert tenant.pages() == [(0, 1000), (1000, 1000), (2000, 1000)]
    assert len(result) == 2000


@pytest.mark.parametrize("total", ["-1", "many", ""])
async def test_unusable_total_falls_back_to_stop_on_short_page(total: str) -> None:
    tenant = Tenant(1500, total=total)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("loans", limit=None)
    assert tenant.pages() == [(0, 1000), (1000, 1000)]
    assert len(result) == 1500


async def test_known_total_fetches_the_rest_concurrently_and_returns_in_order() -> None:
    tenant = Tenant(5500, reverse_finish=True)
    async with connector(tenant, max_concurrency=3) as conn:
        result = await conn.mambu_get_all("loans", filters={"accountState": "ACTIVE"}, limit=None)
    assert ids(result) == [f"R{i:05d}" for i in range(5500)]
    assert tenant.pages()[0] == (0, 1000)
    assert sorted(tenant.pages()[1:]) == [(1000, 1000), (2000, 1000), (3000, 1000), (4000, 1000), (5000, 500)]
    assert tenant.peak == 3
    assert all(r.url.params["accountState"] == "ACTIVE" for r in tenant.requests)


async def test_known_total_needs_no_extra_request_after_a_full_last_page() -> None:
    tenant = Tenant(2000)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("loans", limit=None)
    assert sorted(tenant.pages()) == [(0, 1000), (1000, 1000)]
    assert len(result) == 2000


async def test_known_total_with_a_limit_stops_at_the_limit() -> None:
    tenant = Tenant(5000)
    async with connector(tenant) as conn:
        result = await conn.mambu_get_all("loans", limit=2500)
    assert sorted(tenant.pages()) == [(0, 1000), (1000, 1000), (2000, 500)]
    assert len(result) == 2500


async def test_search_pages_repeat_the_criteria() -> None:
    tenant = Tenant(2100, total=None)
    criteria = [{"field": "clientState", "operator": "EQUALS", "value": "ACTIVE"}]
    sorting = {"field": "encodedKey", "order": "ASC"}
    async with connector(tenant) as conn:
        result = await conn.mambu_search("clients", criteria, sorting, limit=None, detailsLevel="FULL")
    assert len(result) == 2100
    assert tenant.pages() == [(0, 1000), (1000, 1000), (2000, 1000)]
    for request in tenant.requests:
        assert request.method == "POST"
        assert request.url.path == "/api/clients:search"
        assert body_of(request) == {"filterCriteria": criteria, "sortingCriteria": sorting}
        assert request.url.params["detailsLevel"] == "FULL"


async def test_page_size_option() -> None:
    tenant = Tenant(10_000, total=None)
    async with connector(tenant, page_size=250) as conn:
        await conn.mambu_get_all("clients", limit=600)
    assert tenant.pages() == [(0, 250), (250, 250), (500, 100)]


async def test_page_size_is_capped_at_1000() -> None:
    tenant = Tenant(10_000, total=None)
    async with connector(tenant, page_size=5000) as conn:
        await conn.mambu_get_all("clients", limit=1500)
    assert tenant.pages() == [(0, 1000), (1000, 500)]


async def test_a_failing_page_raises_its_own_error() -> None:
    tenant = Tenant(4000)

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["offset"] == "2000":
            body = {"errors": [{"errorCode": 12, "errorReason": "OUT_OF_BOUNDS_PAGINATION_OFFSET_VALUE"}]}
            return httpx.Response(400, json=body)
        return await tenant(request)

    async with MambuConnectorREST(TENANT, api_key="k", transport=httpx.MockTransport(handler)) as conn:
        with pytest.raises(MambuBadRequestError) as caught:
            await conn.mambu_get_all("loans")
    assert caught.value.error_reason == "OUT_OF_BOUNDS_PAGINATION_OFFSET_VALUE"
