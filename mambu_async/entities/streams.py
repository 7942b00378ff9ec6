"""Streams for entities the pull engine cannot page itself: lists under a parent (cards of each deposit),
lists with required parameters (installments by due date), and searches whose body is not Mambu's usual
one (communication messages).

:class:`StreamedMixin` marks such an entity for ``mambu-async export`` (which then reads no total first)
and builds its :class:`~mambu_async.entities.base.EntityIterator` from an async generator of records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from mambu_async.connector.base import JSON, MambuConnector, RequestTimeout
from mambu_async.connector.validation import MAX_PAGE_LIMIT, DetailsLevel
from mambu_async.entities.base import (
    EntityIterator,
    FilterCriteria,
    MambuEntity,
    SortSpec,
    connector_for_call,
)
from mambu_async.errors import MambuResponseError, MambuValidationError

if TYPE_CHECKING:
    from mambu_async.connector.base import PageInfo
    from mambu_async.entities.search import Sort

__all__ = ["RecordStream", "StreamedMixin", "paged"]

PageFetch = Callable[[int, int], Awaitable[list[JSON]]]
"""``fetch(offset, limit)``: one page of records."""


class RecordStream:
    """An :class:`~mambu_async.connector.base.EntityStream` over an async generator of records (no cursor)."""

    def __init__(self, records: AsyncIterator[JSON]) -> None:
        self._records = records

    def __aiter__(self) -> AsyncIterator[JSON]:
        return self

    async def __anext__(self) -> JSON:
        return await self._records.__anext__()

    async def aclose(self) -> None:
        """Stop reading."""
        close = getattr(self._records, "aclose", None)
        if close is not None:
            await close()

    @property
    def cursor(self) -> str | None:
        """Always ``None``: these streams restart from the beginning."""
        return None


async def paged(fetch: PageFetch, page_size: int | None) -> AsyncIterator[JSON]:
    """Every record of ``fetch``'s pages, in order, until a short page; a record whose ``encodedKey`` was
    already yielded (the list moved under the reader) is skipped."""
    size = min(page_size or MAX_PAGE_LIMIT, MAX_PAGE_LIMIT)
    seen: set[Any] = set()
    offset = 0
    while True:
        page = await fetch(offset, size)
        for record in page:
            key = record.get("encodedKey") if isinstance(record, dict) else None
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            yield record
        if len(page) < size:
            return
        offset += size


class StreamedMixin(MambuEntity):
    """An entity streamed by its own generator (see the module docstring)."""

    _streamed: ClassVar[bool] = True
    """Read by ``mambu-async export``: no ``paginationDetails`` total is asked for first."""
    _export_name: ClassVar[str | None] = None
    """The command-line name when the prefix does not give a good one."""
    _stream_searchable: ClassVar[bool] = False
    """Whether ``iterate`` takes ``filter_criteria`` (handed to :meth:`_records`)."""

    @classmethod
    def iterate(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        filter_criteria: FilterCriteria | None = None,
        sorting_criteria: Sort | Mapping[str, Any] | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        concurrency: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
        timeout: RequestTimeout | None = None,
    ) -> EntityIterator[Self]:
        """Stream every record the entity's reads give (its ``_records`` says which), in Mambu's order.

        These streams take no sorting and cannot resume from a cursor (they restart from the beginning);
        bad arguments raise :class:`~mambu_async.errors.MambuValidationError` here, before any request."""
        connector = connector_for_call(connector, timeout)
        chosen = cls._check_filters(filters) or {}
        cls._check_stream_args(
            filter_criteria=filter_criteria,
            sorting_criteria=sorting_criteria,
            sort_by=sort_by,
            cursor=cursor,
            searchable=cls._stream_searchable,
        )
        level = cls._check_details_level(details_level)
        records = cls._records(
            connector, chosen, level=level, page_size=page_size, filter_criteria=filter_criteria
        )
        return cls._iterator(connector, level, records)

    @classmethod
    async def get_all(
        cls,
        *,
        connector: MambuConnector,
        filters: Mapping[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        sort_by: SortSpec | None = None,
        details_level: DetailsLevel = "BASIC",
        timeout: RequestTimeout | None = None,
    ) -> list[Self]:
        """Every record ``iterate`` streams (``offset``/``limit`` apply to the whole list)."""
        stream = cls.iterate(
            connector=connector,
            filters=filters,
            sort_by=sort_by,
            details_level=details_level,
            timeout=timeout,
        )
        out = [item async for item in stream]
        start = offset or 0
        return out[start : start + limit] if limit else out[start:]

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
        """The records ``iterate`` streams (checked arguments; raise here what must fail at once)."""
        raise NotImplementedError

    @classmethod
    def _check_stream_args(
        cls,
        *,
        filter_criteria: Any,
        sorting_criteria: Any,
        sort_by: Any,
        cursor: str | None,
        searchable: bool = False,
    ) -> None:
        if (filter_criteria is not None and not searchable) or sorting_criteria is not None:
            raise MambuValidationError(f"{cls.__name__} streams take no search criteria or sorting")
        if sort_by is not None:
            raise MambuValidationError(f"{cls.__name__} streams take no sort_by")
        if cursor is not None:
            raise MambuValidationError(f"{cls.__name__} streams cannot resume from a cursor")

    @classmethod
    def _iterator(
        cls, connector: MambuConnector, level: DetailsLevel, records: AsyncIterator[JSON]
    ) -> EntityIterator[Self]:
        return EntityIterator(RecordStream(records), cls, connector, level)

    @classmethod
    def _build_all(cls, rows: Any, connector: MambuConnector, level: DetailsLevel) -> list[Self]:
        if not isinstance(rows, list):
            raise MambuResponseError(f"expected a list of {cls.__name__}", body=rows)
        return [cls._from_response(row, connector, level) for row in rows]
