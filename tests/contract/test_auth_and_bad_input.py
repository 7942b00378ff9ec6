"""Authentication failures and bad input: Mambu-shaped 4xx, never a 500, the store unchanged."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from mambu_async import MambuAuthenticationError, MambuBadRequestError, MambuNotFoundError
from mambu_async.connector.rest import MambuConnectorREST
from mambu_async.testing import FakeConnector, FakeMambu, emulator_app

from .conftest import Raw, reasons


def _connectors(fake: FakeMambu, **credentials: Any) -> list[Any]:
    transport = httpx.ASGITransport(app=emulator_app(fake))
    return [
        FakeConnector(fake, **credentials),
        MambuConnectorREST("http://127.0.0.1/api", transport=transport, **credentials),
    ]


async def test_wrong_password_is_401_on_both_connectors(mambu_fake: FakeMambu) -> None:
    for connector in _connectors(mambu_fake, username=mambu_fake.username, password="wrong"):
        with pytest.raises(MambuAuthenticationError) as err:
            await connector.mambu_get_all("clients")
        assert err.value.status_code == 401
        assert err.value.error_reason == "INVALID_CREDENTIALS"
        await connector.aclose()


async def test_api_key_auth(mambu_fake: FakeMambu) -> None:
    assert mambu_fake.api_key
    for connector in _connectors(mambu_fake, api_key=mambu_fake.api_key):
        assert await connector.mambu_get_all("clients") == []
        await connector.aclose()
    for connector in _connectors(mambu_fake, api_key="not-the-key"):
        with pytest.raises(MambuAuthenticationError):
            await connector.mambu_get_all("clients")
        await connector.aclose()


async def test_custom_credentials() -> None:
    fake = FakeMambu(username="alice", password="s3cret", api_key=None)
    for connector in _connectors(fake, username="alice", password="s3cret"):
        assert await connector.mambu_get_all("branches") == []
        await connector.aclose()
    assert "s3cret" not in repr(fake) and "s3cret" not in repr(FakeConnector(fake))


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "INVALID_BASIC_AUTHORIZATION"),
        ({"authorization": "Bearer abc"}, "INVALID_BASIC_AUTHORIZATION"),
        ({"authorization": "Basic !!!"}, "INVALID_BASIC_AUTHORIZATION"),
        ({"authorization": "Basic " + base64.b64encode(b"mambu:nope").decode()}, "INVALID_CREDENTIALS"),
        ({"apikey": "nope"}, "INVALID_CREDENTIALS"),
    ],
)
async def test_raw_auth_failures(raw: Raw, headers: dict[str, str], reason: str) -> None:
    status, _, body = await raw("GET", "/clients", headers=headers)
    assert status == 401 and reasons(body) == [reason]


@pytest.mark.parametrize(
    ("method", "path", "content", "reason"),
    [
        ("POST", "/clients", b"{not json", "INVALID_JSON_SYNTAX"),
        ("POST", "/clients", b"", "INVALID_JSON_SYNTAX"),
        ("POST", "/clients", b"[1, 2]", "INVALID_JSON_SYNTAX"),
        ("PUT", "/clients/C1", b'{"firstName": ', "INVALID_JSON_SYNTAX"),
        ("POST", "/clients:search", b"nope", "INVALID_JSON_SYNTAX"),
        ("POST", "/clients", b'{"firstName": "A"}', "INVALID_PARAMETERS"),
        ("POST", "/clients", b'{"firstName": 1, "lastName": "B"}', "INVALID_PARAMETERS"),
        (
            "POST",
            "/clients",
            b'{"firstName": "A", "lastName": "B", "birthDate": "1990-13-01"}',
            "INVALID_DATE",
        ),
        ("POST", "/clients", b'{"firstName": "A", "lastName": "B", "gender": "OTHER"}', "INVALID_PARAMETERS"),
        (
            "POST",
            "/clients",
            b'{"firstName": "A", "lastName": "B", "encodedKey": "8a193c26722b51b701722d77c5e423b7"}',
            "ENCODED_KEY_MUST_BE_EMPTY_ON_CREATE",
        ),
        ("POST", "/clients", b'{"firstName": "A", "lastName": "B", "loanCycle": 3}', "INVALID_PARAMETERS"),
        ("POST", "/loans", b'{"loanAmount": "lots"}', "INVALID_PARAMETERS"),
        (
            "POST",
            "/clients:search",
            b'{"filterCriteria": [{"field": "firstName", "operator": "LIKE", "value": "A"}]}',
            "INVALID_FILTER_ELEMENT",
        ),
        (
            "POST",
            "/clients:search",
            b'{"filterCriteria": [{"field": "firstName", "operator": "EQUALS"}]}',
            "INVALID_FILTER_VALUE",
        ),
        (
            "POST",
            "/clients:search",
            b'{"filterCriteria": [{"field": "creationDate", "operator": "BETWEEN", "value": "2024-01-01"}]}',
            "INVALID_FILTER_SECOND_VALUE",
        ),
        (
            "POST",
            "/clients:search",
            b'{"filterCriteria": [{"field": "clientState", "operator": "IN"}]}',
            "INVALID_FILTER_VALUES",
        ),
        (
            "POST",
            "/clients:search",
            b'{"sortingCriteria": {"field": "id", "order": "UP"}}',
            "INVALID_SORTING_ORDER",
        ),
        ("POST", "/clients:search", b'{"filters": []}', "INVALID_PARAMETERS"),
    ],
)
async def test_bad_bodies(
    raw: Raw,
    tenant: dict[str, Any],
    mambu_fake: FakeMambu,
    method: str,
    path: str,
    content: bytes,
    reason: str,
) -> None:
    before = {
        kind: [dict(r) for r in mambu_fake.store[kind].values()]
        for kind in mambu_fake.store.kinds()
        if len(mambu_fake.store[kind])
    }
    status, _, body = await raw(method, path, content=content)
    assert status == 400
    assert reason in reasons(body)
    assert all("Traceback" not in (e.get("errorSource") or "") for e in body["errors"])
    after = {
        kind: [dict(r) for r in mambu_fake.store[kind].values()]
        for kind in mambu_fake.store.kinds()
        if len(mambu_fake.store[kind])
    }
    assert after == before


async def test_put_read_only_rules(
    mambu_connector: Any, tenant: dict[str, Any], mambu_fake: FakeMambu
) -> None:
    full = await mambu_connector.mambu_get("C1", "clients", detailsLevel="FULL")
    same = await mambu_connector.mambu_update("C1", "clients", {**full, "notes": "kept read-only fields"})
    assert same["creationDate"] == full["creationDate"] and same["notes"] == "kept read-only fields"
    before = mambu_fake.get("clients", "C1")
    for changed in (
        {"creationDate": "2020-01-01T00:00:00+00:00"},
        {"encodedKey": "0" * 32},
        {"loanCycle": 9},
    ):
        with pytest.raises(MambuBadRequestError) as err:
            await mambu_connector.mambu_update("C1", "clients", {**full, **changed})
        assert err.value.error_reason == "INVALID_PARAMETERS"
    assert mambu_fake.get("clients", "C1") == before
    without = {k: v for k, v in full.items() if k not in ("creationDate", "encodedKey", "emailAddress")}
    replaced = await mambu_connector.mambu_update("C1", "clients", without)
    assert replaced["encodedKey"] == full["encodedKey"] and "emailAddress" not in replaced


@pytest.mark.parametrize(
    ("prefix", "reason"),
    [
        ("clients", "INVALID_CLIENT_ID"),
        ("groups", "INVALID_GROUP_ID"),
        ("loans", "INVALID_LOAN_ACCOUNT_ID"),
        ("deposits", "INVALID_DEPOSIT_ACCOUNT_ID"),
        ("branches", "INVALID_BRANCH_ID"),
        ("centres", "INVALID_CENTRE_ID"),
        ("users", "INVALID_USER_ID"),
        ("loanproducts", "INVALID_PRODUCT_ID"),
        ("tasks", "INVALID_TASK_ID"),
        ("customfields", "INVALID_CUSTOM_FIELD_ID"),
        ("deposits/transactions", "TRANSACTION_NOT_FOUND"),
    ],
)
async def test_unknown_ids_are_404(mambu_connector: Any, prefix: str, reason: str) -> None:
    with pytest.raises(MambuNotFoundError) as err:
        await mambu_connector.mambu_get("missing/id:x", prefix)
    assert err.value.status_code == 404 and err.value.error_reason == reason


async def test_unknown_ids_on_writes(raw: Raw) -> None:
    for method, body in (
        ("PUT", {"firstName": "A", "lastName": "B"}),
        ("PATCH", [{"op": "ADD", "path": "/notes", "value": "x"}]),
        ("DELETE", None),
    ):
        status, _, answer = await raw(method, "/clients/NOPE", json=body)
        assert status == 404 and reasons(answer) == ["INVALID_CLIENT_ID"]


async def test_unimplemented_routes_answer_501(raw: Raw) -> None:
    status, _, body = await raw("GET", "/accounting/reports/R1")
    assert status == 501
    assert body == {
        "errors": [
            {
                "errorCode": 5,
                "errorReason": "METHOD_NOT_IMPLEMENTED",
                "errorSource": "GET /accounting/reports/R1 is not implemented",
            }
        ]
    }
