"""Streams for entities the pull engine cannot page itself: lists under a parent (cards of each deposit),
lists with required parameters (installments by due date), and searches whose body is not Mambu's usual
one (communication messages).

:class:`StreamedMixin` marks such an entity for ``mambu-async export`` (which then reads no total first)
and builds its :class:`~mambu_async.entities.base.EntityIterator` from an async generator of records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, ClassVar, Self

from mambu_async.connector.base import JSON, MambuConnector
from mambu_async.connector.validation import MAX_PAGE_LIMIT, DetailsLevel
from mambu_async.entities.base import EntityIterator, MambuEntity
from mambu_async.errors import MambuResponseError, MambuValidationError

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
