"""What entity methods put on the wire through MambuConnectorREST (respx, no network)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
import respx

from mambu_async import MambuConnectorREST, MambuValidationError, _json
from mambu_async.entities import F, MambuBasicDetailsError, MambuClient, MambuLoan

BASE = "https://acme.mambu.com/api"
LOAN = {
    "id": "L1",
    "encodedKey": "8a1",
    "loanName": "Car",
    "loanAmount": Decimal("12345678901234567.891234"),
    "creationDate": "2024-01-02T03:04:05+05:30",
    "futureKey": {"x": 1},
    "_Loan_Info": {"purpose": "car"},
    "_Collateral": [{"_index": "0", "kind": "car"}],
}


async def _no_sleep(_: float) -> None:
    return None


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
async def conn() -> AsyncIterator[MambuConnectorREST]:
    async with MambuConnectorREST(
        "https://acme.mambu.com", api_key="k", sleep=_no_sleep, random=lambda: 0.0
    ) as connector:
        yield connector


def _json_response(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=_json.dumps(body), headers={"Content-Type": "application/json"})


def _body(request: httpx.Request) -> Any:
    return json.loads(request.content, parse_float=str)


async def test_get_then_one_field_patch_sends_one_replace(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    get = mock.get("/loans/L1").mock(return_value=_json_response(LOAN))
    patch = mock.patch("/loans/8a1").mock(return_value=httpx.Response(204))
    loan = await MambuLoan.get("L1", connector=conn)
    assert get.calls.last.request.url.params["detailsLevel"] == "FULL"
    assert loan.loan_amount == Decimal("12345678901234567.891234")
    loan.loan_name = "Truck"
    sent = await loan.patch()
    assert _body(patch.calls.last.request) == [{"op": "REPLACE", "path": "/loanName", "value": "Truck"}]
    assert sent == [{"op": "REPLACE", "path": "/loanName", "value": "Truck"}]
    assert await loan.patch() == []  # the patched state is the new baseline
    assert patch.call_count == 1


async def test_patch_custom_field_uses_mambus_path(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/loans/L1").mock(return_value=_json_response(LOAN))
    patch = mock.patch("/loans/8a1").mock(return_value=httpx.Response(204))
    loan = await MambuLoan.get("L1", connector=conn)
    loan.custom_fields["_Collateral"][0]["kind"] = "boat"
    loan.custom_fields["_Loan_Info"]["purpose"] = "home"
    await loan.patch(["_Collateral.kind"])
    assert _body(patch.calls.last.request) == [
        {"op": "REPLACE", "path": "/_Collateral/0/kind", "value": "boat"}
    ]
    await loan.patch()
    assert _body(patch.calls.last.request) == [
        {"op": "REPLACE", "path": "/_Loan_Info/purpose", "value": "home"}
    ]


async def test_update_puts_the_whole_document_verbatim(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/loans/L1").mock(return_value=_json_response(LOAN))
    put = mock.put("/loans/8a1").mock(side_effect=lambda r: _json_response(json.loads(r.content)))
    loan = await MambuLoan.get("L1", connector=conn)
    loan.loan_name = "Truck"
    await loan.update()
    sent = _body(put.calls.last.request)
    expected = json.loads(_json.dumps({**LOAN, "loanName": "Truck"}), parse_float=str)
    assert sent == expected
    assert '"loanAmount":12345678901234567.891234' in put.calls.last.request.content.decode()
    assert loan.loan_name == "Truck"


async def test_update_refused_after_basic_read(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/loans").mock(return_value=_json_response([LOAN]))
    put = mock.put("/loans/8a1")
    (loan,) = await MambuLoan.get_all(connector=conn, filters={"accountState": "ACTIVE"}, limit=1)
    with pytest.raises(MambuBasicDetailsError):
        await loan.update()
    assert isinstance(MambuBasicDetailsError("x"), MambuValidationError)
    assert not put.called


async def test_get_all_sends_filters_sort_and_details(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/clients").mock(return_value=_json_response([{"id": "C1"}, {"id": "C2"}]))
    clients = await MambuClient.get_all(
        connector=conn, filters={"state": "ACTIVE"}, limit=2, offset=0, sort_by=F("lastName").asc()
    )
    params = route.calls.last.request.url.params
    assert params["state"] == "ACTIVE"
    assert params["sortBy"] == "lastName:ASC"
    assert params["detailsLevel"] == "BASIC"
    assert [c.id for c in clients] == ["C1", "C2"]
    assert clients[0].connector is conn


async def test_bad_filters_fail_before_any_request(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    with pytest.raises(MambuValidationError, match="allowed"):
        await MambuClient.get_all(connector=conn, filters={"nickname": "x"})
    with pytest.raises(MambuValidationError, match="details_level"):
        await MambuClient.get("C1", connector=conn, details_level="ALL")
    with pytest.raises(MambuValidationError, match="allowed"):
        await MambuLoan.search(connector=conn, filter_criteria=[F("loanAmmount").more_than(1)])
    assert not mock.calls


async def test_search_body(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/loans:search").mock(return_value=_json_response([LOAN]))
    loans = await MambuLoan.search(
        connector=conn,
        filter_criteria=[
            F("loanAmount").between(Decimal("1000.00"), 5000),
            F("_Loan_Info.purpose").equals("car"),
        ],
        sorting_criteria=F("creationDate").desc(),
        limit=10,
        details_level="FULL",
    )
    assert _body(route.calls.last.request) == {
        "filterCriteria": [
            {"field": "loanAmount", "operator": "BETWEEN", "value": "1000.00", "secondValue": "5000"},
            {"field": "_Loan_Info.purpose", "operator": "EQUALS", "value": "car"},
        ],
        "sortingCriteria": {"field": "creationDate", "order": "DESC"},
    }
    assert loans[0].details_level == "FULL"


async def test_create_refresh_delete(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    created = {
        "id": "C9",
        "encodedKey": "8c9",
        "firstName": "Ana",
        "lastName": "Lopez",
        "state": "PENDING_APPROVAL",
    }
    post = mock.post("/clients").mock(return_value=_json_response(created, 201))
    get = mock.get("/clients/8c9").mock(return_value=_json_response({**created, "state": "ACTIVE"}))
    delete = mock.delete("/clients/8c9").mock(return_value=httpx.Response(204))
    client = MambuClient(first_name="Ana", last_name="Lopez", connector=conn)
    client.custom_fields.set("_Personal", "isPep", False)
    await client.create()
    assert _body(post.calls.last.request) == {
        "firstName": "Ana",
        "lastName": "Lopez",
        "_Personal": {"isPep": "FALSE"},
    }
    assert client.id == "C9"
    await client.refresh()
    assert get.calls.last.request.url.params["detailsLevel"] == "FULL"
    assert client.state == "ACTIVE"
    await client.delete()
    assert delete.called


async def test_instance_without_connector_refuses(conn: MambuConnectorREST) -> None:
    client = MambuClient(id="C1")
    with pytest.raises(MambuValidationError, match="no connector"):
        await client.refresh()
    client.connector = conn
    assert client.connector is conn


async def test_iterate_streams_entities_and_closes(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    rows = [{"id": f"L{i}", "encodedKey": f"8a{i:03d}", "loanAmount": Decimal("10.50")} for i in range(5)]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", "0"))
        limit = int(request.url.params.get("limit", "1000"))
        response = _json_response(rows[offset : offset + limit])
        response.headers["items-total"] = str(len(rows))
        return response

    route = mock.post("/loans:search").mock(side_effect=page)
    mock.get("/loans").mock(side_effect=page)
    stream = MambuLoan.iterate(
        connector=conn, filter_criteria=[F("accountState").equals("ACTIVE")], page_size=2
    )
    seen = [loan async for loan in stream]
    await stream.aclose()
    assert [loan.id for loan in seen] == [f"L{i}" for i in range(5)]
    assert all(loan.loan_amount == Decimal("10.50") and loan.connector is conn for loan in seen)
    assert route.called
    body = _body(route.calls.last.request)
    assert {"field": "accountState", "operator": "EQUALS", "value": "ACTIVE"} in body["filterCriteria"]
    async with MambuLoan.iterate(connector=conn, page_size=2) as early:
        first = await early.__anext__()
    assert first.id == "L0"
