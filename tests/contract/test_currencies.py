"""Currencies and exchange rates on both connectors: the base currency, Mambu's refusals, rates that
replace each other, date windows and paging, and the entities over them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuCurrency,
    MambuExchangeRate,
    MambuNotFoundError,
    MambuValidationError,
)
from mambu_async.testing import FakeMambu
from mambu_async.testing.resources.currencies import add_currency


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


def _currency(code: str, name: str, symbol: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "name": name, "symbol": symbol, "currencySymbolPosition": "BEFORE_NUMBER", **extra}


@pytest.fixture
def currencies(mambu_fake: FakeMambu) -> None:
    add_currency(mambu_fake, _currency("EUR", "Euro", "€"))
    add_currency(mambu_fake, _currency("USD", "US dollar", "$"))


async def test_the_first_currency_is_the_base_and_lists_put_it_first(mambu_connector: Any) -> None:
    c = mambu_connector
    usd = await c.mambu_create("currencies", _currency("USD", "US dollar", "$", digitsAfterDecimal=2))
    eur = await c.mambu_create("currencies", _currency("EUR", "Euro", "€", numericCode="978"))
    assert usd["baseCurrency"] is True and eur["baseCurrency"] is False
    assert eur["type"] == "FIAT_CURRENCY" and eur["numericCode"] == "978" and eur["digitsAfterDecimal"] == 2
    assert "encodedKey" not in eur and "id" not in eur
    assert [x["code"] for x in await c.mambu_get_all("currencies")] == ["USD", "EUR"]
    only_base = await c.mambu_get_all("currencies", filters={"includeForeign": "false"})
    assert [x["code"] for x in only_base] == ["USD"]
    assert await c.mambu_get("EUR", "currencies") == eur


async def test_currency_writes_follow_mambus_rules(mambu_connector: Any, currencies: None) -> None:
    c = mambu_connector
    with pytest.raises(MambuNotFoundError) as unknown:
        await c.mambu_get("CHF", "currencies")
    assert _reason(unknown) == "INVALID_CURRENCY_CODE"
    with pytest.raises(MambuBadRequestError) as not_iso:
        await c.mambu_create("currencies", _currency("XYZ", "Nothing", "x"))
    assert _reason(not_iso) == "INVALID_CURRENCY_CODE"
    with pytest.raises(MambuBadRequestError) as twice:
        await c.mambu_create("currencies", _currency("USD", "Again", "$"))
    assert _reason(twice) == "INVALID_CURRENCY_CODE"
    with pytest.raises(MambuBadRequestError) as missing:
        await c.mambu_create("currencies", {"code": "GBP"})
    assert {e.reason for e in missing.value.errors} == {"MISSING_REQUIRED_PARAMETER"}
    with pytest.raises(MambuBadRequestError) as long_symbol:
        await c.mambu_create("currencies", _currency("GBP", "Pound", "£" * 11))
    assert _reason(long_symbol) == "CURRENCY_SYMBOL_LENGTH_OUTSIDE_CONSTRAINTS"
    with pytest.raises(MambuBadRequestError) as base_flag:
        await c.mambu_create("currencies", _currency("GBP", "Pound", "£", baseCurrency=True))
    assert _reason(base_flag) == "INVALID_PARAMETERS"
    crypto = await c.mambu_create("currencies", _currency("XBT1", "Coin", "₿", type="CRYPTOCURRENCY"))
    assert crypto["type"] == "CRYPTOCURRENCY"


async def test_put_replaces_a_currency_but_not_its_code(mambu_connector: Any, currencies: None) -> None:
    c = mambu_connector
    current = await c.mambu_get("USD", "currencies")
    replaced = await c.mambu_update("USD", "currencies", {**current, "name": "Dollar", "symbol": "US$"})
    assert (replaced["name"], replaced["symbol"], replaced["baseCurrency"]) == ("Dollar", "US$", False)
    assert replaced["creationDate"] == current["creationDate"]
    with pytest.raises(MambuBadRequestError) as renamed:
        await c.mambu_update("USD", "currencies", {**current, "code": "CAD"})
    assert _reason(renamed) == "INCONSISTENT_IDENTIFIER_WITH_JSON"


async def test_delete_refuses_the_base_and_currencies_in_use(
    mambu_connector: Any, mambu_fake: FakeMambu, currencies: None
) -> None:
    c = mambu_connector
    with pytest.raises(MambuBadRequestError) as base:
        await c.mambu_delete("EUR", "currencies")
    assert _reason(base) == "BASE_CURRENCY_CANNOT_BE_REMOVED"
    product = {"id": "LP1", "name": "Dollar loan", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}}
    mambu_fake.create("loanproducts", {**product, "currency": {"code": "USD"}})
    with pytest.raises(MambuBadRequestError) as used:
        await c.mambu_delete("USD", "currencies")
    assert _reason(used) == "CURRENCY_IN_USE_CANNOT_BE_REMOVED"
    await c.mambu_create("currencies", _currency("GBP", "Pound", "£"))
    await c.mambu_create_exchange_rate("GBP", Decimal("0.85"), Decimal("0.87"))
    assert await c.mambu_delete("GBP", "currencies") is None
    with pytest.raises(MambuNotFoundError):
        await c.mambu_get_exchange_rates("GBP")


async def test_a_new_rate_ends_the_current_one(
    mambu_connector: Any, mambu_fake: FakeMambu, currencies: None
) -> None:
    c = mambu_connector
    first_start = mambu_fake.clock.iso()
    first = await c.mambu_create_exchange_rate("USD", Decimal("1.0712"), Decimal("1.0958"))
    assert first["fromCurrencyCode"] == "EUR" and first["toCurrencyCode"] == "USD"
    assert first["buyRate"] == Decimal("1.0712") and first["startDate"] == first_start
    assert "endDate" not in first
    mambu_fake.clock.advance(days=1)
    second = await c.mambu_create_exchange_rate("USD", "1.0824", 2)
    assert second["sellRate"] == 2 and second["encodedKey"] != first["encodedKey"]
    rates = await c.mambu_get_exchange_rates("USD")
    assert [r["encodedKey"] for r in rates] == [first["encodedKey"], second["encodedKey"]]
    assert rates[0]["endDate"] == second["startDate"] and "endDate" not in rates[1]


async def test_rate_refusals(mambu_connector: Any, mambu_fake: FakeMambu, currencies: None) -> None:
    c = mambu_connector
    cases = [
        (("USD", Decimal("1.2"), Decimal("1.1")), "BUY_RATE_GREATER_THAN_SELL_RATE"),
        (("USD", Decimal("0"), Decimal("1.1")), "INVALID_EXCHANGE_RATE_VALUE"),
        (("EUR", Decimal("1"), Decimal("1")), "RATE_TO_SAME_CURRENCY"),
        (
            ("USD", Decimal("1"), Decimal("1.1"), mambu_fake.clock.now() + dt.timedelta(hours=1)),
            "START_DATE_IN_FUTURE",
        ),
    ]
    for args, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_create_exchange_rate(*args)
        assert _reason(caught) == reason
    await c.mambu_create_exchange_rate("USD", Decimal("1"), Decimal("1.1"))
    with pytest.raises(MambuBadRequestError) as earlier:
        await c.mambu_create_exchange_rate("USD", 1, 2, mambu_fake.clock.now() - dt.timedelta(days=1))
    assert _reason(earlier) == "INVALID_DATE"
    with pytest.raises(MambuNotFoundError) as unknown:
        await c.mambu_create_exchange_rate("CHF", 1, 2)
    assert _reason(unknown) == "INVALID_CURRENCY_CODE" and unknown.value.errors[0].code == 650
    assert len(await c.mambu_get_exchange_rates("USD")) == 1


async def test_rates_by_date_window_and_page(
    mambu_connector: Any, mambu_fake: FakeMambu, currencies: None
) -> None:
    c = mambu_connector
    start = mambu_fake.clock.today()
    for day in range(5):
        await c.mambu_create_exchange_rate("USD", Decimal(f"1.0{day}"), Decimal("1.20"))
        mambu_fake.clock.advance(days=1)
    window = await c.mambu_get_exchange_rates(
        "USD", from_date=start + dt.timedelta(days=1), to_date=(start + dt.timedelta(days=3)).isoformat()
    )
    assert [r["buyRate"] for r in window] == [Decimal("1.01"), Decimal("1.02")]
    page = await c.mambu_get_exchange_rates("USD", 3, 10)
    assert [r["buyRate"] for r in page] == [Decimal("1.03"), Decimal("1.04")]


async def test_entities_read_write_and_iterate(
    mambu_connector: Any, mambu_fake: FakeMambu, currencies: None
) -> None:
    c = mambu_connector
    gbp = MambuCurrency(
        code="GBP", name="Pound", symbol="£", currency_symbol_position="AFTER_NUMBER", connector=c
    )
    await gbp.create()
    assert gbp.base_currency is False and gbp.digits_after_decimal == 2
    loaded = await MambuCurrency.get("GBP", connector=c)
    loaded.name = "Pound sterling"
    await loaded.update()
    assert (await MambuCurrency.get("GBP", connector=c)).name == "Pound sterling"
    assert [x.code for x in await MambuCurrency.get_all(connector=c)] == ["EUR", "USD", "GBP"]
    assert [x.code async for x in MambuCurrency.iterate(connector=c)] == ["EUR", "USD", "GBP"]

    for day in range(3):
        rate = await loaded.set_exchange_rate(Decimal(f"0.8{day}"), Decimal("0.90"))
        mambu_fake.clock.advance(days=1)
    assert isinstance(rate, MambuExchangeRate) and rate.buy_rate == Decimal("0.82")
    assert rate.start_date is not None and rate.start_date.tzinfo is not None
    streamed = [r async for r in MambuExchangeRate.iterate("GBP", connector=c, page_size=2)]
    assert [r.buy_rate for r in streamed] == [Decimal("0.80"), Decimal("0.81"), Decimal("0.82")]
    assert [r.buy_rate for r in await loaded.get_exchange_rates()] == [r.buy_rate for r in streamed]
    first_two = await MambuExchangeRate.get_all("GBP", connector=c, limit=2)
    assert [r.encoded_key for r in first_two] == [r.encoded_key for r in streamed[:2]]
    await loaded.delete()
    with pytest.raises(MambuNotFoundError):
        await MambuCurrency.get("GBP", connector=c)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.mambu_create_exchange_rate("USD", 1.08, Decimal("1.1")), "float"),
        (lambda c: c.mambu_create_exchange_rate("USD", 1, 2, dt.datetime(2024, 1, 1)), "naive|timezone"),
        (lambda c: c.mambu_create_exchange_rate("", 1, 2), "currencyCode"),
        (lambda c: c.mambu_get_exchange_rates("USD", -1), "offset"),
        (lambda c: c.mambu_get_exchange_rates("USD", None, None, "YES"), "paginationDetails"),
    ],
)
async def test_bad_arguments_fail_before_any_request(mambu_connector: Any, call: Any, message: str) -> None:
    with pytest.raises(MambuValidationError, match=message):
        await call(mambu_connector)


async def test_the_fake_itself_checks_rate_bodies_and_queries(raw: Any, currencies: None) -> None:
    status, _, body = await raw("POST", "/currencies/USD/rates", json={"buyRate": "1.1", "sellRate": 1.2})
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_EXCHANGE_RATE_VALUE"
    status, _, body = await raw("GET", "/currencies/USD/rates", params=[("from", "yesterday")])
    assert status == 400 and body["errors"][0]["errorReason"] == "INVALID_DATE"
    status, headers, body = await raw(
        "GET", "/currencies", params=[("paginationDetails", "ON"), ("limit", "1")]
    )
    assert status == 200 and headers["items-total"] == "2" and [x["code"] for x in body] == ["EUR"]


async def test_put_ignores_a_stale_last_modified_date_but_refuses_other_read_only_changes(
    mambu_connector: Any, mambu_fake: FakeMambu, currencies: None
) -> None:
    c = mambu_connector
    loaded = await c.mambu_get("USD", "currencies")
    mambu_fake.clock.advance(days=1)
    await c.mambu_update("USD", "currencies", {**loaded, "name": "Dollar"})
    again = await c.mambu_update("USD", "currencies", {**loaded, "name": "US dollar"})
    assert again["name"] == "US dollar" and again["lastModifiedDate"] == mambu_fake.clock.iso()
    with pytest.raises(MambuBadRequestError) as flag:
        await c.mambu_update("USD", "currencies", {**loaded, "baseCurrency": True})
    assert _reason(flag) == "INVALID_PARAMETERS"
