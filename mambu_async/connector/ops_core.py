"""The core every connector operation stands on: sending one request with retries, mapping errors, decoding.

:class:`OperationsCore` sends an :class:`~mambu_async.connector.wire.ApiRequest` through the abstract
``_send`` under the per-connector concurrency limit and the retry policy (``connector/retry.py``), maps a
status >= 400 to the ``MambuError`` tree and decodes JSON with ``_json.loads``. The operation mixins
(``ops_*.py``) and :class:`~mambu_async.connector.operations.MambuOperations` build their requests on it.
"""

from __future__ import annotations

import copy
import logging
import time
from abc import abstractmethod
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Self
from urllib.parse import quote, urlencode

import attrs
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from mambu_async import _json
from mambu_async._redact import redact_url
from mambu_async.connector import validation as v
from mambu_async.connector.base import JSON, MambuConnector, RequestTimeout
from mambu_async.connector.limiter import DEFAULT_AUTO_CAP, ConcurrencyLimiter, PoolTimeout
from mambu_async.connector.retry import (
    RetryPolicy,
    check_idempotency_key,
    connection_error,
    current_idempotency_key,
    is_account_blocked,
    new_idempotency_key,
    parse_retry_after,
    replays_safely,
    request_was_sent,
)
from mambu_async.connector.streamed import StreamedResponse
from mambu_async.connector.wire import ApiRequest, ApiResponse
from mambu_async.errors import (
    MambuConnectionError,
    MambuError,
    MambuResponseError,
    decode_error_body,
    error_for_status,
)

__all__ = ["OperationsCore", "drop_none", "entity_path", "esc", "header", "query_params"]

logger = logging.getLogger("mambu_async")

_GATEWAY_STATUSES = frozenset({502, 503, 504})


def esc(entid: Any, name: str = "entid") -> str:
    """A required id escaped for a path segment (``quote(id, safe="")``)."""
    return quote(v.require_id(entid, name), safe="")


def entity_path(prefix: str, entid: Any) -> str:
    """``/{prefix}/{entid}`` with the prefix checked and the id escaped."""
    return f"/{v.require_prefix(prefix)}/{esc(entid)}"


def header(response: ApiResponse, name: str) -> str | None:
    """The response header ``name``, looked up case-insensitively."""
    value = response.headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, item in response.headers.items():
        if key.lower() == lowered:
            return item
    return None


def query_params(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """Query pairs with ``None`` values dropped and ints rendered."""
    return tuple((k, val if isinstance(val, str) else str(val)) for k, val in pairs if val is not None)


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` without the ``None`` entries (``None`` parameters are never sent)."""
    return {k: val for k, val in values.items() if val is not None}


def _request_kind(request: ApiRequest) -> str:
    """What latencies are compared within: method, endpoint (not the id) and page limit."""
    segments = request.path.split("/", 3)
    endpoint = segments[1] if len(segments) > 1 else ""
    limit = next((value for name, value in request.params if name == "limit"), "")
    return f"{request.method} {endpoint} {limit}"


class OperationsCore(MambuConnector):
    """Sending, retries, error mapping and decoding over the abstract :meth:`_send`.

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
        max_concurrency: int | str = 8,
        page_size: int = 1000,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        random: Callable[[], float] | None = None,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        pool_timeout: float | None = 30.0,
        auto_concurrency_cap: int = DEFAULT_AUTO_CAP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limiter = ConcurrencyLimiter(
            max_concurrency, cap=auto_concurrency_cap, pool_timeout=pool_timeout, clock=clock
        )
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
        #: The most requests this connector ever has in flight (the hard cap with ``"auto"``).
        self.max_concurrency = self._limiter.cap
        self.page_size = min(page_size, v.MAX_PAGE_LIMIT)

    @property
    def concurrency_limit(self) -> int:
        """The requests allowed in flight right now (moves between 1 and ``max_concurrency`` with
        ``max_concurrency="auto"``; the fixed limit otherwise)."""
        return self._limiter.limit

    # ------------------------------------------------------------------ per-call options

    def with_options(self, *, timeout: RequestTimeout | None = None, max_retries: int | None = None) -> Self:
        """A copy of this connector that shares its transport and its concurrency limit (so the one
        limit still covers every request), with ``timeout`` and/or ``max_retries`` changed."""
        clone = copy.copy(self)
        clone._share_transport()
        if max_retries is not None:
            clone.retry_policy = attrs.evolve(self.retry_policy, max_retries=max_retries)
        if timeout is not None:
            clone._set_timeout(timeout)
        return clone

    def _share_transport(self) -> None:
        """Called on a :meth:`with_options` copy: it must never close what it shares."""

    @abstractmethod
    def _set_timeout(self, timeout: Any) -> None:
        """Check ``timeout`` (seconds or an ``httpx.Timeout``) and use it for every later request."""

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
        retry_after = parse_retry_after(header(response, "retry-after"))
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

    async def _execute(
        self, request: ApiRequest, send: Callable[[ApiRequest], Awaitable[ApiResponse]] | None = None
    ) -> tuple[ApiResponse, int]:
        """Send ``request`` with retries; the final response (status < 400) and the retries taken.

        ``send`` replaces :meth:`_send` for one attempt (a download opens a streamed response).
        """
        policy = self.retry_policy
        send_once = send or self._send
        attempts = 0
        maybe_applied = False
        starved: BaseException | None = None  # no slot in time: raised at once, never retried
        kind = _request_kind(request)

        async def attempt() -> ApiResponse:
            nonlocal attempts, maybe_applied, starved
            attempts += 1
            started = time.perf_counter()
            try:
                response = await self._send_in_slot(send_once, request, kind)
            except PoolTimeout as exc:
                starved = connection_error(
                    str(exc), sent=False, timeout=True, method=request.method, url=self._describe_url(request)
                )
                raise starved from None
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

        replayable = replays_safely(request.method, request.path, request.idempotency_key)

        def should_retry(exc: BaseException) -> bool:
            if exc is starved:
                return False
            return policy.should_retry(exc, retry_safe=request.retry_safe, replayable=replayable)

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
        failure: MambuError | None = None
        try:
            response: ApiResponse = await retrying(attempt)
        except MambuError as exc:
            failure = exc
        if failure is not None:
            # Raised afresh, outside tenacity: its traceback starts here instead of running through
            # tenacity's frames, and its cause stays the last transport error (if any).
            raise failure.with_traceback(None)
        return response, attempts - 1

    async def _send_in_slot(
        self, send: Callable[[ApiRequest], Awaitable[ApiResponse]], request: ApiRequest, kind: str
    ) -> ApiResponse:
        """One attempt inside a slot of the concurrency limit (waiting at most ``pool_timeout`` for it);
        a streamed body keeps the slot (and its connection) until it is closed."""
        slot = self._limiter.slot(kind)
        await slot.acquire()
        try:
            response = await send(request)
        except BaseException as exc:
            slot.release(exc)
            raise
        slot.status = response.status_code
        if isinstance(response, StreamedResponse):
            return response.releasing(slot)
        slot.release()
        return response

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
        except (_json.DecodeError, UnicodeDecodeError, RecursionError):
            raise MambuResponseError(
                "Mambu answered with a body that is not valid JSON (or nested too deeply)",
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

    async def _post(self, path: str, body: Mapping[str, Any] | None, idempotency_key: str | None) -> JSON:
        """Send a POST write with its idempotency key (the same on every attempt) and decode the answer."""
        request = ApiRequest(
            "POST",
            path,
            body=None if body is None else _json.dumps(body),
            idempotency_key=self._idempotency_key(idempotency_key),
            retry_safe=True,
        )
        return await self._call(request)
