"""Regression tests for emulator deviations from Mambu's OpenAPI files, found by property-based runs.

Each test pins one answer the emulator gave that the OpenAPI files do not allow (an undocumented
content type or status, a schema-violating request accepted, a response body outside the schema).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from mambu_async import _json
from mambu_async.testing import FakeMambu, emulator_app
from mambu_async.testing.factories import build_demo_tenant

MAMBU_JSON = "application/vnd.mambu.v2+json"


@pytest.fixture
def fake() -> FakeMambu:
    fake = FakeMambu()
    build_demo_tenant(fake, clients=4, loans=10, deposits=7)
    return fake


@pytest.fixture
async def http(fake: FakeMambu) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulator_app(fake))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1", headers=fake.auth_headers()
    ) as client:
        yield client


def _errors(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.headers["content-type"].startswith(MAMBU_JSON)
    body = _json.loads(response.content)
    assert isinstance(body, dict) and isinstance(body["errors"], list) and body["errors"]
    for entry in body["errors"]:
        assert isinstance(entry["errorCode"], int) and isinstance(entry["errorReason"], str)
    errors: list[dict[str, Any]] = body["errors"]
    return errors


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/clients/a%0Ab", 404),  # an escaped newline in an id
        ("DELETE", "/api/loanproducts/%0A", 404),
        ("PUT", "/api/deposits/x%0Dy", 404),
        ("TRACE", "/api/clients", 501),  # a method no route serves
    ],
)
async def test_no_request_reaches_the_frameworks_plain_text_pages(
    http: httpx.AsyncClient, method: str, path: str, status: int
) -> None:
    response = await http.request(method, path, content=b"{}" if method == "PUT" else None)
    assert response.status_code == status
    _errors(response)
