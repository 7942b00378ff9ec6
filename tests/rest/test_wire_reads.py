"""Every read operation on the wire: method, path, query, headers, decoded result."""

from __future__ import annotations

import base64
from decimal import Decimal

import httpx
import pytest
import respx
from wire_helpers import API_KEY, PASSWORD, USERNAME, body_of, query_of

from mambu_async import MambuConnectorREST, __version__

BASIC = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()


def assert_read_headers(request: httpx.Request) -> None:
    assert request.headers["Accept"] == "application/vnd.mambu.v2+json"
    assert request.headers["User-Agent"] == f"mambu-async/{__version__}"
    assert request.headers["Authorization"] == BASIC
    assert "Content-Type" not in request.headers
    assert "Idempotency-Key" not in request.headers


async def test_get_escapes_the_id_and_sends_details_level(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/loans/L%201%2F2%3Ax").respond(200, json={"id": "L 1/2:x", "loanAmount": 1500.25})
    loan = await conn.mambu_get("L 1/2:x", "loans", "FULL")
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.raw_path == b"/api/loans/L%201%2F2%3Ax?detailsLevel=FULL"
    assert_read_headers(request)
    assert loan == {"id": "L 1/2:x", "loanAmount": Decimal("1500.25")}


async def test_get_defaults_to_basic(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/clients/C1").respond(200, json={"id": "C1"})
    await conn.mambu_get("C1", "clients")
    assert query_of(route.calls.last.request) == [("detailsLevel", "BASIC")]


async def test_api_key_header_replaces_basic_auth(
    mock: respx.MockRouter, key_conn: MambuConnectorREST
) -> None:
    route = mock.get("/clients/C1").respond(200, json={"id": "C1"})
    await key_conn.mambu_get("C1", "clients")
    request = route.calls.last.request
    assert request.headers["apiKey"] == API_KEY
    assert "Authorization" not in request.headers


async def test_get_all_sends_filters_sort_and_paging(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/clients").respond(200, json=[{"id": "C1"}, {"id": "C2"}])
    result = await conn.mambu_get_all(
        "clients",
        filters={"branchId": "B1", "state": "ACTIVE", "centreId": None},
        offset=10,
        limit=20,
        paginationDetails="ON",
        detailsLevel="FULL",
        sortBy="lastName:ASC,firstName:DESC",
    )
    request = route.calls.last.request
    assert_read_headers(request)
    assert query_of(request) == [
        ("paginationDetails", "ON"),
        ("detailsLevel", "FULL"),
        ("sortBy", "lastName:ASC,firstName:DESC"),
        ("branchId", "B1"),
        ("state", "ACTIVE"),
        ("offset", "10"),
        ("limit", "20"),
    ]
    assert result == [{"id": "C1"}, {"id": "C2"}]


async def test_get_all_without_offset_or_limit_leaves_them_out_when_one_page(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/branches").respond(200, json=[])
    await conn.mambu_get_all("branches", limit=5)
    assert query_of(route.calls.last.request) == [
        ("paginationDetails", "OFF"),
        ("detailsLevel", "BASIC"),
        ("limit", "5"),
    ]


async def test_get_all_extra_keywords_become_query_parameters(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/users").respond(200, json=[])
    await conn.mambu_get_all("users", filters={"branchId": "B1"}, limit=3, branchIdType="ASSIGNED")
    assert ("branchIdType", "ASSIGNED") in query_of(route.calls.last.request)


async def test_get_all_with_a_nested_prefix(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/deposits/D1/transactions").respond(200, json=[{"id": "1"}])
    assert await conn.mambu_get_all("deposits/D1/transactions", limit=50) == [{"id": "1"}]
    assert route.called


async def test_search_posts_criteria_without_idempotency_key(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/deposits/transactions:search").respond(200, json=[{"id": "T1", "amount": 10.5}])
    result = await conn.mambu_search(
        "deposits/transactions",
        filterCriteria=[
            {"field": "valueDate", "operator": "BETWEEN", "value": "2024-01-01", "secondValue": "2024-02-01"},
            {"field": "type", "operator": "IN", "values": ["DEPOSIT", "WITHDRAWAL"]},
        ],
        sortingCriteria={"field": "creationDate", "order": "ASC"},
        offset=0,
        limit=100,
        detailsLevel="FULL",
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.url.raw_path.startswith(b"/api/deposits/transactions:search?")
    assert query_of(request) == [
        ("paginationDetails", "OFF"),
        ("detailsLevel", "FULL"),
        ("offset", "0"),
        ("limit", "100"),
    ]
    assert request.headers["Content-Type"] == "application/json"
    assert "Idempotency-Key" not in request.headers
    assert body_of(request) == {
        "filterCriteria": [
            {"field": "valueDate", "operator": "BETWEEN", "value": "2024-01-01", "secondValue": "2024-02-01"},
            {"field": "type", "operator": "IN", "values": ["DEPOSIT", "WITHDRAWAL"]},
        ],
        "sortingCriteria": {"field": "creationDate", "order": "ASC"},
    }
    assert result == [{"id": "T1", "amount": Decimal("10.5")}]


async def test_search_without_criteria_sends_an_empty_object(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/clients:search").respond(200, json=[])
    await conn.mambu_search("clients", limit=10)
    assert body_of(route.calls.last.request) == {}


async def test_documents_metadata(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/documents/documentsMetadata").respond(200, json=[{"id": 7, "name": "contract"}])
    result = await conn.mambu_get_documents_metadata("C 1", "CLIENT", offset=0, limit=10)
    request = route.calls.last.request
    assert_read_headers(request)
    assert query_of(request) == [
        ("paginationDetails", "OFF"),
        ("entity", "CLIENT"),
        ("ownerKey", "C 1"),
        ("offset", "0"),
        ("limit", "10"),
    ]
    assert result == [{"id": 7, "name": "contract"}]


async def test_download_document_returns_the_bytes(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/documents/DOC%201").respond(
        200, content=b"%PDF-1.7 binary", headers={"Content-Type": "application/pdf"}
    )
    assert await conn.mambu_download_document("DOC 1") == b"%PDF-1.7 binary"
    assert_read_headers(route.calls.last.request)


async def test_download_document_decodes_a_quoted_base64_body(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/documents/9").respond(200, json=base64.b64encode(b"file content").decode())
    assert await conn.mambu_download_document("9") == b"file content"


async def test_schedule(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/loans/L1/schedule").respond(
        200, json={"installments": [], "currency": {"code": "EUR"}}
    )
    assert await conn.mambu_loanaccount_getSchedule("L1") == {"installments": [], "currency": {"code": "EUR"}}
    request = route.calls.last.request
    assert query_of(request) == []
    assert_read_headers(request)


async def test_customfield(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/customfields/nick_name").respond(200, json={"id": "nick_name", "type": "FREE_TEXT"})
    assert (await conn.mambu_get_customfield("nick_name"))["type"] == "FREE_TEXT"
    assert query_of(route.calls.last.request) == []


async def test_comments(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/comments").respond(200, json=[{"text": "hello"}])
    assert await conn.mambu_get_comments("C1", "CLIENT", limit=5) == [{"text": "hello"}]
    assert query_of(route.calls.last.request) == [
        ("paginationDetails", "OFF"),
        ("ownerType", "CLIENT"),
        ("ownerKey", "C1"),
        ("limit", "5"),
    ]


async def test_fetch_page_for_the_streaming_engine(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans:search").respond(200, json=[{"id": "L1"}], headers={"Items-Total": "41"})
    page = await conn.fetch_page(
        "loans",
        offset=40,
        limit=1000,
        search=True,
        filterCriteria=[{"field": "accountState", "operator": "EQUALS", "value": "ACTIVE"}],
        sortingCriteria={"field": "encodedKey", "order": "ASC"},
        with_total=True,
    )
    assert page.records == [{"id": "L1"}]
    assert page.total == 41
    assert page.retries == 0
    assert page.latency >= 0
    request = route.calls.last.request
    assert query_of(request) == [
        ("paginationDetails", "ON"),
        ("detailsLevel", "BASIC"),
        ("offset", "40"),
        ("limit", "1000"),
    ]
    assert body_of(request)["sortingCriteria"] == {"field": "encodedKey", "order": "ASC"}


async def test_fetch_page_get_with_filters_and_no_total(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/clients").respond(200, json=[], headers={"items-total": "-1"})
    page = await conn.fetch_page(
        "clients",
        offset=0,
        limit=10,
        search=False,
        filters={"branchId": "B1"},
        sortBy="id:ASC",
        with_total=True,
    )
    assert page.total is None
    assert ("branchId", "B1") in query_of(route.calls.last.request)
    assert ("sortBy", "id:ASC") in query_of(route.calls.last.request)


@pytest.mark.parametrize("returned", [{"not": "a list"}, "text", 3])
async def test_list_operations_refuse_a_non_array(
    mock: respx.MockRouter, conn: MambuConnectorREST, returned: object
) -> None:
    from mambu_async import MambuResponseError

    mock.get("/clients").respond(200, json=returned)
    with pytest.raises(MambuResponseError) as caught:
        await conn.mambu_get_all("clients", limit=10)
    assert caught.value.status_code == 200
    assert caught.value.body == returned
