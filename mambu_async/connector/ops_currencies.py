"""Exchange rates of a currency (``/currencies/{currencyCode}/rates``).

Currencies themselves are plain entities under ``/currencies`` (addressed by their ISO ``code``), read
and written with the generic ``mambu_get`` / ``mambu_get_all`` / ``mambu_create`` / ``mambu_update`` /
``mambu_delete`` (prefix ``"currencies"``). Their rates have their own operations here.

Sources: seed 002 (S2 "Currencies": ``GET /currencies/{currencyCode}/rates`` with ``offset``, ``limit``,
``from``, ``to``; ``POST`` of ``{buyRate, sellRate[, startDate]}``; rates as ``{encodedKey, userKey,
fromCurrencyCode, toCurrencyCode, buyRate, sellRate, startDate, endDate}``; 404 ``INVALID_CURRENCY_CODE``,
400 ``BUY_RATE_GREATER_THAN_SELL_RATE``) and Mambu's public v2 reference ("Currencies rates": the same
path, ``POST`` answering 201 with the created rate). [INFERRED] v2 keeps v1's query names ``from`` and
``to`` and answers the rates with ``paginationDetails`` like other v2 lists.
"""

from __future__ import annotations

from typing import Any

from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON
from mambu_async.connector.ops_core import OperationsCore, esc, query_params
from mambu_async.connector.wire import ApiRequest

__all__ = ["CurrencyOperations"]


def rates_path(currencyCode: Any) -> str:
    """``/currencies/{currencyCode}/rates`` with the code checked and escaped."""
    return f"/currencies/{esc(currencyCode, 'currencyCode')}/rates"


class CurrencyOperations(OperationsCore):
    """Reading and posting the exchange rates of one currency."""

    async def mambu_get_exchange_rates(
        self,
        currencyCode: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        from_date: Any = None,
        to_date: Any = None,
    ) -> list[JSON]:
        """``GET /currencies/{currencyCode}/rates`` (one request): the rates from the organisation's base
        currency to ``currencyCode``, oldest first. ``from_date``/``to_date`` (sent as ``from``/``to``) keep
        the rates that start on or after ``from`` and before ``to``."""
        path = rates_path(currencyCode)
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        pagination = v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        params = query_params(
            ("paginationDetails", pagination),
            ("from", v.check_date(from_date, "from_date")),
            ("to", v.check_date(to_date, "to_date")),
            ("offset", offset),
            ("limit", limit),
        )
        return await self._call_list(ApiRequest("GET", path, params))

    async def mambu_create_exchange_rate(
        self,
        currencyCode: str,
        buyRate: Any,
        sellRate: Any,
        startDate: Any = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /currencies/{currencyCode}/rates`` with ``{buyRate, sellRate[, startDate]}``: the new
        rate, which replaces the current one from ``startDate`` (Mambu's now when left out). Rates are
        ``Decimal`` (or ``int``/numeric ``str``), never ``float``."""
        path = rates_path(currencyCode)
        body: dict[str, Any] = {
            "buyRate": v.check_amount(buyRate, "buyRate"),
            "sellRate": v.check_amount(sellRate, "sellRate"),
        }
        if startDate is not None:
            body["startDate"] = v.check_date(startDate, "startDate")
        return await self._post(path, body, idempotency_key)
