"""The REST connector reads bodies itself, so no httpx Response (a reference cycle with its stream)
keeps a page's bytes alive until the cyclic garbage collector runs."""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator

import httpx
import pytest

from mambu_async import MambuConnectionError, MambuConnectorREST


async def test_a_page_body_is_not_left_in_an_httpx_response() -> None:
    body = b"[" + b",".join(b'{"encodedKey":"k%05d","id":"%d"}' % (i, i) for i in range(3000)) + b"]"
    answered: list[weakref.ref[httpx.Response]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        # A stream, not content=: the transport's response must not hold the body itself either.
        headers = {"Content-Type": "application/json"}
        response = httpx.Response(200, stream=httpx.ByteStream(body), headers=headers)
        answered.append(weakref.ref(response))
        return response

    async with MambuConnectorREST(
        "https://acme.mambu.com", api_key="key", transport=httpx.MockTransport(handler)
    ) as conn:
        was_enabled = gc.isenabled()
        gc.disable()  # nothing may rely on a collection to let the body go
        try:
            page = await conn.fetch_page("loans", offset=0, limit=1000, search=True)
            # Only the response this call made is looked at: alive (a cycle waiting for the collector)
            # or not, it must not hold the body.
            held = [r for r in (ref() for ref in answered) if r is not None and hasattr(r, "_content")]
        finally:
            if was_enabled:
                gc.enable()
    assert len(answered) == 1
    assert len(page.records) == 3000
    assert page.records[-1] == {"encodedKey": "k02999", "id": "2999"}
    assert held == []


async def test_a_body_cut_short_is_a_connection_error_that_says_it_was_sent() -> None:
    class Broken(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"[{"
            raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Broken())

    async with MambuConnectorREST(
        "https://acme.mambu.com", api_key="key", transport=httpx.MockTransport(handler), max_retries=0
    ) as conn:
        with pytest.raises(MambuConnectionError, match="ReadError") as info:
            await conn.mambu_get("C1", "clients")
    assert isinstance(info.value.__cause__, httpx.ReadError)
