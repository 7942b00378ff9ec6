"""Currency and exchange rate requests on the wire: paths, query names, bodies with exact decimals."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import respx
from wire_helpers import body_of, query_of

from mambu_async import MambuConnectorREST

CET = dt.timezone(dt.timedelta(hours=1))
RATE = {
    "encodedKey": "8a19cd6f74674df90174681f214103d3",
    "fromCurrencyCode": "EUR",
    "toCurrencyCode": "USD",
    "buyRate": 1.0824,
    "sellRate": 1.1067,
    "startDate": "2024-01-15T09:00:00+01:00",
}


async def test_rates_are_read_with_mambus_query_names(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/currencies/USD/rates").respond(200, json=[RATE])
    rates = await conn.mambu_get_exchange_rates("USD", 0, 10, "ON", dt.date(2024, 1, 1), "2024-02-01")
    assert rates[0]["buyRate"] == Decimal("1.0824")
    request = route.calls.last.request
    assert request.headers["Accept"] == "application/vnd.mambu.v2+json"
    assert query_of(request) == [
        ("paginationDetails", "ON"),
        ("from", "2024-01-01"),
        ("to", "2024-02-01"),
        ("offset", "0"),
        ("limit", "10"),
    ]


async def test_a_rate_is_posted_with_exact_decimals(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/currencies/U%2FD/rates").respond(201, json=RATE)
    start = dt.datetime(2024, 1, 15, 9, 0, tzinfo=CET)
    await conn.mambu_create_exchange_rate("U/D", Decimal("1.08240000"), "1.1067", start)
    request = route.calls.last.request
    assert uuid.UUID(request.headers["Idempotency-Key"]).version == 4
    assert request.headers["Content-Type"] == "application/json"
    assert body_of(request) == {
        "buyRate": "1.08240000",
        "sellRate": "1.1067",
        "startDate": "2024-01-15T09:00:00+01:00",
    }


async def test_currency_lists_leave_out_the_undeclared_details_level(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/currencies").respond(200, json=[{"code": "EUR", "baseCurrency": True}])
    await conn.mambu_get_all("currencies", limit=5)
    assert ("detailsLevel", "BASIC") not in query_of(route.calls.last.request)
    full = mock.get("/currencies/EUR").respond(200, json={"code": "EUR"})
    await conn.mambu_get("EUR", "currencies", "FULL")
    assert query_of(full.calls.last.request) == [("detailsLevel", "FULL")]


async def test_a_currency_is_created_replaced_and_deleted_by_its_code(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    gbp = {"code": "GBP", "name": "Pound", "symbol": "£", "currencySymbolPosition": "BEFORE_NUMBER"}
    created = mock.post("/currencies").respond(201, json={**gbp, "baseCurrency": False})
    replaced = mock.put("/currencies/GBP").respond(200, json={**gbp, "name": "Pound sterling"})
    deleted = mock.delete("/currencies/GBP").respond(204)
    await conn.mambu_create("currencies", gbp)
    await conn.mambu_update("GBP", "currencies", {**gbp, "name": "Pound sterling"})
    assert await conn.mambu_delete("GBP", "currencies") is None
    assert body_of(created.calls.last.request) == gbp
    assert "Idempotency-Key" in created.calls.last.request.headers
    assert body_of(replaced.calls.last.request)["name"] == "Pound sterling"
    assert deleted.calls.last.request.content == b""
