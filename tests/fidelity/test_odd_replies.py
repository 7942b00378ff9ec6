"""The REST connector against documented-but-odd replies of a server nobody here wrote (respx).

Mambu's OpenAPI files and docs allow: 204 with no body, ``102 Processing`` for an idempotent request
still being processed ("try again later"), list answers without ``items-total``, an ``errorCode`` sent
as a string, a bare error object instead of ``{"errors": [...]}``, v1 error bodies
(``returnCode``/``returnStatus``), an HTML page from a proxy in front of the tenant, and ``Retry-After``
as an HTTP date. Each must end as a plain result or as the right ``MambuError`` subclass, never as a
``KeyError``/``TypeError`` or a hang.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal

import httpx
import pytest
import respx

from mambu_async import (
    MambuBadRequestError,
    MambuConnectorREST,
    MambuError,
    MambuNotFoundError,
    MambuRateLimitError,
    MambuResponseError,
    MambuServerError,
)

BASE = "https://tenant.example.com/api"
MAMBU_JSON = {"content-type": "application/vnd.mambu.v2+json;charset=UTF-8"}


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
async def conn(sleeps: Sleeps) -> AsyncIterator[MambuConnectorREST]:
    async with MambuConnectorREST(
        BASE, username="u", password="p", sleep=sleeps, random=lambda: 0.0, page_size=2
    ) as connector:
        yield connector


# -- success without a body ------------------------------------------------------------------------


async def test_204_without_body_on_documented_204_actions(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.post("/deposits/D1:undoMaturity").respond(204)
    mock.post("/loans/L1:payOff").respond(204)
    mock.patch("/clients/C1").respond(204)
    mock.delete("/clients/C1").respond(204)
    assert await conn.mambu_action("D1", "deposits", "undoMaturity") is None
    assert await conn.mambu_action("L1", "loans", "payOff", {"notes": "n"}) is None
    assert await conn.mambu_patch("C1", "clients", [("replace", "notes", "x")]) is None
    assert await conn.mambu_delete("C1", "clients") is None


async def test_204_where_an_entity_was_expected_is_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(204)
    with pytest.raises(MambuResponseError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == 204


# -- 102 Processing ------------------------------------------------------------------------------


async def test_102_processing_is_asked_again_with_the_same_idempotency_key(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: Sleeps
) -> None:
    route = mock.post("/clients").mock(
        side_effect=[
            httpx.Response(102),
            httpx.Response(102, text="processing"),
            httpx.Response(201, json={"encodedKey": "k", "id": "C1"}, headers=MAMBU_JSON),
        ]
    )
    created = await conn.mambu_create("clients", {"firstName": "A", "lastName": "B"})
    assert created == {"encodedKey": "k", "id": "C1"}
    keys = {call.request.headers["idempotency-key"] for call in route.calls}
    assert route.call_count == 3 and len(keys) == 1
    assert len(sleeps.calls) == 2


async def test_102_that_never_ends_raises_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/deposits/D1/deposit-transactions").respond(102)
    with pytest.raises(MambuResponseError) as caught:
        await conn.mambu_make_deposit("D1", Decimal("10"))
    assert caught.value.status_code == 102
    assert route.call_count == 1 + conn.retry_policy.max_retries


# -- lists without items-total ---------------------------------------------------------------------


async def test_every_match_without_items_total_stops_on_a_short_page(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    pages = [[{"id": "1"}, {"id": "2"}], [{"id": "3"}, {"id": "4"}], [{"id": "5"}]]

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", "0"))
        return httpx.Response(200, json=pages[offset // 2], headers=MAMBU_JSON)

    route = mock.get("/clients").mock(side_effect=answer)
    found = await conn.mambu_get_all("clients", limit=None)
    assert [c["id"] for c in found] == ["1", "2", "3", "4", "5"]  # type: ignore[index]
    assert route.call_count == 3


async def test_search_without_items_total(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.post("/clients:search").respond(200, json=[{"id": "1"}], headers=MAMBU_JSON)
    found = await conn.mambu_search("clients", [{"field": "id", "operator": "EQUALS", "value": "1"}])
    assert found == [{"id": "1"}]


# -- error bodies ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "cls", "code", "reason"),
    [
        (
            400,
            {"errors": [{"errorCode": "4", "errorReason": "INVALID_PARAMETERS"}]},
            MambuBadRequestError,
            4,
            "INVALID_PARAMETERS",
        ),
        (
            400,
            {"errorCode": 4, "errorReason": "INVALID_PARAMETERS", "errorSource": "x"},
            MambuBadRequestError,
            4,
            "INVALID_PARAMETERS",
        ),
        (
            404,
            {"returnCode": 301, "returnStatus": "INVALID_CLIENT_ID"},
            MambuNotFoundError,
            301,
            "INVALID_CLIENT_ID",
        ),
        (
            400,
            {"errors": [{"errorCode": "E-12", "errorReason": "INVALID_PARAMETERS"}]},
            MambuBadRequestError,
            "E-12",
            "INVALID_PARAMETERS",
        ),
    ],
)
async def test_error_body_variants(
    mock: respx.MockRouter,
    conn: MambuConnectorREST,
    status: int,
    body: object,
    cls: type[MambuError],
    code: object,
    reason: str,
) -> None:
    mock.get("/clients/C1").respond(status, json=body, headers=MAMBU_JSON)
    with pytest.raises(cls) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == status
    assert caught.value.errors[0].code == code
    assert caught.value.errors[0].reason == reason
    assert caught.value.error_code == code


@pytest.mark.parametrize(
    "body",
    [
        {"errors": "INVALID_PARAMETERS"},
        {"errors": [None, 4, "x"]},
        [{"errorCode": 4}],
        "null",
        {"errors": [{"errorCode": None, "errorReason": 7}]},
    ],
)
async def test_malformed_error_bodies_still_give_the_status_class(
    mock: respx.MockRouter, conn: MambuConnectorREST, body: object
) -> None:
    mock.get("/clients/C1").respond(400, content=json.dumps(body).encode(), headers=MAMBU_JSON)
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == 400
    str(caught.value)
    repr(caught.value)


async def test_html_502_from_a_proxy_is_retried_then_a_server_error(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: Sleeps
) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
    route = mock.get("/loans/L1").respond(502, text=page, headers={"content-type": "text/html"})
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("L1", "loans")
    assert caught.value.status_code == 502
    assert caught.value.errors == []
    assert caught.value.body == page
    assert route.call_count == 1 + conn.retry_policy.max_retries
    assert len(sleeps.calls) == conn.retry_policy.max_retries


async def test_html_502_then_success(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/loans/L1").mock(
        side_effect=[
            httpx.Response(502, text="<html>Bad Gateway</html>", headers={"content-type": "text/html"}),
            httpx.Response(200, json={"id": "L1"}, headers=MAMBU_JSON),
        ]
    )
    assert await conn.mambu_get("L1", "loans") == {"id": "L1"}


# -- Retry-After as an HTTP date -------------------------------------------------------------------


async def test_retry_after_as_an_http_date_in_the_past_retries_at_once(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: Sleeps
) -> None:
    when = email.utils.format_datetime(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), usegmt=True)
    mock.get("/loans/L1").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": when}),
            httpx.Response(200, json={"id": "L1"}, headers=MAMBU_JSON),
        ]
    )
    assert await conn.mambu_get("L1", "loans") == {"id": "L1"}
    assert sleeps.calls == [0.0]


async def test_retry_after_as_an_http_date_far_ahead_raises_at_once(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: Sleeps
) -> None:
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    route = mock.get("/loans/L1").respond(
        429, headers={"Retry-After": email.utils.format_datetime(ahead, usegmt=True)}
    )
    with pytest.raises(MambuRateLimitError) as caught:
        await conn.mambu_get("L1", "loans")
    assert route.call_count == 1 and sleeps.calls == []
    assert caught.value.retry_after is not None and caught.value.retry_after > 3600


async def test_retry_after_garbage_falls_back_to_backoff(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: Sleeps
) -> None:
    mock.get("/loans/L1").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": "soon"}),
            httpx.Response(200, json={"id": "L1"}, headers=MAMBU_JSON),
        ]
    )
    assert await conn.mambu_get("L1", "loans") == {"id": "L1"}
    assert len(sleeps.calls) == 1 and sleeps.calls[0] > 0
