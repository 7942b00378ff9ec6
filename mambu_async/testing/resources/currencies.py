"""Currencies and their exchange rates in the fake: ``/currencies`` and ``/currencies/{currencyCode}/rates``.

Sources: seed 002 "Currencies" (v1: the currency fields ``code, name, symbol, digitsAfterDecimal,
currencySymbolPosition (BEFORE_NUMBER | AFTER_NUMBER), isBaseCurrency, creationDate, lastModifiedDate``;
404 ``INVALID_CURRENCY_CODE`` for an unknown code; rates ``{encodedKey, userKey, fromCurrencyCode,
toCurrencyCode, buyRate, sellRate, startDate, endDate}`` listed with ``offset, limit, from, to``, "that start
in/after from date or before (exclusive) to date"; a new rate's ``startDate`` "must not be in the future or
before the latest exchange rate's (for that currency) start date", defaulting to now; 400
``BUY_RATE_GREATER_THAN_SELL_RATE``), the ISO codes of depositproducts.json ``Currency.code``, and the
RestError reasons of the OpenAPI files (``BASE_CURRENCY_CANNOT_BE_REMOVED``,
``CURRENCY_IN_USE_CANNOT_BE_REMOVED``, ``RATE_TO_SAME_CURRENCY``, ``INVALID_EXCHANGE_RATE_VALUE``,
``START_DATE_IN_FUTURE``, ``CURRENCY_SYMBOL_LENGTH_OUTSIDE_CONSTRAINTS``).

[INFERRED] from Mambu's public v2 reference, which the seeds do not carry: v2 names the base flag
``baseCurrency`` and adds ``type`` (``FIAT_CURRENCY`` | ``CRYPTOCURRENCY`` | ``NON_TRADITIONAL_CURRENCY``)
and ``numericCode``; currencies are created with ``POST /currencies`` (201), replaced with ``PUT`` and
removed with ``DELETE`` (204); ``POST .../rates`` answers 201 with the rate. The first currency of a tenant
is its base currency (an organisation always has one); ``GET /currencies`` lists every currency, base
first, unless ``includeForeign=false`` (v1 lists only the base by default); ``detailsLevel`` is accepted
and changes nothing (a currency has no custom fields). Rates are listed oldest first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import ApiError, bad_request, not_found
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, list_response, no_content
from mambu_async.testing.schema import openapi, parse_datetime
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["add_currency", "add_exchange_rate", "install", "seed_demo_currencies"]

CURRENCIES = "currencies"
"""Store collection of currencies (keyed internally; ``id`` is the code)."""
RATES = "exchangerates"
"""Store collection of exchange rates."""

CURRENCY_TYPES = ("FIAT_CURRENCY", "CRYPTOCURRENCY", "NON_TRADITIONAL_CURRENCY")
SYMBOL_POSITIONS = ("BEFORE_NUMBER", "AFTER_NUMBER")
_WRITABLE = ("code", "name", "symbol", "digitsAfterDecimal", "currencySymbolPosition", "type", "numericCode")
_READ_ONLY = ("baseCurrency", "creationDate", "lastModifiedDate")
_MAX_SYMBOL = 10
"""[INFERRED] Longest symbol accepted (Mambu names the reason, not the bound)."""
_MAX_DIGITS = 10
"""[INFERRED] Most digits after the decimal point accepted."""


def _iso_codes() -> frozenset[str]:
    schema = openapi("depositproducts")["definitions"]["Currency"]["properties"]["code"]
    return frozenset(schema["enum"])


def _render(record: Record) -> Record:
    return {k: v for k, v in record.items() if k not in ("encodedKey", "id")}


def _find(fake: FakeMambu, code: str) -> Record:
    record = fake.store[CURRENCIES].by_id(code)
    if record is None:
        raise not_found("INVALID_CURRENCY_CODE", f"Currency {code!r} is not defined")
    return record


def _base(fake: FakeMambu) -> Record | None:
    found = fake.store[CURRENCIES].find(lambda r: r.get("baseCurrency") is True)
    return found[0] if found else None


def _checked(fake: FakeMambu, body: Any, old: Record | None) -> Record:
    """The currency fields of a create (``old`` None) or PUT body, validated."""
    if not isinstance(body, dict):
        raise bad_request("INVALID_JSON_SYNTAX", "The request body must be a JSON object")
    problems: list[tuple[str, str | None]] = []
    unknown = sorted(set(body) - set(_WRITABLE) - set(_READ_ONLY) - {"currencyHolidays"})
    if unknown:
        problems.append(("INVALID_PARAMETERS", f"Unknown currency properties: {', '.join(unknown)}"))
    for name in ("code", "name", "symbol", "currencySymbolPosition"):
        if not isinstance(body.get(name), str) or not body[name].strip():
            problems.append(("MISSING_REQUIRED_PARAMETER", f"Property {name} is required (a string)"))
    kind = body.get("type", "FIAT_CURRENCY" if old is None else old.get("type", "FIAT_CURRENCY"))
    if kind not in CURRENCY_TYPES:
        problems.append(("INVALID_PARAMETERS", f"type must be one of {list(CURRENCY_TYPES)}"))
    code = body.get("code")
    if isinstance(code, str) and code.strip():
        if kind == "FIAT_CURRENCY" and code not in _iso_codes():
            problems.append(("INVALID_CURRENCY_CODE", f"{code!r} is not an ISO 4217 currency code"))
        elif not code.isalnum() or not code.isupper():
            problems.append(("INVALID_CURRENCY_CODE", f"{code!r} must be upper-case letters and digits"))
    position = body.get("currencySymbolPosition")
    if isinstance(position, str) and position not in SYMBOL_POSITIONS:
        problems.append(
            ("INVALID_PARAMETERS", f"currencySymbolPosition must be one of {list(SYMBOL_POSITIONS)}")
        )
    symbol = body.get("symbol")
    if isinstance(symbol, str) and len(symbol) > _MAX_SYMBOL:
        problems.append(
            ("CURRENCY_SYMBOL_LENGTH_OUTSIDE_CONSTRAINTS", f"symbol must be at most {_MAX_SYMBOL} characters")
        )
    digits = body.get("digitsAfterDecimal", 2)
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= _MAX_DIGITS:
        problems.append(("INVALID_PARAMETERS", f"digitsAfterDecimal must be an integer 0-{_MAX_DIGITS}"))
    numeric = body.get("numericCode")
    if numeric is not None and (not isinstance(numeric, str) or not numeric.isdigit()):
        problems.append(("INVALID_PARAMETERS", "numericCode must be a string of digits"))
    for name in _READ_ONLY:
        stale_stamp = name == "lastModifiedDate" and old is not None  # [INFERRED] as crud's PUT: ignored
        if name in body and not stale_stamp and (old is None or body[name] != old.get(name)):
            problems.append(("INVALID_PARAMETERS", f"Property {name} is read-only"))
    if problems:
        raise ApiError(400, problems)
    record = {k: body[k] for k in _WRITABLE if body.get(k) is not None}
    record["type"] = kind
    record["digitsAfterDecimal"] = digits
    if "currencyHolidays" in body:
        record["currencyHolidays"] = body["currencyHolidays"]
    return record


def add_currency(fake: FakeMambu, body: Any) -> Record:
    """Create a currency as ``POST /currencies`` does; returns it as Mambu answers it."""
    record = _checked(fake, body, None)
    if fake.store[CURRENCIES].by_id(record["code"]) is not None:
        raise bad_request("INVALID_CURRENCY_CODE", f"Currency {record['code']!r} is already defined")
    now = fake.clock.iso()
    record.update(
        encodedKey=fake.new_key(),
        id=record["code"],
        baseCurrency=_base(fake) is None,
        creationDate=now,
        lastModifiedDate=now,
    )
    fake.store[CURRENCIES].put(record)
    return _render(record)


def _replace_currency(fake: FakeMambu, code: str, body: Any) -> Record:
    old = _find(fake, code)
    record = _checked(fake, body, old)
    if record["code"] != old["code"]:
        raise bad_request("INCONSISTENT_IDENTIFIER_WITH_JSON", "The code of a currency cannot be changed")
    record.update({k: old[k] for k in ("encodedKey", "id", "baseCurrency", "creationDate")})
    record["lastModifiedDate"] = fake.clock.iso()
    fake.store[CURRENCIES].put(record)
    return _render(record)


def _in_use(fake: FakeMambu, code: str) -> str | None:
    """The kind of record that uses currency ``code``, if any."""
    for kind in ("loans", "deposits", "loantransactions", "deposittransactions"):
        records = fake.store[kind].values() if kind in fake.store.kinds() else []
        if any(r.get("currencyCode") == code for r in records):
            return kind
    for kind in ("loanproducts", "depositproducts"):
        records = fake.store[kind].values() if kind in fake.store.kinds() else []
        for product in records:
            codes = [(product.get("currency") or {}).get("code")]
            codes += [c.get("code") for c in (product.get("currencySettings") or {}).get("currencies", [])]
            if code in codes:
                return kind
    return None


def _delete_currency(fake: FakeMambu, code: str) -> None:
    record = _find(fake, code)
    if record.get("baseCurrency"):
        raise bad_request("BASE_CURRENCY_CANNOT_BE_REMOVED", "The base currency cannot be removed")
    user = _in_use(fake, code)
    if user is not None:
        raise bad_request("CURRENCY_IN_USE_CANNOT_BE_REMOVED", f"Currency {code!r} is used by {user}")
    for rate in fake.store[RATES].find(lambda r: r.get("toCurrencyCode") == code):
        fake.store[RATES].remove(rate["encodedKey"])
    fake.store[CURRENCIES].remove(record["encodedKey"])


# -- exchange rates --------------------------------------------------------------------------------


def _rate_number(body: Record, name: str, problems: list[tuple[str, str | None]]) -> Decimal | None:
    value = body.get(name)
    if value is None:
        problems.append(("MISSING_REQUIRED_PARAMETER", f"Property {name} is required"))
        return None
    number = query.as_decimal(value) if not isinstance(value, str) else None
    if number is None or number <= 0:
        problems.append(("INVALID_EXCHANGE_RATE_VALUE", f"{name} must be a positive number"))
        return None
    return number


def _instant(fake: FakeMambu, text: str) -> dt.datetime | None:
    """A date-time, or a date taken as its start in the tenant's timezone."""
    if len(text) == 10:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None
        return dt.datetime.combine(day, dt.time(), fake.clock.now().tzinfo or dt.UTC)
    return parse_datetime(text)


def add_exchange_rate(fake: FakeMambu, code: str, body: Any) -> Record:
    """Store a new rate from the base currency to ``code`` as ``POST .../rates`` does; returns it."""
    currency = _find(fake, code)
    if not isinstance(body, dict):
        raise bad_request("INVALID_JSON_SYNTAX", "The request body must be a JSON object")
    base = _base(fake)
    if currency.get("baseCurrency") or base is None:
        raise bad_request("RATE_TO_SAME_CURRENCY", f"{code} is the base currency")
    problems: list[tuple[str, str | None]] = []
    unknown = sorted(set(body) - {"buyRate", "sellRate", "startDate"})
    if unknown:
        problems.append(("INVALID_PARAMETERS", f"Unknown exchange rate properties: {', '.join(unknown)}"))
    buy = _rate_number(body, "buyRate", problems)
    sell = _rate_number(body, "sellRate", problems)
    if buy is not None and sell is not None and buy > sell:
        problems.append(("BUY_RATE_GREATER_THAN_SELL_RATE", "buyRate must not be greater than sellRate"))
    now = fake.clock.now()
    start = now
    raw_start = body.get("startDate")
    if raw_start is not None:
        parsed = _instant(fake, raw_start) if isinstance(raw_start, str) else None
        if parsed is None:
            problems.append(("INVALID_DATE", "startDate must be an ISO date-time"))
        else:
            start = parsed
    if problems:
        raise ApiError(400, problems)
    if start > now:
        raise bad_request("START_DATE_IN_FUTURE", "startDate must not be in the future")
    rates = _rates_of(fake, code)
    latest = rates[-1] if rates else None
    if latest is not None and start < _start_of(latest):
        raise bad_request("INVALID_DATE", "startDate must not be before the latest rate's start date")
    stamp = start.isoformat(timespec="seconds")
    if latest is not None:
        ended = dict(latest, endDate=stamp)
        fake.store[RATES].put(ended)
    record: Record = {
        "encodedKey": fake.new_key(),
        "fromCurrencyCode": base["code"],
        "toCurrencyCode": code,
        "buyRate": buy,
        "sellRate": sell,
        "startDate": stamp,
    }
    fake.store[RATES].put(record)
    return dict(record)


def _start_of(rate: Record) -> dt.datetime:
    parsed = parse_datetime(rate["startDate"])
    assert parsed is not None  # stored by add_exchange_rate
    return parsed


def _rates_of(fake: FakeMambu, code: str) -> list[Record]:
    return sorted(fake.store[RATES].find(lambda r: r.get("toCurrencyCode") == code), key=_start_of)


def _day_param(fake: FakeMambu, request: FakeRequest, name: str) -> dt.datetime | None:
    raw = request.param(name)
    if raw is None:
        return None
    parsed = _instant(fake, raw)
    if parsed is None:
        raise bad_request("INVALID_DATE", f"{name} must be a date (YYYY-MM-DD) or an ISO date-time")
    return parsed


# -- routes ----------------------------------------------------------------------------------------


def _list_currencies(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {*query.PAGING_PARAMS, "includeForeign"})
    page = query.paging(request)
    query.details_level(request)
    foreign = query.enum_param(request, "includeForeign", ("true", "false"), "true") == "true"
    records = fake.store[CURRENCIES].values()
    ordered = sorted(records, key=lambda r: not r.get("baseCurrency"))
    if not foreign:
        ordered = [r for r in ordered if r.get("baseCurrency")]
    chosen = ordered[page.offset : page.offset + page.limit]
    return list_response(
        [_render(r) for r in chosen],
        offset=page.offset,
        limit=page.limit,
        total=len(ordered),
        details=page.details,
    )


def _get_currency(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"detailsLevel"})
    query.details_level(request)
    return json_response(200, _render(_find(fake, request.path_params["currencyCode"])))


def _create_currency(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    return json_response(201, add_currency(fake, request.json()))


def _put_currency(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    return json_response(200, _replace_currency(fake, request.path_params["currencyCode"], request.json()))


def _remove_currency(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    _delete_currency(fake, request.path_params["currencyCode"])
    return no_content()


def _list_rates(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"offset", "limit", "paginationDetails", "from", "to"})
    page = query.paging(request)
    code = request.path_params["currencyCode"]
    _find(fake, code)
    start, end = _day_param(fake, request, "from"), _day_param(fake, request, "to")
    rates = [
        r
        for r in _rates_of(fake, code)
        if (start is None or _start_of(r) >= start) and (end is None or _start_of(r) < end)
    ]
    chosen = rates[page.offset : page.offset + page.limit]
    return list_response(
        [dict(r) for r in chosen],
        offset=page.offset,
        limit=page.limit,
        total=len(rates),
        details=page.details,
    )


def _post_rate(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    return json_response(201, add_exchange_rate(fake, request.path_params["currencyCode"], request.json()))


def install(fake: FakeMambu) -> None:
    """Register the currency and exchange rate routes."""
    fake.router.add("GET", "/currencies", _list_currencies)
    fake.router.add("POST", "/currencies", _create_currency)
    fake.router.add("GET", "/currencies/{currencyCode}", _get_currency)
    fake.router.add("PUT", "/currencies/{currencyCode}", _put_currency)
    fake.router.add("DELETE", "/currencies/{currencyCode}", _remove_currency)
    fake.router.add("GET", "/currencies/{currencyCode}/rates", _list_rates)
    fake.router.add("POST", "/currencies/{currencyCode}/rates", _post_rate)


#: The demo tenant's currencies: EUR (base, the products' currency) and two foreign ones with rates.
_DEMO_CURRENCIES = (
    ("EUR", "Euro", "€", "978"),
    ("USD", "United States dollar", "$", "840"),
    ("GBP", "Pound sterling", "£", "826"),
)
#: ``(code, days before now, buyRate, sellRate)`` of the demo tenant's rates, oldest first per currency.
_DEMO_RATES = (
    ("USD", 30, "1.0712", "1.0958"),
    ("USD", 1, "1.0824", "1.1067"),
    ("GBP", 30, "0.8493", "0.8702"),
    ("GBP", 1, "0.8517", "0.8731"),
)


def seed_demo_currencies(fake: FakeMambu) -> None:
    """Give the demo tenant its currencies, and rates to those without any (codes it has are kept)."""
    for code, name, symbol, numeric in _DEMO_CURRENCIES:
        if fake.store[CURRENCIES].by_id(code) is None:
            body = {"code": code, "name": name, "symbol": symbol, "numericCode": numeric}
            add_currency(fake, {**body, "currencySymbolPosition": "BEFORE_NUMBER", "digitsAfterDecimal": 2})
    now = fake.clock.now()
    unrated = {code for code, *_ in _DEMO_RATES if not _rates_of(fake, code)}
    for code, days, buy, sell in _DEMO_RATES:
        if code in unrated:
            start = (now - dt.timedelta(days=days)).isoformat(timespec="seconds")
            rate = {"buyRate": Decimal(buy), "sellRate": Decimal(sell), "startDate": start}
            add_exchange_rate(fake, code, rate)
