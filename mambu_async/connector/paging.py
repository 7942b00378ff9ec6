"""Streaming bulk pulls: bounded, ordered, concurrent, exactly-once page fetching.

How a pull works (one *window* at a time; without ``window=`` the whole result is one window):

* Every page asks the same query (filters and sort on every page) for ``limit = page_size`` records at
  ``offset = n * step`` where ``step = page_size - overlap``: consecutive pages share ``overlap``
  records when nothing changes. Without an explicit ``overlap=`` they share one record until the
  first drift, then ``min(20, page_size // 10)``: a pull over data that does not move costs no page
  for overlaps (at most ``ceil(N / page_size) + 1`` requests below ``page_size`` pages).
* The sort is on a unique, immutable key (``paging_strategy``). The engine remembers the key of the
  last record it handed out (the *high-water key*). A page is **anchored** when it starts at offset 0
  or its first key is at or before the high-water key. Each page is a contiguous run of the server's
  order at the moment it was read, so an anchored page continues the contiguous run already delivered:
  no record that existed throughout the pull can fall between them. Inserts before the offset shift
  pages right (the overlap grows; records up to the high-water key are skipped as duplicates); deletes
  shift them left, and once ``overlap`` or more records vanish the next page is not anchored.
* A page that is not anchored means drift: every page after it is cancelled and the page is re-read
  at an offset stepping back (``2*overlap``, doubling) until a page is anchored; offset 0 always is.
* The window ends at its first anchored short page; pages already requested past it are cancelled.

Hence: every record that exists for the whole pull is delivered exactly once, in key order; a record
created or deleted during the pull is delivered at most once. Delivery is stable: records come in
the sort order, window after window, whatever order the pages complete in.

Fan-out is lazy (the first page alone, asking the match count with ``paginationDetails=ON``, then up
to ``concurrency`` pages ahead, or the connector's current limit when ``max_concurrency="auto"`` keeps
it lower; no page at or past the count unless the last one came back full), memory is bounded by
``concurrency + 1`` pages, held as raw JSON until their turn (each is decoded when the consumer reaches
it), the first error of any page cancels every request and is raised as is (a body that is not a JSON
array, found when its page is decoded, in its turn).
``window=`` partitions ``:search`` pulls on the immutable ``creationDate`` (BETWEEN, padded by a
second on each side because Mambu does not document its inclusivity, then filtered exactly on the
client as ``lower < creationDate <= upper``), keeping offsets shallow on very large tenants.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import operator
from collections import deque
from collections.abc import AsyncGenerator, Callable, Sequence
from types import TracebackType
from typing import Any, Protocol

import attrs

from mambu_async.connector.base import PageInfo
from mambu_async.connector.paging_cursor import CursorState, query_fingerprint
from mambu_async.connector.paging_strategy import PullPlan, plan_pull, strategy_for
from mambu_async.connector.validation import (
    DETAILS_LEVELS,
    MAX_PAGE_LIMIT,
    check_choice,
    check_filter_criteria,
    check_sort_by,
    check_sorting_criteria,
    render_filters,
    require_prefix,
)
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = [
    "FetchedPage",
    "MambuPaginationError",
    "PageEvent",
    "PageSource",
    "PagedStream",
    "iterate_entities",
]

_NOTHING: Any = object()
DEFAULT_CONCURRENCY = 8
DEFAULT_OVERLAP = 20
_IDENTICAL_PAGES_LIMIT = 2


class MambuPaginationError(MambuResponseError):
    """The server's pages cannot be stitched together safely (order broken, offsets ignored, endless
    drift); raised instead of silently losing or duplicating records."""


class FetchedPage(Protocol):
    """One page as ``MambuOperations.fetch_page`` returns it."""

    @property
    def records(self) -> Sequence[Any]: ...

    @property
    def retries(self) -> int: ...

    @property
    def latency(self) -> float: ...

    @property
    def total(self) -> int | None: ...


class PageSource(Protocol):
    """What the engine needs from a connector: one page of a ``GET`` or ``:search``."""

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
        decode_later: bool = False,
    ) -> FetchedPage: ...


@attrs.define
class PageEvent:
    """What ``on_page`` receives for every page read (a ``connector.base.PageInfo``).

    ``count`` records came back, ``delivered`` of them were new; ``reread`` marks a page dropped for
    drift (it is read again further back); ``window`` is the creationDate window's lower bound.
    """

    entity: str
    offset: int
    count: int
    latency: float
    retries: int
    limit: int
    delivered: int = 0
    reread: bool = False
    window: str | None = None


@attrs.frozen
class _Window:
    lower: dt.datetime
    upper: dt.datetime
    field: str

    def criteria(self) -> dict[str, Any]:
        pad = dt.timedelta(seconds=1)
        return {
            "field": self.field,
            "operator": "BETWEEN",
            "value": (self.lower - pad).isoformat(timespec="seconds"),
            "secondValue": (self.upper + pad).isoformat(timespec="seconds"),
        }

    def holds(self, record: Any) -> bool:
        raw = record.get(self.field) if isinstance(record, dict) else None
        if not isinstance(raw, str):
            return False
        try:
            when = dt.datetime.fromisoformat(raw)
        except ValueError:
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=self.lower.tzinfo)
        return self.lower < when <= self.upper


class _KeyTracker:
    """Keyed mode: order check, anchoring and dedup against the high-water key (O(1) memory)."""

    def __init__(self, plan: PullPlan) -> None:
        assert plan.key_field is not None and plan.key_order
        self.field = plan.key_field
        self.orders = plan.key_order
        self.order = self.orders[0]
        self.descending = plan.descending
        self.last_raw: Any = None
        self._last: Any = None

    def reset(self, raw: Any = None) -> None:
        self.last_raw = raw
        self._last = None if raw is None else self.order(raw)

    def _after(self, a: Any, b: Any) -> bool:
        return bool(a < b) if self.descending else bool(a > b)

    def _sorted_keys(self, raws: list[Any], order: Callable[[Any], Any]) -> list[Any] | None:
        """The keys of ``raws`` in ``order`` if each comes strictly after the one before, else None."""
        keys = list(map(order, raws))
        before = operator.gt if self.descending else operator.lt
        return keys if all(map(before, keys, itertools.islice(keys, 1, None))) else None

    def keys(self, records: Sequence[Any], prefix: str) -> list[Any]:
        field = self.field
        try:
            raws = [record[field] for record in records]
        except (KeyError, TypeError, IndexError):  # not an object, or no key: refused just below
            raws = [record.get(field) if isinstance(record, dict) else None for record in records]
        if None in raws:
            raise MambuPaginationError(f"{prefix}: a record without {self.field!r} cannot be paged")
        keys = self._sorted_keys(raws, self.order)
        if keys is not None:
            return keys
        for order in self.orders:  # the page tells how the server orders this key
            keys = self._sorted_keys(raws, order) if order is not self.order else None
            if keys is not None:
                self.order = order
                self.reset(self.last_raw)
                return keys
        raise MambuPaginationError(
            f"{prefix}: page not sorted by unique {self.field!r}; the server ignored the sort"
        )

    def anchored(self, offset: int, keys: list[Any]) -> bool:
        if offset == 0:
            return True
        return bool(keys) and self._last is not None and not self._after(keys[0], self._last)

    def fresh(self, records: Sequence[Any], keys: list[Any]) -> list[Any]:
        """Cover the page (sorted by :meth:`keys`); its records past the high-water key (a suffix)."""
        start, count, last = 0, len(keys), self._last
        if last is not None:
            after = self._after
            while start < count and not after(keys[start], last):  # the overlap: already delivered
                start += 1
        if start == count:
            return []
        self._last = keys[-1]
        self.last_raw = records[-1][self.field]
        return list(records[start:])

    def handed(self, record: Any) -> Any:
        """The cursor's key once ``record`` (a delivered one) is handed out: its own sort key."""
        return record[self.field]


class _SeenTracker:
    """Unkeyed mode (sort not on a unique key): dedup by ``encodedKey`` with a seen-set, anchored
    pages must share a record with the previous one. Memory grows with the window's size."""

    def __init__(self) -> None:
        self.last_raw: Any = None
        self._seen: set[Any] = set()
        self._previous: set[Any] = set()
        self._trust_next = True

    def reset(self, raw: Any = None) -> None:
        self._seen = set()
        self._previous = set()
        self._trust_next = True  # a resumed pull restarts at its page: at-least-once in this mode

    def keys(self, records: Sequence[Any], prefix: str) -> list[Any]:
        return [
            (r.get("encodedKey") or r.get("id")) if isinstance(r, dict) else None for r in records
        ]

    def anchored(self, offset: int, keys: list[Any]) -> bool:
        ok = offset == 0 or self._trust_next or not self._previous.isdisjoint(keys)
        self._trust_next = False
        if ok:
            self._previous = {k for k in keys if k is not None}
        return ok

    def fresh(self, records: Sequence[Any], keys: list[Any]) -> list[Any]:
        """The page's records not seen before (and those without a key)."""
        out: list[Any] = []
        seen = self._seen
        for record, key in zip(records, keys, strict=True):
            if key is None:
                out.append(record)
            elif key not in seen:
                seen.add(key)
                out.append(record)
        return out

    def handed(self, record: Any) -> Any:
        return None  # no key order to resume from: a resumed pull restarts at its page


class _Pull:
    """The state of one pull; :meth:`pages` is the async generator behind :class:`PagedStream`.

    It yields each page's new records as one list (the stream hands them out one by one), so the
    per-record cost is a list index, not a trip through nested async generators.
    """

    def __init__(
        self,
        ops: PageSource,
        prefix: str,
        plan: PullPlan,
        *,
        filters: dict[str, Any] | None,
        filterCriteria: list[dict[str, Any]] | None,
        detailsLevel: str,
        concurrency: int,
        page_size: int,
        overlap: int | None,
        window: dt.timedelta | None,
        date_field: str | None,
        resume: CursorState,
        on_page: Callable[[PageInfo], None] | None,
        max_rereads: int,
    ) -> None:
        self.ops = ops
        self.prefix = prefix
        self.plan = plan
        self.filters = filters
        self.filter_criteria = filterCriteria
        self.details_level = detailsLevel
        self.concurrency = concurrency
        self.limit = page_size
        # Without an explicit overlap, pages share one record until the first drift, then the default.
        self.drift_overlap = overlap or max(1, min(DEFAULT_OVERLAP, page_size // 10))
        self.overlap = overlap or 1
        self.step = page_size - self.overlap
        self.window_size = window
        self.date_field = date_field
        self.state = resume
        self.on_page = on_page
        self.max_rereads = max_rereads
        self.tracker: _KeyTracker | _SeenTracker = (
            _KeyTracker(plan) if plan.key_field is not None else _SeenTracker()
        )
        self.rereads = 0
        self._pending: deque[tuple[int, asyncio.Task[FetchedPage]]] = deque()
        self._live: set[asyncio.Task[Any]] = set()  # tasks whose failure fails the pull
        self._tasks: set[asyncio.Task[Any]] = set()  # every task not finished yet
        self._error: BaseException | None = None
        self._failure: asyncio.Future[None] | None = None
        self._closed = False
        self._window: _Window | None = None
        self._next_offset = 0
        self._offset = resume.offset
        self._last_key: Any = resume.last_key

    # -- cursor ---------------------------------------------------------------------------------

    def cursor(self, handed: Any = _NOTHING) -> str:
        """The token for the current position; ``handed``: the last record handed out of the page
        being delivered (``_NOTHING`` when none of it was)."""
        last_key = self._last_key if handed is _NOTHING else self.tracker.handed(handed)
        window = self._window.lower.isoformat() if self._window else self.state.window
        return attrs.evolve(self.state, window=window, offset=self._offset, last_key=last_key).encode()

    def handed_out(self, record: Any) -> None:
        """``record`` (of the page being delivered) was the last one handed out before the stream
        stopped: keep the cursor right after it."""
        self._last_key = self.tracker.handed(record)

    # -- task management ------------------------------------------------------------------------

    def _criteria(self) -> list[dict[str, Any]] | None:
        if self._window is None:
            return self.filter_criteria
        return [*(self.filter_criteria or []), self._window.criteria()]

    def _ahead(self) -> int:
        """Pages to keep requested ahead: the pull's concurrency, or the connector's current limit
        when that is lower (``max_concurrency="auto"``)."""
        limit = getattr(self.ops, "concurrency_limit", None)
        return min(self.concurrency, limit) if isinstance(limit, int) and limit > 0 else self.concurrency

    def _schedule(self, *, with_total: bool = False) -> None:
        offset = self._next_offset
        self._next_offset += self.step
        task = asyncio.ensure_future(self._fetch(offset, self._criteria(), with_total))
        self._live.add(task)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        self._pending.append((offset, task))

    async def _fetch(
        self, offset: int, criteria: list[dict[str, Any]] | None, with_total: bool
    ) -> FetchedPage:
        return await self.ops.fetch_page(
            self.prefix,
            offset=offset,
            limit=self.limit,
            search=self.plan.search,
            filters=self.filters,
            sortBy=self.plan.sortBy,
            filterCriteria=criteria,
            sortingCriteria=self.plan.sortingCriteria,
            detailsLevel=self.details_level,
            with_total=with_total,  # only a window's first page asks (the count costs the tenant a query)
            decode_later=True,  # decoded in delivery order: pages waiting their turn stay compact
        )

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        live = task in self._live
        self._live.discard(task)
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()  # always retrieved, so a dropped page's failure is never logged as lost
        if exc is None or not live or self._error is not None:
            return
        self._error = exc
        if self._failure is not None and not self._failure.done():
            self._failure.set_result(None)
        self._cancel(list(self._live))

    def _cancel(self, tasks: Sequence[asyncio.Task[Any]]) -> None:
        """Cancel each task once (a failure, then the close, would otherwise cancel it twice)."""
        for task in tasks:
            self._live.discard(task)
            if not task.done() and not task.cancelling():
                task.cancel()

    def _drop_pending(self) -> list[asyncio.Task[FetchedPage]]:
        dropped = [task for _, task in self._pending]
        self._pending.clear()
        self._cancel(dropped)
        return dropped

    async def _result(self, task: asyncio.Task[FetchedPage]) -> FetchedPage | None:
        """The page, ``None`` once closed; the first failure of any page is raised at once."""
        if not task.done() and self._error is None:
            if self._failure is None:
                self._failure = asyncio.get_running_loop().create_future()
            await asyncio.wait((task, self._failure), return_when=asyncio.FIRST_COMPLETED)
        if self._error is not None:
            raise self._error
        if self._closed:
            return None
        return task.result()

    def close_now(self) -> list[asyncio.Task[Any]]:
        """Stop: cancel every request in flight and wake the consumer; the tasks to wait for."""
        self._closed = True
        self._pending.clear()
        tasks = list(self._tasks)
        self._cancel(tasks)
        if self._failure is not None and not self._failure.done():
            self._failure.set_result(None)
        return tasks

    # -- the pull -------------------------------------------------------------------------------

    async def _windows(self) -> list[_Window | None]:
        if self.window_size is None:
            return [None]
        assert self.date_field is not None
        bounds: list[dt.datetime] = []
        for order in ("ASC", "DESC"):
            page = await self.ops.fetch_page(
                self.prefix,
                offset=0,
                limit=1,
                search=True,
                filterCriteria=self.filter_criteria,
                sortingCriteria={"field": self.date_field, "order": order},
                detailsLevel="BASIC",
            )
            records = list(page.records)
            if not records:
                return []
            bounds.append(_parse_date(records[0].get(self.date_field), self.prefix))
        first, last = bounds
        lower = first - dt.timedelta(seconds=1)
        if self.state.window is not None:
            lower = _parse_date(self.state.window, "cursor")
        windows: list[_Window | None] = []
        while lower < last:
            upper = lower + self.window_size
            windows.append(_Window(lower, upper, self.date_field))
            lower = upper
        return windows

    async def pages(self) -> AsyncGenerator[list[Any], None]:
        """Each page's new records (never an empty list), in delivery order."""
        try:
            if self.state.done:
                return
            windows = await self._windows()
            start_offset = self.state.offset
            self.tracker.reset(self.state.last_key)
            for window in windows:
                self._window = window
                async with contextlib.aclosing(self._pull_window(start_offset)) as pages:
                    async for page in pages:
                        yield page
                if self._closed:
                    return
                start_offset = 0
                self.tracker.reset()
                self._last_key = None
            self._window = None
            self.state = attrs.evolve(self.state, window=None, done=True)
        finally:
            tasks = self.close_now()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)

    async def _pull_window(self, start_offset: int) -> AsyncGenerator[list[Any], None]:
        self._next_offset = self._offset = start_offset
        self._schedule(with_total=True)  # lazy fan-out: the first page alone, with the match count
        horizon: int | None = None  # no page is requested at or past the count, unless the data grew
        back = 0
        previous: tuple[int, list[Any]] | None = None
        identical = 0
        window_label = self._window.lower.isoformat() if self._window else None
        while self._pending:
            offset, task = self._pending.popleft()
            page = await self._result(task)
            if page is None:
                return
            records = page.records
            keys = self.tracker.keys(records, self.prefix)
            if offset == start_offset and horizon is None and page.total is not None:
                horizon = page.total
            if not self.tracker.anchored(offset, keys):
                self._reread(offset, page, window_label)
                self.overlap = self.drift_overlap  # the data moves: wider overlaps absorb small shifts
                self.step = self.limit - self.overlap
                back = max(2 * back, 2 * self.overlap)
                self._drop_pending()
                self._next_offset = max(0, offset - back)
                self._schedule()
                continue
            back = 0
            full = len(records) == self.limit
            if full:
                ahead = self._ahead()
                while len(self._pending) < ahead and (horizon is None or self._next_offset < horizon):
                    self._schedule()
                if not self._pending:  # a full page at the count: the data grew, read on
                    self._schedule()
            else:
                self._drop_pending()
            if full and previous is not None and previous[0] != offset and previous[1] == keys:
                identical += 1
                if identical >= _IDENTICAL_PAGES_LIMIT:
                    raise MambuPaginationError(
                        f"{self.prefix}: the server returns the same page for every offset"
                    )
            else:
                identical = 0
            previous = (offset, keys)
            fresh = self._fresh(records, keys)
            self._emit(offset, page, len(fresh), window_label)
            self._offset = offset
            if fresh:
                yield fresh  # the stream hands these out; the cursor follows it (PagedStream.cursor)
            self._last_key = self.tracker.last_raw

    def _fresh(self, records: Sequence[Any], keys: list[Any]) -> list[Any]:
        """The page's new records (past the high-water key, inside the window)."""
        fresh = self.tracker.fresh(records, keys)
        window = self._window
        return fresh if window is None else [record for record in fresh if window.holds(record)]

    def _reread(self, offset: int, page: FetchedPage, window_label: str | None) -> None:
        self.rereads += 1
        if self.rereads > self.max_rereads:
            raise MambuPaginationError(
                f"{self.prefix}: the result kept shifting under the pull ({self.rereads} re-reads); "
                "retry later or pull in creationDate windows"
            )
        if self.on_page is not None:
            self.on_page(
                PageEvent(
                    self.prefix, offset, len(page.records), page.latency, page.retries, self.limit,
                    0, True, window_label,
                )
            )

    def _emit(self, offset: int, page: FetchedPage, delivered: int, window_label: str | None) -> None:
        if self.on_page is not None:
            self.on_page(
                PageEvent(
                    self.prefix, offset, len(page.records), page.latency, page.retries, self.limit,
                    delivered, False, window_label,
                )
            )


def _parse_date(raw: Any, where: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(raw))
    except ValueError as exc:
        raise MambuPaginationError(f"{where}: {raw!r} is not an ISO date-time") from exc
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


class PagedStream:
    """The :class:`~mambu_async.connector.base.EntityStream` of one pull.

    ``async for`` it; ``break`` then ``await stream.aclose()`` (or use ``async with``) to cancel the
    requests in flight at once; dropping an unfinished stream cancels them when it is collected.
    ``cursor`` is valid at any moment and resumes right after the last record handed out.
    """

    def __init__(self, pull: _Pull) -> None:
        self._pull = pull
        self._agen = pull.pages()
        self._page: list[Any] = []  # the new records of the page being handed out
        self._next = 0  # how many of them were handed out
        self._convert: Callable[[Any], Any] | None = None

    def map_records(self, convert: Callable[[Any], Any]) -> PagedStream:
        """Hand out ``convert(record)`` instead of each record (an entity over it, say), in the same
        step; the cursor still follows the records. Call before iterating; returns the stream."""
        previous = self._convert
        self._convert = convert if previous is None else lambda record: convert(previous(record))
        return self

    def __aiter__(self) -> PagedStream:
        return self

    async def __anext__(self) -> Any:
        index = self._next
        page = self._page
        if index >= len(page):
            # The page is used up: from here the cursor is the pull's own (the generator moves it on).
            self._page = []
            self._next = index = 0
            page = self._page = await self._agen.__anext__()
        self._next = index + 1
        convert = self._convert
        return page[index] if convert is None else convert(page[index])

    def _handed(self) -> Any:
        return self._page[self._next - 1] if self._next else _NOTHING

    async def aclose(self) -> None:
        """Cancel every request in flight and end the stream."""
        if self._next:
            self._pull.handed_out(self._page[self._next - 1])
        self._page = []
        self._next = 0
        tasks = self._pull.close_now()
        # RuntimeError: closed from another task while the consumer waits; the consumer wakes and ends.
        with contextlib.suppress(RuntimeError):
            await self._agen.aclose()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def __aenter__(self) -> PagedStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    @property
    def cursor(self) -> str:
        """Opaque token: pass it as ``cursor=`` to continue after the last record handed out."""
        return self._pull.cursor(self._handed())

    @property
    def rereads(self) -> int:
        """How many pages were read again because the result shifted during the pull."""
        return self._pull.rereads


def iterate_entities(
    ops: PageSource,
    prefix: str,
    *,
    filters: dict[str, Any] | None = None,
    filterCriteria: list[dict[str, Any]] | None = None,
    sortingCriteria: dict[str, Any] | None = None,
    sortBy: str | None = None,
    detailsLevel: str = "BASIC",
    concurrency: int | None = None,
    page_size: int | None = None,
    cursor: str | None = None,
    on_page: Callable[[PageInfo], None] | None = None,
    window: dt.timedelta | None = None,
    overlap: int | None = None,
    max_rereads: int = 100,
) -> PagedStream:
    """Stream every ``prefix`` record matching the query, exactly once, in a stable order.

    Not awaited: the first request goes out on the first ``__anext__``. Invalid arguments raise
    :class:`~mambu_async.errors.MambuValidationError` here, before any request. ``concurrency``
    defaults to (and never exceeds) the connector's ``max_concurrency``; ``page_size`` to its
    ``page_size`` (at most 1000). ``window`` partitions a ``:search`` pull into ``creationDate``
    windows of that length. ``cursor`` continues a previous pull of the same query.
    """
    prefix = require_prefix(prefix)
    detailsLevel = check_choice(detailsLevel, "detailsLevel", DETAILS_LEVELS)
    criteria = check_filter_criteria(filterCriteria)
    sorting = check_sorting_criteria(sortingCriteria)
    sortBy = check_sort_by(sortBy)
    render_filters(filters)
    plan = plan_pull(
        prefix, filters=filters, filterCriteria=criteria, sortingCriteria=sorting, sortBy=sortBy
    )
    limit_cap = _positive(getattr(ops, "max_concurrency", None))
    if concurrency is None:
        concurrency = limit_cap or DEFAULT_CONCURRENCY
    elif _positive(concurrency) is None:
        raise MambuValidationError(f"concurrency must be a positive integer, got {concurrency!r}")
    if limit_cap is not None:
        concurrency = min(concurrency, limit_cap)
    if page_size is None:
        page_size = min(_positive(getattr(ops, "page_size", None)) or MAX_PAGE_LIMIT, MAX_PAGE_LIMIT)
    if _positive(page_size) is None or not 2 <= page_size <= MAX_PAGE_LIMIT:
        raise MambuValidationError(f"page_size must be between 2 and {MAX_PAGE_LIMIT}, got {page_size!r}")
    if overlap is not None and (_positive(overlap) is None or overlap >= page_size):
        raise MambuValidationError(f"overlap must be between 1 and page_size - 1, got {overlap!r}")
    date_field = strategy_for(prefix).date_field
    if window is not None:
        if not isinstance(window, dt.timedelta) or window < dt.timedelta(seconds=1):
            raise MambuValidationError("window must be a timedelta of at least one second")
        if not plan.search or date_field is None:
            raise MambuValidationError(f"{prefix}: creationDate windows need a :search pull")
    if not isinstance(max_rereads, int) or max_rereads < 0:
        raise MambuValidationError("max_rereads must be a non-negative integer")
    fingerprint = query_fingerprint(
        {
            "prefix": prefix,
            "filters": filters,
            "filterCriteria": criteria,
            "sortingCriteria": plan.sortingCriteria,
            "sortBy": plan.sortBy,
            "window": window.total_seconds() if window else None,
        }
    )
    resume = CursorState.decode(cursor, fingerprint) if cursor is not None else CursorState(fingerprint)
    pull = _Pull(
        ops,
        prefix,
        plan,
        filters=filters,
        filterCriteria=criteria,
        detailsLevel=detailsLevel,
        concurrency=concurrency,
        page_size=page_size,
        overlap=overlap,
        window=window,
        date_field=date_field,
        resume=resume,
        on_page=on_page,
        max_rereads=max_rereads,
    )
    return PagedStream(pull)


def _positive(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value
