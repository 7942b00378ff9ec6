"""HTTP failures become the MambuError tree, with every entry of Mambu's ``ErrorResponse``.

Bodies follow ``#/definitions/ErrorResponse`` / ``RestError`` of the v2 OpenAPI files
(``{"errors": [{"errorCode": int32, "errorSource": str, "errorReason": enum}]}``), with reasons taken
from the ``errorReason`` enum and codes from api-semantics §3.3.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from wire_helpers import rest_error

from mambu_async import (
    MambuAuthenticationError,
    MambuBadRequestError,
    MambuConflictError,
    MambuConnectorREST,
    MambuError,
    MambuErrorDetail,
    MambuNotFoundError,
    MambuNotImplementedError,
    MambuPermissionError,
    MambuRateLimitError,
    MambuResponseError,
    MambuServerError,
)

CASES: list[tuple[int, dict[str, Any], type[MambuError]]] = [
    (
        400,
        {
            "errors": [
                {
                    "errorCode": 4,
                    "errorSource": "Property scheduleSettings.repaymentInstallments may not be null",
                    "errorReason": "INVALID_PARAMETERS",
                },
                {"errorCode": 14, "errorReason": "OUT_OF_BOUNDS_PAGINATION_LIMIT_VALUE"},
            ]
        },
        MambuBadRequestError,
    ),
    (401, rest_error(2, "INVALID_CREDENTIALS", "credentials"), MambuAuthenticationError),
    (403, rest_error(15, "INVALID_PERMISSIONS"), MambuPermissionError),
    (404, rest_error(301, "INVALID_CLIENT_ID", "id"), MambuNotFoundError),
    (409, rest_error(34, "BLOCKING_OPERATION_IN_PROGRESS"), MambuConflictError),
    (429, rest_error(7, "API_NOT_AUTHORIZED", "rate limit"), MambuRateLimitError),
    (500, rest_error(6, "INTERNAL_ERROR"), MambuServerError),
    (501, rest_error(5, "METHOD_NOT_IMPLEMENTED"), MambuNotImplementedError),
]


@pytest.mark.parametrize(("status", "body", "cls"), CASES, ids=[str(c[0]) for c in CASES])
async def test_status_maps_to_its_class_with_every_error(
    mock: respx.MockRouter, sleeps: Any, status: int, body: dict[str, Any], cls: type[MambuError]
) -> None:
    mock.get("/clients/C1").respond(status, json=body, headers={"Retry-After": "999"})
    async with MambuConnectorREST("https://acme.mambu.com", api_key="k", sleep=sleeps) as conn:
        with pytest.raises(cls) as caught:
            await conn.mambu_get("C1", "clients")
    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.method == "GET"
    assert error.url == "https://acme.mambu.com/api/clients/C1?detailsLevel=BASIC"
    assert error.body == body
    expected = [
        MambuErrorDetail(e["errorCode"], e["errorReason"], e.get("errorSource")) for e in body["errors"]
    ]
    assert error.errors == expected
    assert error.error_reason == body["errors"][0]["errorReason"]
    assert body["errors"][0]["errorReason"] in str(error)


async def test_v1_body_is_parsed(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.delete("/documents/9").respond(404, json={"returnCode": 970, "returnStatus": "INVALID_DOCUMENT_ID"})
    with pytest.raises(MambuNotFoundError) as caught:
        await conn.mambu_delete_document("9")
    assert caught.value.errors == [MambuErrorDetail(970, "INVALID_DOCUMENT_ID", None)]


async def test_non_json_error_body_is_kept_as_text(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/clients/C1").respond(400, text="<html>Bad Request</html>")
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.errors == []
    assert caught.value.body == "<html>Bad Request</html>"


async def test_empty_error_body(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/clients/C1").respond(401)
    with pytest.raises(MambuAuthenticationError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.body is None


async def test_success_with_invalid_json_is_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(200, text="{not json")
    with pytest.raises(MambuResponseError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code == 200
    assert caught.value.body == "{not json"


async def test_success_with_the_wrong_shape_is_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(200, json=["not", "an", "object"])
    with pytest.raises(MambuResponseError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.body == ["not", "an", "object"]


async def test_204_returns_none(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.post("/loans/L1:payOff").respond(204)
    assert await conn.mambu_action("L1", "loans", "payOff", {"notes": "done"}) is None


async def test_read_timeout_is_a_timeout_error_without_response(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    from mambu_async import MambuTimeoutError

    mock.get("/clients/C1").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(MambuTimeoutError) as caught:
        await conn.mambu_get("C1", "clients")
    assert caught.value.status_code is None
    assert caught.value.method == "GET"


async def test_pool_timeout_is_a_connection_error(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    from mambu_async import MambuConnectionError, MambuTimeoutError

    route = mock.get("/clients/C1").mock(
        side_effect=[httpx.PoolTimeout("busy"), httpx.Response(200, json={})]
    )
    assert await conn.mambu_get("C1", "clients") == {}
    assert route.call_count == 2
    route.side_effect = httpx.PoolTimeout("busy")
    with pytest.raises(MambuConnectionError) as caught:
        await conn.mambu_get("C1", "clients")
    assert not isinstance(caught.value, MambuTimeoutError)
    assert "max_concurrency" in str(caught.value)
