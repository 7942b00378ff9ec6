"""PATCH forms: op in any case, paths with or without '/', custom fields, grouped sets, MOVE, REMOVE."""

from __future__ import annotations

from typing import Any

import pytest

from mambu_async import MambuBadRequestError
from mambu_async.testing import FakeMambu

from .conftest import Raw, reasons


async def test_patch_forms(mambu_connector: Any, tenant: dict[str, Any]) -> None:
    ops = [
        ("replace", "firstName", "Anna"),
        {"op": "Add", "path": "/middleName", "value": "Maria"},
        ("ADD", "/_Personal/nickname", "Nan"),
        ("add", "_Refs", [{"name": "first"}]),
        ("ADD", "/_Refs/1/name", "second"),
        ("REPLACE", "/_Refs/0/name", "First"),
        ("remove", "/emailAddress"),
        ("add", "/notes", "moved"),
    ]
    assert await mambu_connector.mambu_patch("C1", "clients", ops) is None
    got = await mambu_connector.mambu_get("C1", "clients", detailsLevel="FULL")
    assert (got["firstName"], got["middleName"]) == ("Anna", "Maria")
    assert got["_Personal"] == {"nickname": "Nan", "score": "7.5"}
    assert got["_Refs"] == [{"name": "First", "_index": "0"}, {"name": "second", "_index": "1"}]
    assert "emailAddress" not in got
    await mambu_connector.mambu_patch(
        "C1", "clients", [{"op": "move", "from": "/notes", "path": "/mobilePhone"}]
    )
    moved = await mambu_connector.mambu_get("C1", "clients")
    assert moved["mobilePhone"] == "moved" and "notes" not in moved


@pytest.mark.parametrize(
    ("ops", "reason"),
    [
        ([("REPLACE", "/middleName", "X")], "INVALID_PARAMETERS"),
        ([("REPLACE", "/encodedKey", "0" * 32)], "INVALID_PARAMETERS"),
        ([("ADD", "/creationDate", "2020-01-01T00:00:00+00:00")], "INVALID_PARAMETERS"),
        ([("ADD", "/state", "SLEEPING")], "INVALID_PARAMETERS"),
        ([("ADD", "/_Personal/colour", "red")], "INVALID_CUSTOM_FIELD_ID"),
        ([("ADD", "/_Personal/score", "lots")], "INCONSISTENT_VALUE_WITH_CUSTOM_FIELD_TYPE"),
        ([("ADD", "/_Refs/5/name", "far")], "INVALID_CUSTOM_FIELD_GROUP_INDEX"),
        ([{"op": "MOVE", "from": "/nothing", "path": "/notes"}], "INVALID_PARAMETERS"),
    ],
)
async def test_patch_refusals_leave_the_record(
    mambu_connector: Any, tenant: dict[str, Any], mambu_fake: FakeMambu, ops: list[Any], reason: str
) -> None:
    before = mambu_fake.get("clients", "C1")
    with pytest.raises(MambuBadRequestError) as err:
        await mambu_connector.mambu_patch("C1", "clients", [("ADD", "/notes", "changed"), *ops])
    assert err.value.error_reason == reason
    assert mambu_fake.get("clients", "C1") == before


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([{"op": "copy", "path": "/notes", "value": "x"}], "INVALID_PARAMETERS"),
        ([{"op": "add", "value": "x"}], "INVALID_PARAMETERS"),
        ([], "INVALID_PARAMETERS"),
        ({"op": "add"}, "INVALID_JSON_SYNTAX"),
    ],
)
async def test_malformed_patch_bodies(raw: Raw, tenant: dict[str, Any], body: Any, reason: str) -> None:
    status, _, answer = await raw("PATCH", "/clients/C1", json=body)
    assert status == 400 and reasons(answer) == [reason]
