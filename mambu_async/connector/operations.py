"""Every ``mambu_*`` operation, once, over an abstract ``_send`` (the shared connector layer).

:class:`MambuOperations` validates the arguments (``connector/validation.py``), builds one
:class:`~mambu_async.connector.wire.ApiRequest` per call (path relative to ``/api``, ids escaped with
``quote(id, safe="")``, ``None`` parameters dropped, bodies rendered with ``_json.dumps``) and sends it
through the core in ``ops_core.py`` (concurrency limit, retries, error mapping, decoding).
``MambuConnectorREST`` implements ``_send`` over httpx and ``FakeConnector`` over ``FakeMambu``, so both
behave identically. This module holds the list operations and their paging (``get_all``, ``search``,
``fetch_page`` for the streaming engine, ``iterate``); the other operations come from the mixins
``ops_reads.py``, ``ops_writes.py``, ``ops_documents.py``, ``ops_transactions.py``, ``ops_backup.py``
and ``ops_currencies.py``.
``ops_reads.py``, ``ops_writes.py``, ``ops_documents.py``, ``ops_transactions.py``,
``ops_functions.py`` (the Functions API) and ``ops_v1.py`` (v1 operations without a v2 equivalent).

Requests are MambuPy's (mambupy-study §1.3), mended where MambuPy is wrong: ids are escaped, a POST
write keeps one ``Idempotency-Key`` across its retries, ``:search`` and PATCH carry no key, and
``get_all``/``search`` fetch pages of at most ``page_size`` (<= 1000) concurrently once the total is
known.

Idempotency keys: every POST write (create, ``:changeState`` and other actions, transactions,
comments, documents) sends a fresh UUID4, the same on every attempt of that call. Pass
``idempotency_key=`` to choose it, or wrap calls made through entities in
``with use_idempotency_key(key):`` (``mambu_async.connector.retry``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

import attrs

from mambu_async import _json
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON, EntityStream, PageInfo
from mambu_async.connector.ops_backup import BackupOperations
from mambu_async.connector.ops_core import header, query_params
from mambu_async.connector.ops_currencies import CurrencyOperations
from mambu_async.connector.ops_documents import DocumentOperations
from mambu_async.connector.ops_functions import FunctionOperations
from mambu_async.connector.ops_reads import ReadOperations
from mambu_async.connector.ops_tenant import TenantOperations
from mambu_async.connector.ops_transactions import TransactionOperations
from mambu_async.connector.ops_v1 import V1Operations
from mambu_async.connector.ops_writes import WriteOperations
from mambu_async.connector.validation import DetailsLevel
from mambu_async.connector.wire import ApiRequest, ApiResponse

__all__ = ["DeferredPage", "MambuOperations", "Page"]


_GATEWAY_STATUSES = frozenset({502, 503, 504})

#: List endpoints whose OpenAPI operation declares no ``detailsLevel`` (``GET /loanproducts`` in
#: loanproducts.json; ``GET /currencies``, [INFERRED] from seed 002 and Mambu's v2 reference). The default
#: BASIC is left out there rather than sent as an undeclared parameter (a strict server refuses those with
#: ``PARAMETER_NOT_ALLOWED``); FULL is still sent when asked for.
_LISTS_WITHOUT_DETAILS_LEVEL = frozenset({"loanproducts", "currencies"})


@attrs.frozen
class Page:
    """One page of ``GET /{prefix}`` or ``POST /{prefix}:search``.

    ``total`` is the ``items-total`` header when it was asked for and is a non-negative integer,
    else ``None``; ``retries`` counts the extra attempts; ``latency`` is seconds from first attempt
    to decoded answer.
    """

    records: list[JSON]
    total: int | None
    retries: int
    latency: float


class DeferredPage:
    """A :class:`Page` whose body is decoded when ``records`` is first read (``fetch_page(...,
    decode_later=True)``): a bulk pull reads pages ahead of its consumer, and a page waiting its turn
    holds its raw JSON (about a quarter of the decoded objects' memory). A body that is not a JSON array
    raises on that first read. ``latency`` stops at the answer, before decoding.
    """

    __slots__ = ("_decode", "_records", "latency", "retries", "total")

    def __init__(
        self, decode: Callable[[], list[JSON]], *, total: int | None, retries: int, latency: float
    ) -> None:
        self._decode: Callable[[], list[JSON]] | None = decode
        self._records: list[JSON] = []
        self.total = total
        self.retries = retries
        self.latency = latency

    @property
    def records(self) -> list[JSON]:
        """The decoded records (decoded once; the raw body is released then)."""
        decode = self._decode
        if decode is not None:
            self._records = decode()
            self._decode = None
        return self._records


class MambuOperations(
    ReadOperations,
    WriteOperations,
    DocumentOperations,
    TransactionOperations,
    TenantOperations,
    BackupOperations,
    CurrencyOperations,
    FunctionOperations,
    V1Operations,
):
    """The shared implementation of every connector operation over :meth:`_send`.

    Subclasses implement ``_send`` (one attempt, no retries, no error mapping: return whatever status
    came back, raise a :class:`~mambu_async.errors.MambuConnectionError` built with
    :func:`~mambu_async.connector.retry.connection_error` when no response came). ``sleep`` and
    ``random`` drive the backoff and exist so tests never wait.
    """

    @staticmethod
    def _list_query(
        *,
        filters: Mapping[str, str],
        extra: Mapping[str, str],
        offset: int | None,
        limit: int | None,
        paginationDetails: str,
        detailsLevel: str | None,
        sortBy: str | None,
    ) -> tuple[tuple[str, str], ...]:
        return query_params(
            ("paginationDetails", paginationDetails),
            ("detailsLevel", detailsLevel),
            ("sortBy", sortBy),
            *filters.items(),
            *extra.items(),
            ("offset", offset),
            ("limit", limit),
        )

    @staticmethod
    def _extra_params(extra_params: Mapping[str, Any] | None) -> dict[str, str]:
        if extra_params is None:
            return {}
        if not isinstance(extra_params, Mapping):
            raise v.fail("extra query parameters must be a dictionary")
        v.check_query_names(extra_params)
        reserved = {"offset", "limit", "paginationDetails", "detailsLevel", "sortBy"} & set(extra_params)
        if reserved:
            raise v.fail(f"{sorted(reserved)} have their own arguments")
        return v.render_filters(extra_params)

    def _page_request(
        self,
        prefix: str,
        *,
        search: bool,
        offset: int | None,
        limit: int | None,
        paginationDetails: str,
        detailsLevel: str,
        filters: dict[str, str],
        sortBy: str | None,
        criteria: list[dict[str, Any]] | None,
        sorting: dict[str, str] | None,
        extra: dict[str, str],
    ) -> ApiRequest:
        if not search:
            implicit = detailsLevel == "BASIC" and prefix in _LISTS_WITHOUT_DETAILS_LEVEL
            return ApiRequest(
                "GET",
                f"/{prefix}",
                self._list_query(
                    filters=filters,
                    extra=extra,
                    offset=offset,
                    limit=limit,
                    paginationDetails=paginationDetails,
                    detailsLevel=None if implicit else detailsLevel,
                    sortBy=sortBy,
                ),
            )
        body: dict[str, Any] = {}
        if criteria is not None:
            body["filterCriteria"] = criteria
        if sorting is not None:
            body["sortingCriteria"] = sorting
        return ApiRequest(
            "POST",
            f"/{prefix}:search",
            self._list_query(
                filters={},
                extra=extra,
                offset=offset,
                limit=limit,
                paginationDetails=paginationDetails,
                detailsLevel=detailsLevel,
                sortBy=None,
            ),
            body=_json.dumps(body),
            retry_safe=True,
        )

    async def _fetch(self, request: ApiRequest, *, with_total: bool) -> Page:
        started = time.perf_counter()
        response, retries = await self._execute(request)
        body = self._records(request, response)
        total = self._total(response) if with_total else None
        return Page(records=body, total=total, retries=retries, latency=time.perf_counter() - started)

    def _records(self, request: ApiRequest, response: ApiResponse) -> list[JSON]:
        body = self._decode(request, response)
        if not isinstance(body, list):
            raise self._unexpected(request, response, body, "a JSON array")
        return body

    @staticmethod
    def _total(response: ApiResponse) -> int | None:
        total: int | None = None
        raw = header(response, "items-total")
        try:
            total = int(raw) if raw is not None else None
        except ValueError:
            total = None
        if total is not None and total < 0:
            total = None
        return total

    # ------------------------------------------------------------------ paging

    async def fetch_page(
        self,
        prefix: str,
        *,
        offset: int,
        limit: int,
        search: bool,
        filters: dict[str, Any] | None = None,
        sortBy: str | None = None,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        detailsLevel: str = "BASIC",
        with_total: bool = False,
        extra_params: dict[str, Any] | None = None,
        decode_later: bool = False,
    ) -> Page | DeferredPage:
        """One page at ``offset`` of at most ``limit`` (<= 1000) records, for the streaming pull engine.

        ``search=True`` sends ``POST /{prefix}:search`` with ``filterCriteria``/``sortingCriteria``;
        otherwise ``GET /{prefix}`` with ``filters``/``sortBy``. ``with_total`` asks for
        ``paginationDetails=ON`` and reads ``items-total``. ``decode_later`` returns a
        :class:`DeferredPage` that decodes its body when ``records`` is first read.
        """
        prefix = v.require_prefix(prefix)
        if offset is None or limit is None:
            raise v.fail("fetch_page needs an offset and a limit")
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
        if isinstance(filters, Mapping):
            v.check_query_names(filters)
        request = self._page_request(
            prefix,
            search=search,
            offset=offset,
            limit=limit,
            paginationDetails="ON" if with_total else "OFF",
            detailsLevel=detailsLevel,
            filters={} if search else v.render_filters(filters),
            sortBy=None if search else v.check_sort_by(sortBy),
            criteria=v.check_filter_criteria(filterCriteria) if search else None,
            sorting=v.check_sorting_criteria(sortingCriteria) if search else None,
            extra=self._extra_params(extra_params),
        )
        if not decode_later:
            return await self._fetch(request, with_total=with_total)
        started = time.perf_counter()
        response, retries = await self._execute(request)
        return DeferredPage(
            lambda: self._records(request, response),
            total=self._total(response) if with_total else None,
            retries=retries,
            latency=time.perf_counter() - started,
        )

    async def _list(
        self,
        prefix: str,
        *,
        search: bool,
        offset: int | None,
        limit: int | None,
        paginationDetails: str,
        detailsLevel: str,
        filters: dict[str, str],
        sortBy: str | None,
        criteria: list[dict[str, Any]] | None,
        sorting: dict[str, str] | None,
        extra: dict[str, str],
    ) -> list[JSON]:
        def request(off: int | None, lim: int | None, pagination: str) -> ApiRequest:
            return self._page_request(
                prefix,
                search=search,
                offset=off,
                limit=lim,
                paginationDetails=pagination,
                detailsLevel=detailsLevel,
                filters=filters,
                sortBy=sortBy,
                criteria=criteria,
                sorting=sorting,
                extra=extra,
            )

        size = self.page_size
        if limit is not None and 0 < limit <= size:
            single = await self._fetch(request(offset, limit, paginationDetails), with_total=False)
            return single.records

        # limit None or 0 (MambuPy's "every match") or above the page size: page transparently.
        wanted = limit or None
        start = offset or 0
        first_limit = min(size, wanted) if wanted else size
        first = await self._fetch(request(start, first_limit, "ON"), with_total=True)
        records = list(first.records)
        if len(first.records) < first_limit:
            return records
        if first.total is not None:
            end = first.total if wanted is None else min(first.total, start + wanted)
            await self._fetch_known(request, records, start + first_limit, end, paginationDetails)
            return records[:wanted] if wanted else records
        # Total unknown: one page after another until a short page.
        next_offset = start + first_limit
        while wanted is None or len(records) < wanted:
            lim = size if wanted is None else min(size, wanted - len(records))
            page = await self._fetch(request(next_offset, lim, paginationDetails), with_total=False)
            records.extend(page.records)
            if len(page.records) < lim:
                break
            next_offset += lim
        return records

    async def _fetch_known(
        self,
        request: Callable[[int | None, int | None, str], ApiRequest],
        records: list[JSON],
        begin: int,
        end: int,
        paginationDetails: str,
    ) -> None:
        """Fetch ``[begin, end)`` concurrently (bounded windows, results in offset order) into ``records``.

        A short page means the data ended before the announced total: later windows are not fetched.
        """
        size = self.page_size
        offsets = list(range(begin, end, size))
        window = self.max_concurrency * 2
        for i in range(0, len(offsets), window):
            batch = offsets[i : i + window]
            pages = await self._gather(
                [
                    self._fetch(request(off, min(size, end - off), paginationDetails), with_total=False)
                    for off in batch
                ]
            )
            short = False
            for off, page in zip(batch, pages, strict=True):
                records.extend(page.records)
                short = short or len(page.records) < min(size, end - off)
            if short:
                return

    @staticmethod
    async def _gather(coros: Iterable[Awaitable[Page]]) -> list[Page]:
        """Await every page; on the first failure cancel the rest and raise that failure."""
        tasks = [asyncio.ensure_future(c) for c in coros]
        try:
            return list(await asyncio.gather(*tasks))
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

    # ------------------------------------------------------------------ list operations

    async def mambu_get_all(
        self,
        prefix: str,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: DetailsLevel | None = None,
        sortBy: str | None = None,
        *,
        details_level: DetailsLevel | None = None,
        **kwargs: Any,
    ) -> list[JSON]:
        """``GET /{prefix}``: a list. ``limit=None`` (or 0, as in MambuPy) means every match; a limit
        above ``page_size`` is fetched in pages, every filter and sort on every page. Extra keyword
        arguments become query parameters (``None`` dropped; credentials refused)."""
        prefix = v.require_prefix(prefix)
        v.check_offset_limit(offset, limit)
        v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        level = v.pick_details_level(detailsLevel, details_level)
        if filters is not None and not isinstance(filters, Mapping):
            raise v.fail("filters must be a dictionary")
        if filters:
            v.check_query_names(filters)
        return await self._list(
            prefix,
            search=False,
            offset=offset,
            limit=limit,
            paginationDetails=paginationDetails,
            detailsLevel=level,
            filters=v.render_filters(filters),
            sortBy=v.check_sort_by(sortBy),
            criteria=None,
            sorting=None,
            extra=self._extra_params(kwargs),
        )

    async def mambu_search(
        self,
        prefix: str,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: DetailsLevel | None = None,
        *,
        details_level: DetailsLevel | None = None,
    ) -> list[JSON]:
        """``POST /{prefix}:search`` with ``{filterCriteria, sortingCriteria}``; paged like get_all."""
        prefix = v.require_prefix(prefix)
        v.check_offset_limit(offset, limit)
        v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        level = v.pick_details_level(detailsLevel, details_level)
        return await self._list(
            prefix,
            search=True,
            offset=offset,
            limit=limit,
            paginationDetails=paginationDetails,
            detailsLevel=level,
            filters={},
            sortBy=None,
            criteria=v.check_filter_criteria(filterCriteria),
            sorting=v.check_sorting_criteria(sortingCriteria),
            extra={},
        )

    def mambu_iterate(
        self,
        prefix: str,
        *,
        filters: dict[str, Any] | None = None,
        filterCriteria: list[dict[str, Any]] | None = None,
        sortingCriteria: dict[str, Any] | None = None,
        sortBy: str | None = None,
        detailsLevel: DetailsLevel | None = None,
        details_level: DetailsLevel | None = None,
        concurrency: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> EntityStream:
        """Stream every match (see ``connector/paging.py``); not awaited."""
        # Imported lazily: the streaming engine depends on this module.
        from mambu_async.connector.paging import iterate_entities

        stream: EntityStream = iterate_entities(
            self,
            prefix,
            filters=filters,
            filterCriteria=filterCriteria,
            sortingCriteria=sortingCriteria,
            sortBy=sortBy,
            detailsLevel=v.pick_details_level(detailsLevel, details_level),
            concurrency=concurrency,
            page_size=page_size,
            cursor=cursor,
            on_page=on_page,
        )
        return stream
