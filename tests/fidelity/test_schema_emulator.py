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
from mambu_async.testing.clock import DEFAULT_NOW
from mambu_async.testing.factories import build_demo_tenant

MAMBU_JSON = "application/vnd.mambu.v2+json"


@pytest.fixture
def fake() -> FakeMambu:
    fake = FakeMambu(now=DEFAULT_NOW)
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
        ("TRACE", "/api/clients", 405),  # a method Mambu never serves
    ],
)
async def test_no_request_reaches_the_frameworks_plain_text_pages(
    http: httpx.AsyncClient, method: str, path: str, status: int
) -> None:
    response = await http.request(method, path, content=b"{}" if method == "PUT" else None)
    assert response.status_code == status
    _errors(response)


@pytest.mark.parametrize(
    ("path", "body", "reason"),
    [
        ("/deposits/D000001/withdrawal-transactions", {"amount": 1, "bookingDate": "x"}, "INVALID_DATE"),
        (
            "/deposits/D000001/withdrawal-transactions",
            {"amount": 1, "transactionDetails": {"transactionChannelKey": 2.5}},
            "INVALID_PARAMETERS",
        ),
        ("/deposits/D000001/deposit-transactions", {"amount": "ten"}, "INVALID_PARAMETERS"),
        ("/deposits/D000001/deposit-transactions", {"amount": 5, "notes": 7}, "INVALID_PARAMETERS"),
        (
            "/deposits/D000001/transfer-transactions",
            {"amount": 1, "transferDetails": {"linkedAccountType": "CARD", "linkedAccountId": "D000002"}},
            "INVALID_PARAMETERS",
        ),
        ("/deposits/D000001/fee-transactions", {"amount": 1, "predefinedFeeKey": 3}, "INVALID_PARAMETERS"),
        ("/deposits/D000001:startMaturity", {"maturityDate": "2030-02-30"}, "INVALID_DATE"),
        ("/deposits/D000001:changeState", {"action": "APPROVE", "notes": ["x"]}, "INVALID_PARAMETERS"),
        ("/loans/L000004:payOff", {"notes": 1}, "INVALID_PARAMETERS"),
        ("/loans/L000004:changeState", {"action": "CLOSE", "notes": False}, "INVALID_PARAMETERS"),
    ],
)
async def test_action_bodies_outside_the_input_schema_are_refused(
    http: httpx.AsyncClient, fake: FakeMambu, path: str, body: dict[str, Any], reason: str
) -> None:
    before = {kind: len(fake.store[kind]) for kind in ("deposittransactions", "loantransactions")}
    response = await http.post("/api" + path, content=_json.dumps(body))
    assert response.status_code == 400, response.text
    assert reason in {e["errorReason"] for e in _errors(response)}
    assert before == {kind: len(fake.store[kind]) for kind in before}


async def test_adjust_refuses_a_body_outside_the_input_schema(
    http: httpx.AsyncClient, fake: FakeMambu
) -> None:
    tx = next(t for t in fake.store["deposittransactions"].values() if t["type"] == "DEPOSIT")
    response = await http.post(f"/api/deposits/transactions/{tx['id']}:adjust", content=b'{"notes": 4}')
    assert response.status_code == 400
    assert _errors(response)[0]["errorReason"] == "INVALID_PARAMETERS"
    assert not fake.get("deposittransactions", tx["encodedKey"]).get("adjustmentTransactionKey")


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1])
async def test_an_int32_out_of_range_is_refused(http: httpx.AsyncClient, value: int) -> None:
    body = {"firstName": "A", "lastName": "B", "idDocuments": [{"documentId": "X1", "indexInList": value}]}
    response = await http.post("/api/clients", content=_json.dumps(body))
    assert response.status_code == 400
    assert _errors(response)[0]["errorReason"] == "INVALID_PARAMETERS"


def _has_null(value: Any) -> bool:
    if isinstance(value, dict):
        return any(v is None or _has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null(v) for v in value)
    return False


async def test_nulls_sent_are_never_answered(http: httpx.AsyncClient, fake: FakeMambu) -> None:
    """The OpenAPI files declare no field nullable: a null sent is stored and answered as absent."""
    product = _json.loads((await http.get("/api/depositproducts/DP1?detailsLevel=FULL")).content)
    sent = {**product, "notes": None, "offsetSettings": {"allowOffset": None}, "overdraftSettings": None}
    put = await http.put("/api/depositproducts/DP1", content=_json.dumps(sent))
    assert put.status_code == 200, put.text
    created = await http.post(
        "/api/clients", content=_json.dumps({"firstName": "A", "lastName": "B", "middleName": None})
    )
    assert created.status_code == 201, created.text
    deposit = await http.post(
        "/api/deposits/D000001/deposit-transactions",
        content=_json.dumps(
            {"amount": 5, "notes": None, "transactionDetails": {"transactionChannelId": None}}
        ),
    )
    assert deposit.status_code == 201, deposit.text
    for response in (put, created, deposit):
        assert not _has_null(_json.loads(response.content)), response.text
    again = await http.get("/api/depositproducts/DP1?detailsLevel=FULL")
    assert not _has_null(_json.loads(again.content))
    assert "notes" not in _json.loads(again.content)


async def test_listing_the_transactions_of_an_unknown_deposit_answers_a_documented_status(
    http: httpx.AsyncClient,
) -> None:
    """deposit_transactions.json declares 200/400/401/403 for this list (no 404)."""
    response = await http.get("/api/deposits/NOPE/transactions")
    assert response.status_code == 400
    assert _errors(response)[0]["errorReason"] == "INVALID_DEPOSIT_ACCOUNT_ID"
