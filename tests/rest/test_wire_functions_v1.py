"""The Functions API and the v1 operations on the wire: paths, Accept and Content-Type headers, no
Idempotency-Key, bodies, query names, and v1 / Functions error bodies mapped into the MambuError tree."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import httpx
import pytest
import respx
from wire_helpers import SleepRecorder, body_of, query_of

from mambu_async import MambuBadRequestError, MambuConflictError, MambuConnectionError, MambuConnectorREST

V2 = "application/vnd.mambu.v2+json"
SOURCE = "exports.default = async (input) => input.totalBalance * 0.01;"


def assert_v1(request: httpx.Request, *, body: bool) -> None:
    assert request.headers["Accept"] == "application/json"
    assert "Idempotency-Key" not in request.headers
    assert ("Content-Type" in request.headers) is body
    if body:
        assert request.headers["Content-Type"] == "application/json"


async def test_function_create_posts_base64_code_without_idempotency_key(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/mambu-functions").respond(201, json={"name": "fee-1", "state": "CREATE_PENDING"})
    created = await conn.mambu_create_function("fee-1", "DEPOSIT_FEE_AMOUNT", "v1", SOURCE)
    assert created == {"name": "fee-1", "state": "CREATE_PENDING"}
    request = route.calls.last.request
    assert request.url.raw_path == b"/api/mambu-functions"
    assert request.headers["Accept"] == V2
    assert request.headers["Content-Type"] == "application/json"
    assert "Idempotency-Key" not in request.headers
    assert body_of(request) == {
        "name": "fee-1",
        "extensionPointId": "DEPOSIT_FEE_AMOUNT",
        "version": "v1",
        "functionCode": {"languageId": "es2020", "code": base64.b64encode(SOURCE.encode()).decode()},
    }


async def test_function_create_is_not_retried_once_it_may_have_arrived(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/mambu-functions").mock(side_effect=httpx.ReadTimeout("lost"))
    with pytest.raises(MambuConnectionError):
        await conn.mambu_create_function("fee-1", "DEPOSIT_FEE_AMOUNT", "v1", SOURCE)
    assert route.call_count == 1


async def test_function_reads_update_and_delete(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    listing = mock.get("/mambu-functions").respond(200, json=[])
    one = mock.get("/mambu-functions/fee%2F1").respond(200, json={"name": "fee/1"})
    put = mock.put("/mambu-functions/fee%2F1").respond(200, json={"name": "fee/1", "state": "UPDATE_PENDING"})
    delete = mock.delete("/mambu-functions/fee%2F1").respond(204)
    assert await conn.mambu_get_functions("DEPOSIT_FEE_AMOUNT", 0, 10, "ON") == []
    assert query_of(listing.calls.last.request) == [
        ("extensionPointId", "DEPOSIT_FEE_AMOUNT"),
        ("offset", "0"),
        ("limit", "10"),
        ("paginationDetails", "ON"),
    ]
    assert await conn.mambu_get_function("fee/1") == {"name": "fee/1"}
    assert one.calls.last.request.headers["Accept"] == V2
    await conn.mambu_update_function("fee/1", "v2", b"exports.default = 1;")
    assert body_of(put.calls.last.request) == {
        "version": "v2",
        "functionCode": {"languageId": "es2020", "code": base64.b64encode(b"exports.default = 1;").decode()},
    }
    assert await conn.mambu_delete_function("fee/1") is None
    assert delete.call_count == 1


async def test_function_errors_map_into_the_tree(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.put("/mambu-functions/fee-1").respond(
        409,
        json={
            "errors": [
                {
                    "errorCode": 30003,
                    "errorSource": "A human-readable message",
                    "errorReason": "MFUNCTION_OPERATION_IN_PROGRESS",
                }
            ]
        },
    )
    with pytest.raises(MambuConflictError) as caught:
        await conn.mambu_update_function("fee-1", "v2", SOURCE)
    assert (caught.value.error_code, caught.value.error_reason) == (30003, "MFUNCTION_OPERATION_IN_PROGRESS")


async def test_v1_document_upload_download_delete(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    upload = mock.post("/documents").respond(200, json={"id": 1, "encodedKey": "8a1"})
    download = mock.get("/documents/8a1").respond(200, json="ZmlsZSBjb250ZW50")
    delete = mock.delete("/documents/8a1").respond(200, json={"returnCode": 0, "returnStatus": "SUCCESS"})
    await conn.mambu_v1_upload_document("CLIENT", "8a9", b"file content", "notes", "about it", "notes.txt")
    request = upload.calls.last.request
    assert_v1(request, body=True)
    assert body_of(request) == {
        "document": {
            "documentHolderKey": "8a9",
            "documentHolderType": "CLIENT",
            "name": "notes",
            "type": "TXT",
            "description": "about it",
        },
        "documentContent": base64.b64encode(b"file content").decode(),
    }
    assert await conn.mambu_v1_download_document("8a1") == b"file content"
    assert_v1(download.calls.last.request, body=False)
    assert await conn.mambu_v1_delete_document("8a1") == {"returnCode": 0, "returnStatus": "SUCCESS"}
    assert_v1(delete.calls.last.request, body=False)


async def test_v1_upload_is_not_retried_once_it_may_have_arrived(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/documents").mock(side_effect=httpx.ReadTimeout("lost"))
    with pytest.raises(MambuConnectionError):
        await conn.mambu_v1_upload_document("CLIENT", "8a9", b"x", "n", file_name="n.txt")
    assert route.call_count == 1


async def test_v1_error_body_maps_into_the_tree(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.post("/documents").respond(
        400,
        json={
            "returnCode": 973,
            "returnStatus": "INCONSISTENT_EXTENSION_WITH_FILE_CONTENT",
            "errorSource": "Invalid extension with file content",
        },
    )
    with pytest.raises(MambuBadRequestError) as caught:
        await conn.mambu_v1_upload_document("CLIENT", "8a9", b"x", "n", file_name="n.pdf")
    assert caught.value.errors[0].code == 973
    assert caught.value.error_reason == "INCONSISTENT_EXTENSION_WITH_FILE_CONTENT"
    assert caught.value.error_source == "Invalid extension with file content"


async def test_v1_download_that_is_not_base64_is_a_response_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    from mambu_async import MambuResponseError

    mock.get("/documents/1").respond(200, json={"unexpected": True})
    with pytest.raises(MambuResponseError):
        await conn.mambu_v1_download_document("1")


async def test_v1_client_assets(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    post = mock.post("/clients/C1/documents/PROFILE_PICTURE").respond(
        201, json={"returnCode": 0, "returnStatus": "SUCCESS"}
    )
    get = mock.get("/clients/C1/documents/SIGNATURE").respond(200, json="iVBORw0KGgo=")
    delete = mock.delete("/clients/C1/documents/SIGNATURE").respond(
        200, json={"returnCode": 0, "returnStatus": "SUCCESS"}
    )
    await conn.mambu_set_client_asset("C1", "PROFILE_PICTURE", b"\x89PNG", file_name="face.png")
    assert_v1(post.calls.last.request, body=True)
    assert body_of(post.calls.last.request) == {
        "document": {
            "documentHolderKey": "C1",
            "documentHolderType": "CLIENT",
            "name": "face",
            "type": "PNG",
        },
        "documentContent": base64.b64encode(b"\x89PNG").decode(),
    }
    assert await conn.mambu_get_client_asset("C1", "SIGNATURE") == base64.b64decode("iVBORw0KGgo=")
    assert_v1(get.calls.last.request, body=False)
    await conn.mambu_delete_client_asset("C1", "SIGNATURE")
    assert delete.call_count == 1


async def test_v1_reads_send_v1_query_names(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    activities = mock.get("/activities").respond(200, json=[])
    indicator = mock.get("/indicators/NUM_CLIENTS").respond(200, json=12)
    search = mock.get("/search").respond(200, json={"CLIENT": []})
    types = mock.get("/clienttypes").respond(200, json=[])
    roles = mock.get("/grouprolenames").respond(200, json=[])
    documents = mock.get("/documents").respond(200, json=[])
    await conn.mambu_get_activities(dt.date(2024, 1, 1), "2024-01-31", {"clientID": "8a1"}, 0, 20)
    assert query_of(activities.calls.last.request) == [
        ("from", "2024-01-01"),
        ("to", "2024-01-31"),
        ("clientID", "8a1"),
        ("offset", "0"),
        ("limit", "20"),
    ]
    assert await conn.mambu_get_indicator("NUM_CLIENTS") == 12
    await conn.mambu_global_search("john", ["CLIENT", "USER"], 10)
    assert query_of(search.calls.last.request) == [
        ("query", "john"),
        ("type", "[CLIENT,USER]"),
        ("limit", "10"),
    ]
    await conn.mambu_get_client_types("GROUPS")
    assert query_of(types.calls.last.request) == [("for", "GROUPS")]
    await conn.mambu_get_group_role_names()
    await conn.mambu_v1_get_documents("LOAN_ACCOUNT", "L1", 5, 5)
    assert query_of(documents.calls.last.request) == [
        ("ownerType", "LOAN_ACCOUNT"),
        ("ownerId", "L1"),
        ("offset", "5"),
        ("limit", "5"),
    ]
    for route in (activities, indicator, search, types, roles, documents):
        assert_v1(route.calls.last.request, body=False)


async def test_v1_custom_information_requests(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    ok = {"returnCode": 0, "returnStatus": "SUCCESS"}
    many = mock.patch("/groups/G%2F1/custominformation").respond(200, json=ok)
    one = mock.patch("/clients/C1/custominformation/cf_grouped/0").respond(200, json=ok)
    read = mock.get("/branches/B1/custominformation/region").respond(200, json=[])
    delete = mock.delete("/centres/CE1/custominformation/size").respond(200, json=ok)
    values = [
        {"customFieldID": "amount", "value": Decimal("420.50")},
        {"customFieldID": "cf_grouped", "value": True, "customFieldSetGroupIndex": 0},
        {"customFieldID": "since", "value": dt.date(2020, 5, 1)},
    ]
    assert await conn.mambu_set_custom_information("groups", "G/1", values) == ok
    assert_v1(many.calls.last.request, body=True)
    assert body_of(many.calls.last.request) == {
        "customInformation": [
            {"customFieldID": "amount", "value": "420.50"},
            {"customFieldID": "cf_grouped", "value": "TRUE", "customFieldSetGroupIndex": "0"},
            {"customFieldID": "since", "value": "2020-05-01"},
        ]
    }
    await conn.mambu_update_custom_information("clients", "C1", "cf_grouped", "new value", 0)
    assert body_of(one.calls.last.request) == {"value": "new value"}
    assert await conn.mambu_get_custom_information("branches", "B1", "region") == []
    await conn.mambu_delete_custom_information("centres", "CE1", "size")
    for route in (one, read, delete):
        assert "Accept" in route.calls.last.request.headers
        assert route.calls.last.request.headers["Accept"] == "application/json"


async def test_v1_multi_value_patch_is_not_retried_once_it_may_have_arrived(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.patch("/clients/C1/custominformation").mock(side_effect=httpx.ReadTimeout("lost"))
    with pytest.raises(MambuConnectionError):
        await conn.mambu_set_custom_information("clients", "C1", [{"customFieldID": "x", "value": "1"}])
    assert route.call_count == 1


async def test_v1_blocked_account_is_not_retried(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    from mambu_async import MambuServerError

    route = mock.get("/grouprolenames").respond(
        503, json={"returnCode": 24, "returnStatus": "EXCESSIVE_INVALID_REQUESTS"}
    )
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get_group_role_names()
    assert (caught.value.error_code, caught.value.error_reason) == (24, "EXCESSIVE_INVALID_REQUESTS")
    assert route.call_count == 1


async def test_v1_reads_are_retried_on_a_gateway_error(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/indicators/NUM_USERS")
    route.side_effect = [httpx.Response(502), httpx.Response(200, json=3)]
    assert await conn.mambu_get_indicator("NUM_USERS") == 3
    assert route.call_count == 2
    assert len(sleeps.delays) == 1
