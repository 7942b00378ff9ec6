"""Methods Mambu never serves answer 405 with a Mambu body; HEAD answers as GET without a body; an
operation the fake does not implement still answers 501 (both fronts)."""

from __future__ import annotations

import pytest

from mambu_async.testing import FakeMambu
from tests.contract.conftest import Raw, reasons


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "CONNECT", "PROPFIND"])
async def test_a_method_mambu_never_serves_answers_405(raw: Raw, mambu_fake: FakeMambu, method: str) -> None:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    status, headers, body = await raw(method, "/clients/C1")
    assert status == 405
    assert reasons(body) == ["INVALID_API_OPERATION"] and body["errors"][0]["errorCode"] == 3
    assert headers["allow"] == "DELETE, GET, PATCH, PUT"


async def test_trace_on_a_list_path_names_what_it_serves(raw: Raw) -> None:
    status, headers, body = await raw("TRACE", "/loans")
    assert status == 405 and reasons(body) == ["INVALID_API_OPERATION"]
    assert headers["allow"] == "GET, POST"


async def test_head_answers_like_get_without_a_body(raw: Raw, mambu_fake: FakeMambu) -> None:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    status, _, body = await raw("HEAD", "/clients/C1")
    assert status == 200 and body is None
    status, _, body = await raw("HEAD", "/clients/NOPE")
    assert status == 404 and body is None


async def test_an_operation_not_implemented_still_answers_501(raw: Raw) -> None:
    status, _, body = await raw("DELETE", "/loans/L1/schedule")
    assert status == 501 and reasons(body) == ["METHOD_NOT_IMPLEMENTED"]
