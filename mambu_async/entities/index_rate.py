"""``MambuIndexRateSource`` (``/indexratesources``) and ``MambuIndexRate`` (its rates,
``/indexratesources/{id}/indexrates``).

Not in the seeds; fields from Mambu's v2 reference [INFERRED]: a source's ``id, encodedKey, name, type``
(INTEREST_RATE, TAX_RATE, WITHHOLDING_TAX_RATE, PRINCIPAL_TAX_RATE), ``notes``; a rate's ``id,
encodedKey, rate, startDate, notes, userKey, assignedIndexRateSourceKey``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any, Self

import attrs

from mambu_async.connector.base import JSON, MambuConnector
from mambu_async.connector.validation import DetailsLevel
from mambu_async.entities.base import (
    FilterCriteria,
    MambuEntity,
)
from mambu_async.entities.streams import StreamedMixin, paged

__all__ = ["MambuIndexRate", "MambuIndexRateSource"]


@attrs.define(slots=False, kw_only=True)
class MambuIndexRateSource(MambuEntity):
    """A source of index rates (a reference rate, a tax rate); ``await source.get_index_rates()``."""

    _prefix = "indexratesources"
    _sort_by_fields = ()

    id: str | None = None
    encoded_key: str | None = None
    name: str | None = None
    type: str | None = None
    notes: str | None = None
    creation_date: dt.datetime | None = None
    last_modified_date: dt.datetime | None = None

    async def create_index_rate(
        self, rate: Decimal | int | str, start_date: dt.date | dt.datetime | str, notes: str | None = None
    ) -> MambuIndexRate:
        """``POST /indexratesources/{id}/indexrates``: a new rate from ``start_date`` (after the newest
        rate's start); the stored rate."""
        connector = self._require_connector()
        data = await connector.mambu_create_index_rate(self._entity_id(), rate, start_date, notes)
        return MambuIndexRate._from_response(data, connector, "FULL")

    async def get_index_rates(
        self, *, offset: int | None = None, limit: int | None = None
    ) -> list[MambuIndexRate]:
        """The source's rates, newest start date first."""
        return await MambuIndexRate.for_source(
            self._entity_id(), connector=self._require_connector(), offset=offset, limit=limit
        )


@attrs.define(slots=False, kw_only=True)
class MambuIndexRate(StreamedMixin):
    """One rate of an index rate source, valid from ``start_date``.

    ``MambuIndexRate.for_source("EURIBOR", connector=c)`` lists one source's rates;
    ``iterate`` reads every source's in turn.
    """

    _prefix = "indexrates"
    _sort_by_fields = ()

    id: str | None = None
    encoded_key: str | None = None
    rate: Decimal | None = None
    start_date: dt.datetime | None = None
    notes: str | None = None
    user_key: str | None = None
    assigned_index_rate_source_key: str | None = None

    @classmethod
    async def for_source(
        cls, source_id: str, *, connector: MambuConnector, offset: int | None = None, limit: int | None = None
    ) -> list[Self]:
        """``GET /indexratesources/{source_id}/indexrates``; ``limit=None`` reads every rate."""
        rows = await connector.mambu_get_index_rates(source_id, offset, limit)
        return cls._build_all(rows, connector, "FULL")

    @classmethod
    def _records(
        cls,
        connector: MambuConnector,
        filters: dict[str, Any],
        *,
        level: DetailsLevel,
        page_size: int | None,
        filter_criteria: FilterCriteria | None,
    ) -> AsyncIterator[JSON]:
        """Every rate of every index rate source, source by source."""

        async def records() -> AsyncIterator[JSON]:
            async for source in MambuIndexRateSource.iterate(connector=connector, page_size=page_size):
                source_id = source._entity_id()

                async def fetch(offset: int, limit: int, source_id: str = source_id) -> list[JSON]:
                    rows: list[JSON] = await connector.mambu_get_index_rates(source_id, offset, limit)
                    return rows

                async for record in paged(fetch, page_size):
                    yield record

        return records()
