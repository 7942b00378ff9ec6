"""Every ``mambu_*`` operation, once, over an abstract ``_send`` (the shared connector layer).

:class:`MambuOperations` validates the arguments (``connector/validation.py``), builds one
:class:`~mambu_async.connector.wire.ApiRequest` per call (path relative to ``/api``, ids escaped with
``quote(id, safe="")``, ``None`` parameters dropped, bodies rendered with ``_json.dumps``), sends it
through ``_send`` under the per-connector concurrency limit and the retry policy
(``connector/retry.py``), maps a status >= 400 to the ``MambuError`` tree and decodes JSON with
``_json.loads``. ``MambuConnectorREST`` implements ``_send`` over httpx and ``FakeConnector`` over
``FakeMambu``, so both behave identically.

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
import base64
import binascii
import logging
import mimetypes
import os
import time
from abc import abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import attrs
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from mambu_async import _json
from mambu_async._redact import redact_url
from mambu_async.connector import validation as v
from mambu_async.connector.base import (
    JSON,
    DocumentSource,
    EntityStream,
    MambuConnector,
    PageInfo,
    PatchOperation,
)
from mambu_async.connector.retry import (
    RetryPolicy,
    check_idempotency_key,
    current_idempotency_key,
    is_account_blocked,
    new_idempotency_key,
    parse_retry_after,
    request_was_sent,
)
from mambu_async.connector.wire import ApiRequest, ApiResponse, UploadFile
from mambu_async.errors import (
    MambuConnectionError,
    MambuError,
    MambuResponseError,
    decode_error_body,
    error_for_status,
)

__all__ = ["MambuOperations", "Page"]

logger = logging.getLogger("mambu_async")

_GATEWAY_STATUSES = frozenset({502, 503, 504})

#: List endpoints whose OpenAPI operation declares no ``detailsLevel`` (``GET /loanproducts`` in
#: loanproducts.json). The default BASIC is left out there rather than sent as an undeclared parameter
#: (a strict server refuses those with ``PARAMETER_NOT_ALLOWED``); FULL is still sent when asked for.
_LISTS_WITHOUT_DETAILS_LEVEL = frozenset({"loanproducts"})


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


def _esc(entid: Any, name: str = "entid") -> str:
    return quote(v.require_id(entid, name), safe="")


def _header(response: ApiResponse, name: str) -> str | None:
    value = response.headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, item in response.headers.items():
        if key.lower() == lowered:
            return item
    return None


def _params(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """Query pairs with ``None`` values dropped and ints rendered."""
    return tuple((k, val if isinstance(val, str) else str(val)) for k, val in pairs if val is not None)


class MambuOperations(MambuConnector):
    """The shared implementation of every connector operation over :meth:`_send`.

    Subclasses implement ``_send`` (one attempt, no retries, no error mapping: return whatever status
    came back, raise a :class:`~mambu_async.errors.MambuConnectionError` built with
    :func:`~mambu_async.connector.retry.connection_error` when no response came). ``sleep`` and
    ``random`` drive the backoff and exist so tests never wait.
    """

    def __init__(
        self,
        *,
        max_retries: int = 3,
        retry_after_cap: float = 60.0,
        max_concurrency: int = 8,
        page_size: int = 1000,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        random: Callable[[], float] | None = None,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
    ) -> None:
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
            raise v.fail(f"max_concurrency must be a positive integer, got {max_concurrency!r}")
        if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise v.fail(f"page_size must be a positive integer, got {page_size!r}")
        policy_kwargs: dict[str, Any] = {}
        if sleep is not None:
            policy_kwargs["sleep"] = sleep
        if random is not None:
            policy_kwargs["random"] = random
        self.retry_policy = RetryPolicy(
            max_retries=max_retries,
            retry_after_cap=retry_after_cap,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            **policy_kwargs,
        )
        self.max_concurrency = max_concurrency
        self.page_size = min(page_size, v.MAX_PAGE_LIMIT)
        self._limiter = asyncio.Semaphore(max_concurrency)

    # ------------------------------------------------------------------ transport seam

    @abstractmethod
    async def _send(self, request: ApiRequest) -> ApiResponse:
        """Send one attempt of ``request`` and return the response as it came."""

    def _describe_url(self, request: ApiRequest) -> str:
        """The request's URL for errors and logs (secrets masked); transports may make it absolute."""
        query = f"?{urlencode(request.params)}" if request.params else ""
        return redact_url(f"/api{request.path}{query}")

    # ------------------------------------------------------------------ sending, retries, decoding

    def _error(self, request: ApiRequest, response: ApiResponse) -> MambuError:
        body = decode_error_body(response.content)
        retry_after = parse_retry_after(_header(response, "retry-after"))
        error = error_for_status(
            response.status_code,
            body,
            method=request.method,
            url=self._describe_url(request),
            retry_after=retry_after,
        )
        if retry_after is not None and not hasattr(error, "retry_after"):
            # A 503 may carry Retry-After too; the policy reads it from the error.
            setattr(error, "retry_after", retry_after)  # noqa: B010
        return error

    async def _execute(self, request: ApiRequest) -> tuple[ApiResponse, int]:
        """Send ``request`` with retries; the final response (status < 400) and the retries taken."""
        policy = self.retry_policy
        attempts = 0
        maybe_applied = False

        async def attempt() -> ApiResponse:
            nonlocal attempts, maybe_applied
            attempts += 1
            started = time.perf_counter()
            try:
                async with self._limiter:
                    response = await self._send(request)
            except MambuConnectionError as exc:
                maybe_applied = maybe_applied or request_was_sent(exc)
                logger.debug("%s %s failed: %s", request.method, self._describe_url(request), exc.message)
                raise
            logger.debug(
                "%s %s -> %d (%.3fs)",
                request.method,
                self._describe_url(request),
                response.status_code,
                time.perf_counter() - started,
            )
            if response.status_code == 404 and request.method == "DELETE" and maybe_applied:
                logger.info(
                    "%s %s: 404 after a lost response; the earlier attempt deleted it",
                    request.method,
                    self._describe_url(request),
                )
                return ApiResponse(204, {}, b"")
            if response.status_code < 200:
                raise self._still_processing(request, response)
            if response.status_code >= 400:
                error = self._error(request, response)
                if response.status_code in _GATEWAY_STATUSES and not is_account_blocked(error):
                    maybe_applied = True
                raise error
            return response

        def should_retry(exc: BaseException) -> bool:
            return policy.should_retry(exc, retry_safe=request.retry_safe)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome is not None else None
            return policy.wait_for(exc, state.attempt_number)

        def log_retry(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome is not None else None
            delay = state.next_action.sleep if state.next_action is not None else 0.0
            status = getattr(exc, "status_code", None)
            logger.warning(
                "retrying %s %s in %.2fs (attempt %d of %d) after %s%s",
                request.method,
                self._describe_url(request),
                delay,
                state.attempt_number + 1,
                policy.max_retries + 1,
                type(exc).__name__,
                f" [{status}]" if status is not None else "",
            )

        retrying = AsyncRetrying(
            stop=stop_after_attempt(policy.max_retries + 1),
            retry=retry_if_exception(should_retry),
            wait=wait,
            sleep=policy.sleep,
            before_sleep=log_retry,
            reraise=True,
        )
        response: ApiResponse = await retrying(attempt)
        return response, attempts - 1

    def _still_processing(self, request: ApiRequest, response: ApiResponse) -> MambuResponseError:
        """A final 1xx: Mambu's ``102 Processing`` ("already submitted and currently being processed, try
        again later"). Retried like a 503 when the request is retry-safe (a POST with its key); the write
        may or may not have happened, so it is never taken for a result."""
        return MambuResponseError(
            f"Mambu is still processing this request (HTTP {response.status_code}); try again later",
            status_code=response.status_code,
            method=request.method,
            url=self._describe_url(request),
            body=decode_error_body(response.content),
        )

    def _decode(self, request: ApiRequest, response: ApiResponse) -> JSON:
        """The decoded JSON body (``None`` for 204 or an empty body)."""
        if response.status_code == 204 or not response.content.strip():
            return None
        try:
            return _json.loads(response.content)
        except (_json.DecodeError, UnicodeDecodeError):
            raise MambuResponseError(
                "Mambu answered with a body that is not valid JSON",
                status_code=response.status_code,
                method=request.method,
                url=self._describe_url(request),
                body=response.content.decode("utf-8", errors="replace"),
            ) from None

    def _unexpected(self, request: ApiRequest, response: ApiResponse, body: Any, what: str) -> MambuError:
        return MambuResponseError(
            f"expected {what} from Mambu, got {type(body).__name__}",
            status_code=response.status_code,
            method=request.method,
            url=self._describe_url(request),
            body=body,
        )

    async def _call(self, request: ApiRequest) -> JSON:
        response, _ = await self._execute(request)
        return self._decode(request, response)

    async def _call_object(self, request: ApiRequest) -> dict[str, Any]:
        response, _ = await self._execute(request)
        body = self._decode(request, response)
        if not isinstance(body, dict):
            raise self._unexpected(request, response, body, "a JSON object")
        return body

    async def _call_list(self, request: ApiRequest) -> list[JSON]:
        response, _ = await self._execute(request)
        body = self._decode(request, response)
        if not isinstance(body, list):
            raise self._unexpected(request, response, body, "a JSON array")
        return body

    # ------------------------------------------------------------------ request building helpers

    @staticmethod
    def _idempotency_key(explicit: str | None) -> str:
        if explicit is not None:
            return check_idempotency_key(explicit)
        return current_idempotency_key() or new_idempotency_key()

    def _post_write(
        self,
        path: str,
        body: Mapping[str, Any] | None,
        idempotency_key: str | None,
    ) -> ApiRequest:
        return ApiRequest(
            "POST",
            path,
            body=None if body is None else _json.dumps(body),
            idempotency_key=self._idempotency_key(idempotency_key),
            retry_safe=True,
        )

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
        return _params(
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
        body = self._decode(request, response)
        if not isinstance(body, list):
            raise self._unexpected(request, response, body, "a JSON array")
        total: int | None = None
        if with_total:
            raw = _header(response, "items-total")
            try:
                total = int(raw) if raw is not None else None
            except ValueError:
                total = None
            if total is not None and total < 0:
                total = None
        return Page(records=body, total=total, retries=retries, latency=time.perf_counter() - started)

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
    ) -> Page:
        """One page at ``offset`` of at most ``limit`` (<= 1000) records, for the streaming pull engine.

        ``search=True`` sends ``POST /{prefix}:search`` with ``filterCriteria``/``sortingCriteria``;
        otherwise ``GET /{prefix}`` with ``filters``/``sortBy``. ``with_total`` asks for
        ``paginationDetails=ON`` and reads ``items-total``.
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
        return await self._fetch(request, with_total=with_total)

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

    # ------------------------------------------------------------------ readers

    async def mambu_get(self, entid: str, prefix: str, detailsLevel: str = "BASIC") -> JSON:
        """``GET /{prefix}/{entid}?detailsLevel=``: one entity by id or encodedKey."""
        path = f"/{v.require_prefix(prefix)}/{_esc(entid)}"
        level = v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
        return await self._call_object(ApiRequest("GET", path, _params(("detailsLevel", level))))

    async def mambu_get_all(
        self,
        prefix: str,
        filters: dict[str, Any] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
        detailsLevel: str = "BASIC",
        sortBy: str | None = None,
        **kwargs: Any,
    ) -> list[JSON]:
        """``GET /{prefix}``: a list. ``limit=None`` (or 0, as in MambuPy) means every match; a limit
        above ``page_size`` is fetched in pages, every filter and sort on every page. Extra keyword
        arguments become query parameters (``None`` dropped; credentials refused)."""
        prefix = v.require_prefix(prefix)
        v.check_offset_limit(offset, limit)
        v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
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
            detailsLevel=detailsLevel,
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
        detailsLevel: str = "BASIC",
    ) -> list[JSON]:
        """``POST /{prefix}:search`` with ``{filterCriteria, sortingCriteria}``; paged like get_all."""
        prefix = v.require_prefix(prefix)
        v.check_offset_limit(offset, limit)
        v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        v.check_choice(detailsLevel, "detailsLevel", v.DETAILS_LEVELS)
        return await self._list(
            prefix,
            search=True,
            offset=offset,
            limit=limit,
            paginationDetails=paginationDetails,
            detailsLevel=detailsLevel,
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
        detailsLevel: str = "BASIC",
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
            detailsLevel=detailsLevel,
            concurrency=concurrency,
            page_size=page_size,
            cursor=cursor,
            on_page=on_page,
        )
        return stream

    async def mambu_get_documents_metadata(
        self,
        entid: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /documents/documentsMetadata?entity={owner_type}&ownerKey={entid}`` (one request)."""
        owner = v.require_id(entid)
        kind = v.check_choice(owner_type, "owner_type", v.OWNER_TYPES)
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        pagination = v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        params = _params(
            ("paginationDetails", pagination),
            ("entity", kind),
            ("ownerKey", owner),
            ("offset", offset),
            ("limit", limit),
        )
        return await self._call_list(ApiRequest("GET", "/documents/documentsMetadata", params))

    async def mambu_download_document(self, documentId: str) -> bytes:
        """``GET /documents/{documentId}``: the file's bytes.

        Mambu's v1 answers with a JSON string of base64 content (api-semantics §9.1); such a body is
        decoded. Any other body is the file itself (inferred for v2, which the sources do not show).
        """
        request = ApiRequest("GET", f"/documents/{_esc(documentId, 'documentId')}")
        response, _ = await self._execute(request)
        content = response.content
        content_type = (_header(response, "content-type") or "").lower()
        if "json" in content_type and content.lstrip().startswith(b'"'):
            text = self._decode(request, response)
            if isinstance(text, str):
                try:
                    return base64.b64decode(text, validate=True)
                except (binascii.Error, ValueError):
                    return text.encode("utf-8")
        return content

    async def mambu_loanaccount_getSchedule(self, loanid: str) -> JSON:
        """``GET /loans/{loanid}/schedule``."""
        return await self._call_object(ApiRequest("GET", f"/loans/{_esc(loanid, 'loanid')}/schedule"))

    async def mambu_get_customfield(self, customfieldid: str) -> JSON:
        """``GET /customfields/{customfieldid}``."""
        path = f"/customfields/{_esc(customfieldid, 'customfieldid')}"
        return await self._call_object(ApiRequest("GET", path))

    async def mambu_get_comments(
        self,
        owner_id: str,
        owner_type: str,
        offset: int | None = None,
        limit: int | None = None,
        paginationDetails: str = "OFF",
    ) -> list[JSON]:
        """``GET /comments?ownerType=&ownerKey=`` (one request)."""
        owner = v.require_id(owner_id, "owner_id")
        kind = v.check_choice(owner_type, "owner_type", v.OWNER_TYPES)
        v.check_offset_limit(offset, limit, max_limit=v.MAX_PAGE_LIMIT)
        pagination = v.check_choice(paginationDetails, "paginationDetails", v.PAGINATION_DETAILS)
        params = _params(
            ("paginationDetails", pagination),
            ("ownerType", kind),
            ("ownerKey", owner),
            ("offset", offset),
            ("limit", limit),
        )
        return await self._call_list(ApiRequest("GET", "/comments", params))

    # ------------------------------------------------------------------ writers

    async def mambu_update(self, entid: str, prefix: str, attrs: dict[str, Any]) -> JSON:
        """``PUT /{prefix}/{entid}`` with the complete document (retried: PUT is idempotent)."""
        path = f"/{v.require_prefix(prefix)}/{_esc(entid)}"
        body = v.check_body(attrs)
        return await self._call(ApiRequest("PUT", path, body=_json.dumps(body)))

    async def mambu_create(
        self, prefix: str, attrs: dict[str, Any], *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /{prefix}``: the created entity."""
        path = f"/{v.require_prefix(prefix)}"
        return await self._call(self._post_write(path, v.check_body(attrs), idempotency_key))

    async def mambu_patch(self, entid: str, prefix: str, fields: Sequence[PatchOperation]) -> JSON:
        """``PATCH /{prefix}/{entid}`` (``op`` upper-cased, ``path`` with a leading ``/``).

        Retried only when every operation is REPLACE or REMOVE (repeating ADD/MOVE may not be
        harmless) or when the request never reached the server.
        """
        path = f"/{v.require_prefix(prefix)}/{_esc(entid)}"
        ops = v.check_patch_ops(fields)
        safe = all(op["op"] in ("REPLACE", "REMOVE") for op in ops)
        return await self._call(ApiRequest("PATCH", path, body=_json.dumps(ops), retry_safe=safe))

    async def mambu_delete(self, entid: str, prefix: str) -> JSON:
        """``DELETE /{prefix}/{entid}`` (a retry answered 404 after a lost response counts as done)."""
        path = f"/{v.require_prefix(prefix)}/{_esc(entid)}"
        return await self._call(ApiRequest("DELETE", path))

    async def mambu_upload_document(
        self,
        owner_type: str,
        entid: str,
        filename: DocumentSource,
        name: str,
        notes: str | None = None,
        file_name: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /documents`` (multipart: ``ownerType``, ``id``, ``name``, ``notes``, ``file``)."""
        kind = v.check_choice(owner_type, "owner_type", v.OWNER_TYPES)
        owner = v.require_id(entid)
        title = v.check_text(name, "name", optional=False)
        text = v.check_text(notes, "notes")
        upload = await self._read_upload(filename, file_name)
        form = {"ownerType": kind, "id": owner, "name": title or ""}
        if text is not None:
            form["notes"] = text
        request = ApiRequest(
            "POST",
            "/documents",
            form=form,
            upload=upload,
            idempotency_key=self._idempotency_key(idempotency_key),
            retry_safe=True,
        )
        return await self._call(request)

    @staticmethod
    async def _read_upload(source: DocumentSource, file_name: str | None) -> UploadFile:
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            try:
                content = await asyncio.to_thread(path.read_bytes)
            except OSError as exc:
                raise v.fail(f"cannot read document {path.name!r}: {exc.strerror}") from exc
            name = file_name or path.name
        elif isinstance(source, bytes | bytearray):
            content = bytes(source)
            name = file_name or ""
        elif hasattr(source, "read"):
            data = await asyncio.to_thread(source.read)
            if not isinstance(data, bytes):
                raise v.fail("a document file object must be opened in binary mode")
            content = data
            raw_name = getattr(source, "name", None)
            name = file_name or (os.path.basename(raw_name) if isinstance(raw_name, str) else "")
        else:
            raise v.fail(f"cannot upload a {type(source).__name__}: pass a path, bytes or a binary file")
        v.check_document_file_name(name)
        v.check_document_size(len(content))
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return UploadFile(file_name=name, content=content, content_type=content_type)

    async def mambu_delete_document(self, documentId: str) -> JSON:
        """``DELETE /documents/{documentId}``."""
        return await self._call(ApiRequest("DELETE", f"/documents/{_esc(documentId, 'documentId')}"))

    async def mambu_change_state(
        self,
        entid: str,
        prefix: str,
        action: str,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /{prefix}/{entid}:changeState`` with ``{action, notes}``.

        Credit arrangements take ``{action, actionDetails: {notes}}`` (api-semantics §7.4).
        """
        prefix = v.require_prefix(prefix)
        path = f"/{prefix}/{_esc(entid)}:changeState"
        checked = v.check_state_action(prefix, action)
        text = v.check_text(notes, "notes")
        body: dict[str, Any] = {"action": checked}
        if text is not None:
            if prefix.split("/")[0] == "creditarrangements":
                body["actionDetails"] = {"notes": text}
            else:
                body["notes"] = text
        return await self._call(self._post_write(path, body, idempotency_key))

    async def mambu_action(
        self,
        entid: str,
        prefix: str,
        action: str,
        body: dict[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> JSON:
        """``POST /{prefix}/{entid}:{action}`` (``payOff``, ``lock``, ``startMaturity``, ...)."""
        path = f"/{v.require_prefix(prefix)}/{_esc(entid)}:{v.check_action_name(action)}"
        rendered = None if body is None else v.check_body(body, "body")
        return await self._call(self._post_write(path, rendered, idempotency_key))

    async def mambu_comment(
        self, owner_id: str, owner_type: str, text: str, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /comments`` with ``{ownerKey, ownerType, text}``."""
        body = {
            "ownerKey": v.require_id(owner_id, "owner_id"),
            "ownerType": v.check_choice(owner_type, "owner_type", v.OWNER_TYPES),
            "text": v.check_text(text, "text", optional=False),
        }
        return await self._call(self._post_write("/comments", body, idempotency_key))

    async def mambu_loanaccount_writeoff(
        self, loanid: str, notes: str | None = None, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /loans/{loanid}:writeOff`` with ``{notes}``."""
        path = f"/loans/{_esc(loanid, 'loanid')}:writeOff"
        body = _drop_none({"notes": v.check_text(notes, "notes")})
        return await self._call(self._post_write(path, body, idempotency_key))

    def _transaction_body(
        self,
        fields: Mapping[str, Any],
        kwargs: Mapping[str, Any],
        allowed_fields: Sequence[str] | None,
    ) -> dict[str, Any]:
        extra = v.pick_allowed(kwargs, allowed_fields)
        return v.check_body(_drop_none({**fields, **extra}), "transaction")

    async def mambu_make_disbursement(
        self,
        loan_id: str,
        firstRepaymentDate: Any = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/disbursement-transactions`` with ``{firstRepaymentDate, notes,
        valueDate, ...}`` (extra keyword fields such as ``amount``, ``bookingDate``, ``externalId``,
        ``transactionDetails``, ``fees``; limited to ``allowed_fields`` when given)."""
        path = f"/loans/{_esc(loan_id, 'loan_id')}/disbursement-transactions"
        fields = {
            "firstRepaymentDate": v.check_date(firstRepaymentDate, "firstRepaymentDate"),
            "notes": v.check_text(notes, "notes"),
            "valueDate": v.check_date(valueDate, "valueDate"),
        }
        if kwargs.get("amount") is not None:
            kwargs["amount"] = v.check_amount(kwargs["amount"])
        body = self._transaction_body(fields, kwargs, allowed_fields)
        return await self._call(self._post_write(path, body, idempotency_key))

    async def _money_transaction(
        self,
        path: str,
        amount: Any,
        notes: str | None,
        valueDate: Any,
        allowed_fields: Sequence[str] | None,
        idempotency_key: str | None,
        kwargs: Mapping[str, Any],
        *,
        extra_fields: Mapping[str, Any] | None = None,
        amount_required: bool = True,
    ) -> JSON:
        fields: dict[str, Any] = {
            "amount": v.check_amount(amount) if amount_required or amount is not None else None,
            **(extra_fields or {}),
            "notes": v.check_text(notes, "notes"),
        }
        if valueDate is not None:
            fields["valueDate"] = v.check_date(valueDate, "valueDate")
        body = self._transaction_body(fields, kwargs, allowed_fields)
        return await self._call(self._post_write(path, body, idempotency_key))

    async def mambu_make_repayment(
        self,
        loan_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/repayment-transactions`` with ``{amount, notes, valueDate, ...}``."""
        path = f"/loans/{_esc(loan_id, 'loan_id')}/repayment-transactions"
        return await self._money_transaction(
            path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs
        )

    async def mambu_make_fee(
        self,
        loan_id: str,
        amount: Any,
        installmentNumber: int | None = None,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /loans/{loan_id}/fee-transactions`` with ``{amount, installmentNumber, notes,
        valueDate, ...}``."""
        path = f"/loans/{_esc(loan_id, 'loan_id')}/fee-transactions"
        number = installmentNumber
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
            raise v.fail(f"installmentNumber must be a positive integer, got {installmentNumber!r}")
        return await self._money_transaction(
            path,
            amount,
            notes,
            valueDate,
            allowed_fields,
            idempotency_key,
            kwargs,
            extra_fields={"installmentNumber": installmentNumber},
        )

    async def mambu_loantransaction_adjust(
        self, transactionid: str, notes: str | None = None, *, idempotency_key: str | None = None
    ) -> JSON:
        """``POST /loans/transactions/{transactionid}:adjust`` with ``{notes}``."""
        path = f"/loans/transactions/{_esc(transactionid, 'transactionid')}:adjust"
        body = _drop_none({"notes": v.check_text(notes, "notes")})
        return await self._call(self._post_write(path, body, idempotency_key))

    async def mambu_make_deposit(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/deposit-transactions`` (``DepositTransactionInput``)."""
        path = f"/deposits/{_esc(deposit_id, 'deposit_id')}/deposit-transactions"
        return await self._money_transaction(
            path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs
        )

    async def mambu_make_withdrawal(
        self,
        deposit_id: str,
        amount: Any,
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/withdrawal-transactions``."""
        path = f"/deposits/{_esc(deposit_id, 'deposit_id')}/withdrawal-transactions"
        return await self._money_transaction(
            path, amount, notes, valueDate, allowed_fields, idempotency_key, kwargs
        )

    async def mambu_make_transfer(
        self,
        deposit_id: str,
        amount: Any,
        transferDetails: dict[str, Any],
        notes: str | None = None,
        valueDate: Any = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/transfer-transactions`` with ``transferDetails``
        ``{linkedAccountType: LOAN|DEPOSIT, linkedAccountId|linkedAccountKey}``."""
        path = f"/deposits/{_esc(deposit_id, 'deposit_id')}/transfer-transactions"
        details = v.check_body(transferDetails, "transferDetails")
        linked = details.get("linkedAccountType")
        v.check_choice(linked, "transferDetails.linkedAccountType", ("LOAN", "DEPOSIT"))
        if not details.get("linkedAccountId") and not details.get("linkedAccountKey"):
            raise v.fail("transferDetails needs linkedAccountId or linkedAccountKey")
        return await self._money_transaction(
            path,
            amount,
            notes,
            valueDate,
            allowed_fields,
            idempotency_key,
            kwargs,
            extra_fields={"transferDetails": details},
        )

    async def mambu_make_deposit_fee(
        self,
        deposit_id: str,
        amount: Any = None,
        notes: str | None = None,
        allowed_fields: Sequence[str] | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/{deposit_id}/fee-transactions`` (``amount`` optional with
        ``predefinedFeeKey``)."""
        path = f"/deposits/{_esc(deposit_id, 'deposit_id')}/fee-transactions"
        return await self._money_transaction(
            path, amount, notes, None, allowed_fields, idempotency_key, kwargs, amount_required=False
        )

    async def mambu_deposittransaction_adjust(
        self,
        transactionid: str,
        notes: str | None = None,
        *,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> JSON:
        """``POST /deposits/transactions/{transactionid}:adjust`` with ``{notes, bookingDate}``."""
        path = f"/deposits/transactions/{_esc(transactionid, 'transactionid')}:adjust"
        extra = v.pick_allowed(kwargs, ("bookingDate",))
        body = _drop_none(
            {
                "notes": v.check_text(notes, "notes"),
                "bookingDate": v.check_date(extra.get("bookingDate"), "bookingDate"),
            }
        )
        return await self._call(self._post_write(path, body, idempotency_key))


def _drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: val for k, val in values.items() if val is not None}
