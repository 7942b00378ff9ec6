"""Contract suite helpers: a raw front (status, headers, JSON) over both the in-process fake and HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from mambu_async import _json
from mambu_async.testing import FakeMambu, emulator_app

Raw = Callable[..., Awaitable[tuple[int, dict[str, str], Any]]]


def _body(json: Any, content: bytes | None) -> bytes | None:
    """The request body: raw ``content`` as given, else ``json`` encoded, else none."""
    return content if content is not None else (_json.dumps(json) if json is not None else None)


@pytest.fixture(params=["fake", "rest"])
async def raw(request: pytest.FixtureRequest, mambu_fake: FakeMambu) -> AsyncIterator[Raw]:
    """``await raw(method, path, params=..., json=..., content=..., headers=...)`` on either front.

    ``fake`` calls ``FakeMambu.dispatch``; ``rest`` goes over HTTP through the emulator. Both return
    ``(status, lower-case headers, decoded JSON or None)``.
    """
    auth = mambu_fake.auth_headers()
    if request.param == "fake":

        async def call_fake(
            method: str,
            path: str,
            *,
            params: list[tuple[str, str]] | None = None,
            json: Any = None,
            content: bytes | None = None,
            headers: dict[str, str] | None = None,
        ) -> tuple[int, dict[str, str], Any]:
            body = _body(json, content)
            sent = auth if headers is None else headers
            response = mambu_fake.dispatch(method, path, params or [], sent, body)
            return response.status, response.headers, _json.loads(response.body) if response.body else None

        yield call_fake
        return

    transport = httpx.ASGITransport(app=emulator_app(mambu_fake))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:

        async def call_http(
            method: str,
            path: str,
            *,
            params: list[tuple[str, str]] | None = None,
            json: Any = None,
            content: bytes | None = None,
            headers: dict[str, str] | None = None,
        ) -> tuple[int, dict[str, str], Any]:
            body = _body(json, content)
            sent = dict(auth if headers is None else headers)
            if body is not None:
                sent["content-type"] = "application/json"
            response = await client.request(
                method, "/api" + path, params=params or [], content=body, headers=sent
            )
            lowered = {k.lower(): v for k, v in response.headers.items()}
            return response.status_code, lowered, _json.loads(response.content) if response.content else None

        yield call_http


def reasons(body: Any) -> list[str]:
    """The errorReasons of a Mambu error body."""
    return [e["errorReason"] for e in body["errors"]]


@pytest.fixture
def tenant(mambu_fake: FakeMambu) -> dict[str, Any]:
    """A small tenant seeded through the backend: branch, centre, user, products, two clients."""
    fake = mambu_fake
    branch = fake.create("branches", {"id": "BR1", "name": "Main branch"})
    other_branch = fake.create("branches", {"id": "BR2", "name": "Second branch"})
    centre = fake.create(
        "centres", {"id": "CE1", "name": "Centre", "assignedBranchKey": branch["encodedKey"]}
    )
    role = fake.create("userroles", {"id": "R1", "name": "Officer"})
    user = fake.create(
        "users",
        {"username": "officer", "firstName": "Olga", "role": {"encodedKey": role["encodedKey"]}},
    )
    fake.create("customfieldsets", {"id": "_Personal", "availableFor": "CLIENT"})
    fake.create("customfields", {"id": "nickname", "customFieldSetId": "_Personal", "type": "FREE_TEXT"})
    fake.create("customfields", {"id": "score", "customFieldSetId": "_Personal", "type": "NUMBER"})
    fake.create("customfieldsets", {"id": "_Refs", "availableFor": "CLIENT", "fieldSetType": "GROUPED"})
    fake.create("customfields", {"id": "name", "customFieldSetId": "_Refs", "type": "FREE_TEXT"})
    loan_product = fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro loan", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    deposit_product = fake.create(
        "depositproducts",
        {
            "id": "DP1",
            "name": "Savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
        },
    )
    ana = fake.create(
        "clients",
        {
            "id": "C1",
            "firstName": "Ana",
            "lastName": "Lopez",
            "state": "ACTIVE",
            "birthDate": "1990-04-26",
            "assignedBranchKey": branch["encodedKey"],
            "assignedUserKey": user["encodedKey"],
            "emailAddress": "ana@example.com",
            "addresses": [{"line1": "1 Main St", "city": "Lisbon"}],
            "_Personal": {"nickname": "Annie", "score": "7.5"},
        },
    )
    fake.clock.advance(days=1)
    bob = fake.create(
        "clients",
        {
            "id": "C2",
            "firstName": "bob",
            "lastName": "Brown",
            "state": "INACTIVE",
            "assignedBranchKey": other_branch["encodedKey"],
            "_Personal": {"nickname": "Bobby", "score": "12"},
        },
    )
    return {
        "branch": branch,
        "other_branch": other_branch,
        "centre": centre,
        "role": role,
        "user": user,
        "loan_product": loan_product,
        "deposit_product": deposit_product,
        "ana": ana,
        "bob": bob,
    }
