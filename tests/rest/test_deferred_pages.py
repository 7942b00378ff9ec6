"""fetch_page(decode_later=True): the body is decoded when the records are first read, so a bulk pull
holds the pages waiting their turn as raw JSON; a body that is not an array is reported in its turn."""

from __future__ import annotations

import httpx
import pytest

from mambu_async import MambuConnectorREST, MambuResponseError
from mambu_async.connector.operations import DeferredPage


def _rows(start: int, stop: int) -> list[dict[str, str]]:
    return [{"encodedKey": f"k{i:04d}", "id": str(i)} for i in range(start, stop)]


def _connector(handler: httpx.MockTransport) -> MambuConnectorREST:
    return MambuConnectorREST("https://acme.mambu.com", api_key="key", transport=handler, max_retries=0)


async def test_records_are_decoded_on_first_read_and_once() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=_rows(0, 3), headers={"items-total": "3"})
    )
    async with _connector(transport) as conn:
        page = await conn.fetch_page(
            "loans", offset=0, limit=3, search=True, with_total=True, decode_later=True
        )
    assert isinstance(page, DeferredPage)
    assert page.total == 3 and page.retries == 0 and page.latency >= 0
    assert page.records == _rows(0, 3)
    assert page.records is page.records


@pytest.mark.parametrize("body", [b'{"not": "a list"}', b"[{not json"], ids=["object", "broken"])
async def test_a_body_that_is_not_an_array_raises_when_read(body: bytes) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    async with _connector(transport) as conn:
        page = await conn.fetch_page("loans", offset=0, limit=3, search=True, decode_later=True)
        with pytest.raises(MambuResponseError):
            page.records  # noqa: B018
        with pytest.raises(MambuResponseError):
            await conn.fetch_page("loans", offset=0, limit=3, search=True)


async def test_a_pull_delivers_the_pages_before_a_bad_body_then_raises() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        if offset >= 18:
            return httpx.Response(200, content=b'{"errors": "not a page"}')
        return httpx.Response(200, json=_rows(offset, min(offset + 10, 100)))

    async with _connector(httpx.MockTransport(handler)) as conn:
        got: list[str] = []
        with pytest.raises(MambuResponseError, match="JSON array"):
            async for record in conn.mambu_iterate("loans", page_size=10, concurrency=4):
                got.append(record["id"])
    assert got == [str(i) for i in range(19)]  # pages at offsets 0 and 9, then the bad one
