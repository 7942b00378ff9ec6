"""``MambuCurrency`` (``/currencies``) and ``MambuExchangeRate`` (``/currencies/{currencyCode}/rates``).

A currency is addressed by its ISO ``code`` (it has no id or encodedKey); the organisation's base currency
has ``baseCurrency`` true. Fields follow seed 002 (``code, name, symbol, digitsAfterDecimal,
currencySymbolPosition, creationDate, lastModifiedDate``) and Mambu's public v2 reference
(``baseCurrency``, ``type``, ``numericCode``; [INFERRED], the seeds have no v2 currency schema). An exchange
rate converts the base currency into another: ``{encodedKey, userKey, fromCurrencyCode, toCurrencyCode,
buyRate, sellRate, startDate, endDate}``; rates are ``Decimal``. Mambu replaces, creates and deletes
currencies but does not patch them, and a rate is only ever added (the previous one then ends).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any, Self

import attrs

from mambu_async.connector.base import MambuConnector
from mambu_async.connector.validation import MAX_PAGE_LIMIT, fail, require_id
from mambu_async.entities.base import WritableMixin
from mambu_async.entities.model import MambuModel
from mambu_async.errors import MambuResponseError

__all__ = ["CurrencySymbolPosition", "CurrencyType", "MambuCurrency", "MambuExchangeRate"]


class CurrencySymbolPosition(enum.StrEnum):
    """Values of ``currencySymbolPosition``."""

    BEFORE_NUMBER = "BEFORE_NUMBER"
    AFTER_NUMBER = "AFTER_NUMBER"


class CurrencyType(enum.StrEnum):
    """Values of ``type`` ([INFERRED] from Mambu's v2 reference)."""

    FIAT_CURRENCY = "FIAT_CURRENCY"
    CRYPTOCURRENCY = "CRYPTOCURRENCY"
    NON_TRADITIONAL_CURRENCY = "NON_TRADITIONAL_CURRENCY"


@attrs.define(slots=False, kw_only=True)
class MambuExchangeRate(MambuModel):
    """One exchange rate from the base currency to ``to_currency_code``, valid from ``start_date`` until
    ``end_date`` (absent on the current rate)."""

    encoded_key: str | None = None
    user_key: str | None = None
    from_currency_code: str | None = None
    to_currency_code: str | None = None
    buy_rate: Decimal | None = None
    sell_rate: Decimal | None = None
    start_date: dt.datetime | None = None
    end_date: dt.datetime | None = None

    @classmethod
    def _rows(cls, data: Any) -> list[Self]:
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise MambuResponseError("expected a list of exchange rates", body=data)
        return [cls.from_wire(row) for row in data]

    @classmethod
    async def get_all(
        cls,
        currency_code: str,
        *,
        connector: MambuConnector,
        from_date: Any = None,
        to_date: Any = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> list[Self]:
        """The rates of ``currency_code`` (one request; Mambu's default page when ``limit`` is None),
        oldest first; ``from_date``/``to_date`` keep those starting in ``[from, to)``."""
        data = await connector.mambu_get_exchange_rates(
            currency_code, offset, limit, "OFF", from_date, to_date
        )
        return cls._rows(data)

    @classmethod
    async def iterate(
        cls,
        currency_code: str,
        *,
        connector: MambuConnector,
        from_date: Any = None,
        to_date: Any = None,
        page_size: int = MAX_PAGE_LIMIT,
    ) -> AsyncIterator[Self]:
        """Every rate of ``currency_code``, oldest first, one page of ``page_size`` at a time (rates are
        only ever appended, so offset paging neither skips nor repeats one)."""
        code = require_id(currency_code, "currency_code")
        if (
            isinstance(page_size, bool)
            or not isinstance(page_size, int)
            or not 0 < page_size <= MAX_PAGE_LIMIT
        ):
            raise fail(f"page_size must be an integer 1-{MAX_PAGE_LIMIT}, got {page_size!r}")
        offset = 0
        while True:
            data = await connector.mambu_get_exchange_rates(
                code, offset, page_size, "OFF", from_date, to_date
            )
            rows = cls._rows(data)
            for row in rows:
                yield row
            if len(rows) < page_size:
                return
            offset += len(rows)

    @classmethod
    async def create(
        cls,
        currency_code: str,
        *,
        connector: MambuConnector,
        buy_rate: Any,
        sell_rate: Any,
        start_date: Any = None,
    ) -> Self:
        """``POST /currencies/{currency_code}/rates``: the new current rate (``buy_rate`` <= ``sell_rate``;
        ``start_date`` defaults to Mambu's now and may not be in the future)."""
        data = await connector.mambu_create_exchange_rate(currency_code, buy_rate, sell_rate, start_date)
        if not isinstance(data, dict):
            raise MambuResponseError("expected the created exchange rate", body=data)
        return cls.from_wire(data)


@attrs.define(slots=False, kw_only=True)
class MambuCurrency(WritableMixin):
    """A currency of the organisation.

    Required on create: ``code``, ``name``, ``symbol``, ``currency_symbol_position``. Read-only:
    ``base_currency``, ``creation_date``, ``last_modified_date``. ``patch()`` is not served by Mambu for
    currencies: change attributes and ``update()``.
    """

    _prefix = "currencies"
    _filter_keys = ("includeForeign",)
    _sort_by_fields = ()

    code: str | None = None
    name: str | None = None
    symbol: str | None = None
    digits_after_decimal: int | None = None
    currency_symbol_position: CurrencySymbolPosition | str | None = None
    type: CurrencyType | str | None = None
    numeric_code: str | None = None
    base_currency: bool | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    def _entity_id(self) -> str:
        """The ISO code the currency was loaded with (currencies have no id or encodedKey)."""
        code = self._raw.get("code") or self.code
        if not code:
            raise fail("MambuCurrency has no code yet")
        return str(code)

    async def get_exchange_rates(
        self, *, from_date: Any = None, to_date: Any = None
    ) -> list[MambuExchangeRate]:
        """Every rate from the base currency to this one (``[from_date, to_date)`` when given)."""
        connector = self._require_connector()
        return [
            rate
            async for rate in MambuExchangeRate.iterate(
                self._entity_id(), connector=connector, from_date=from_date, to_date=to_date
            )
        ]

    async def set_exchange_rate(
        self, buy_rate: Any, sell_rate: Any, start_date: Any = None
    ) -> MambuExchangeRate:
        """Post a new rate for this currency (it becomes the current one)."""
        return await MambuExchangeRate.create(
            self._entity_id(),
            connector=self._require_connector(),
            buy_rate=buy_rate,
            sell_rate=sell_rate,
            start_date=start_date,
        )
