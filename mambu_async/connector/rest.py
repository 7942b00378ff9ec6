"""``MambuConnectorREST``: the shared operation layer over httpx.

Ownership: the connector creates and closes its own ``httpx.AsyncClient`` (``transport=`` plugs a
transport into it, e.g. ``httpx.ASGITransport(app=emulator_app(fake))``). A client passed as
``http_client=`` is borrowed: used as is, never closed by the connector, and every request still gets
the connector's auth, headers, timeout and an absolute URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlencode

import httpx

from mambu_async._redact import redact_url
from mambu_async._version import __version__
from mambu_async.config import MambuAuth, MambuSettings, normalize_base_url
from mambu_async.connector.limiter import DEFAULT_AUTO_CAP
from mambu_async.connector.operations import MambuOperations
from mambu_async.connector.retry import connection_error
from mambu_async.connector.streamed import StreamedResponse
from mambu_async.connector.validation import fail
from mambu_async.connector.wire import ApiRequest, ApiResponse
from mambu_async.errors import MambuConnectionError, MambuError

__all__ = ["USER_AGENT", "MambuConnectorREST"]

logger = logging.getLogger("mambu_async")

USER_AGENT = f"mambu-async/{__version__}"
"""Sent on every request (Mambu refuses requests without one when its audit trail is on)."""


class MambuConnectorREST(MambuOperations):
    """A connector to a Mambu tenant (or the emulator) over HTTPS.

    ``base_url`` is the tenant URL (``https://acme.mambu.com``, with or without ``/api``); plain http
    only for loopback hosts. Credentials: ``api_key`` (sent in the ``apiKey`` header) or ``username``
    + ``password`` (Basic). ``timeout`` is a number of seconds (connect limited to 10 s) or an
    ``httpx.Timeout``; ``max_concurrency`` bounds the requests in flight (and sizes the connection
    pool): a number, or ``"auto"`` to find the tenant's limit by itself (AIMD between 1 and
    ``auto_concurrency_cap``, see ``connector/limiter.py``); a call waiting for a free slot raises
    ``MambuTimeoutError`` after ``pool_timeout`` seconds (``None``: no bound); ``page_size`` (at
    most 1000) is the page used when ``get_all``/``search`` split a request.
    ``sleep`` and ``random`` drive retry backoff (inject them in tests).

    Use ``async with MambuConnectorREST(...) as mambu:`` or call :meth:`aclose`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        username: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        retry_after_cap: float = 60.0,
        max_concurrency: int | str = 8,
        page_size: int = 1000,
        pool_timeout: float | None = 30.0,
        auto_concurrency_cap: int = DEFAULT_AUTO_CAP,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        verify: bool | str = True,
        user_agent: str | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        random: Callable[[], float] | None = None,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
    ) -> None:
        super().__init__(
            max_retries=max_retries,
            retry_after_cap=retry_after_cap,
            max_concurrency=max_concurrency,
            page_size=page_size,
            sleep=sleep,
            random=random,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            pool_timeout=pool_timeout,
            auto_concurrency_cap=auto_concurrency_cap,
        )
        self.base_url = normalize_base_url(base_url)
        if username is None and password is None and api_key is None and http_client is not None:
            self._auth: MambuAuth | None = None  # the borrowed client brings its own authentication
        else:
            self._auth = MambuAuth(username=username, password=password, api_key=api_key)
        self.timeout = self._make_timeout(timeout)
        self.user_agent = user_agent or USER_AGENT
        if http_client is not None and transport is not None:
            raise fail("give http_client or transport, not both (transport plugs into our own client)")
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise fail("http_client must be an httpx.AsyncClient")
        self._owns_client = http_client is None
        if verify is False:
            _warn_unverified()
        self.limits = httpx.Limits(
            max_connections=self.max_concurrency,
            max_keepalive_connections=self.max_concurrency,
            keepalive_expiry=30.0,
        )
        self._client = http_client or httpx.AsyncClient(
            transport=transport,
            timeout=self.timeout,
            limits=self.limits,
            verify=verify,
            follow_redirects=False,
        )

    def _share_transport(self) -> None:
        self._owns_client = False  # the original connector closes the shared client

    def _set_timeout(self, timeout: Any) -> None:
        self.timeout = self._make_timeout(timeout)

    @staticmethod
    def _make_timeout(timeout: Any) -> httpx.Timeout:
        if isinstance(timeout, httpx.Timeout):
            return timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise fail(f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}")
        return httpx.Timeout(float(timeout), connect=min(float(timeout), 10.0))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **options: Any) -> Self:
        """A connector from ``MAMBU_BASE_URL`` and ``MAMBU_API_KEY`` or ``MAMBU_USERNAME`` +
        ``MAMBU_PASSWORD`` (see :class:`~mambu_async.config.MambuSettings`); ``options`` override."""
        settings = MambuSettings.from_env(os.environ if environ is None else environ)
        return cls(**{**settings.connector_kwargs(), **options})

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connector's own client (a borrowed ``http_client`` is left open)."""
        if self._owns_client:
            await self._client.aclose()

    def __repr__(self) -> str:
        auth = self._auth.kind if self._auth else "borrowed client"
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={auth!r})"

    # ------------------------------------------------------------------ transport

    def _describe_url(self, request: ApiRequest) -> str:
        query = f"?{urlencode(request.params)}" if request.params else ""
        return redact_url(f"{self.base_url}{request.path}{query}")

    def _build(self, request: ApiRequest) -> httpx.Request:
        headers = {"Accept": request.accept, "User-Agent": self.user_agent}
        if request.idempotency_key is not None:
            headers["Idempotency-Key"] = request.idempotency_key
        kwargs: dict[str, Any] = {}
        if request.body is not None:
            headers["Content-Type"] = "application/json"
            kwargs["content"] = request.body
        elif request.upload is not None or request.form is not None:
            kwargs["data"] = dict(request.form or {})
            if request.upload is not None:
                upload = request.upload
                kwargs["files"] = {"file": (upload.file_name, upload.content, upload.content_type)}
        return self._client.build_request(
            request.method,
            f"{self.base_url}{request.path}",
            params=list(request.params),
            headers=headers,
            timeout=self.timeout,
            **kwargs,
        )

    async def _open(self, http_request: httpx.Request) -> httpx.Response:
        """Send ``http_request`` and return the response with its body still unread."""
        if self._auth is None:
            return await self._client.send(http_request, stream=True)
        return await self._client.send(http_request, auth=self._auth, stream=True)

    async def _send(self, request: ApiRequest) -> ApiResponse:
        # The exchange runs in its own task, cancelled at most once: httpcore tidies a cancelled request
        # up (marks its connection idle or closes it) in awaits of its own, and a second cancellation of
        # the caller would cut that short, leaving the connection ACTIVE in the pool for good.
        if self._client.is_closed:
            raise MambuError(
                f"the connector is closed (its HTTP client was closed); cannot send {request.method} "
                f"{self._describe_url(request)}: open a new connector"
            )
        http_request = self._build(request)
        exchange = asyncio.ensure_future(self._exchange(request, http_request))
        try:
            return await asyncio.shield(exchange)
        except asyncio.CancelledError:
            exchange.cancel()
            while not exchange.done():
                with contextlib.suppress(asyncio.CancelledError):  # further cancellations wait too
                    await asyncio.wait((exchange,))
            if not exchange.cancelled():
                exchange.exception()  # retrieved: its outcome no longer matters
            raise

    async def _exchange(self, request: ApiRequest, http_request: httpx.Request) -> ApiResponse:
        try:
            response = await self._open(http_request)
            try:
                # The body is read here rather than kept by httpx (``response.content``): an httpx
                # Response and its stream refer to each other, so a body it holds lives on until the
                # cyclic garbage collector runs, megabytes per page on a bulk pull.
                content = b"".join([chunk async for chunk in response.aiter_bytes()])
            finally:
                await response.aclose()
        except httpx.TransportError as exc:
            failure = self._transport_failure(request, exc)
            cause = _detached(exc)
        else:
            headers = {key.lower(): value for key, value in response.headers.items()}
            return ApiResponse(response.status_code, headers, content)
        # Raised outside the ``except`` block, from a copy of httpx's error without its request: the
        # request holds the credentials' headers, and nothing reachable from our error may.
        raise failure from cause

    async def _send_streamed(self, request: ApiRequest, chunk_size: int) -> ApiResponse:
        """One attempt whose 2xx body stays on the connection, read ``chunk_size`` bytes at a time; any
        other status is read whole (an error body) like :meth:`_send`."""
        http_request = self._build(request)
        try:
            response = await self._open(http_request)
            if not 200 <= response.status_code < 300:
                try:
                    content = b"".join([chunk async for chunk in response.aiter_bytes()])
                finally:
                    await response.aclose()
                headers = {key.lower(): value for key, value in response.headers.items()}
                return ApiResponse(response.status_code, headers, content)
        except httpx.TransportError as exc:
            failure, cause = self._transport_failure(request, exc), _detached(exc)
        else:
            return StreamedResponse(
                response.status_code,
                {key.lower(): value for key, value in response.headers.items()},
                b"",
                chunks=self._chunks(request, response, chunk_size),
                close=response.aclose,
            )
        raise failure from cause

    async def _chunks(
        self, request: ApiRequest, response: httpx.Response, chunk_size: int
    ) -> AsyncIterator[bytes]:
        """The body of a streamed ``response``, closed when done; a lost connection is our error."""
        failure = cause = None
        try:
            async for chunk in response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.TransportError as exc:
            failure, cause = self._transport_failure(request, exc), _detached(exc)
        finally:
            await response.aclose()
        if failure is not None:
            raise failure from cause

    def _transport_failure(self, request: ApiRequest, exc: httpx.TransportError) -> MambuConnectionError:
        method, url = request.method, self._describe_url(request)
        if isinstance(exc, httpx.ConnectTimeout):
            return connection_error(
                "could not connect in time", sent=False, timeout=True, method=method, url=url
            )
        if isinstance(exc, httpx.PoolTimeout):
            return connection_error(
                "no free connection in the pool in time (raise max_concurrency or the timeout)",
                sent=False,
                method=method,
                url=url,
            )
        if isinstance(exc, httpx.ConnectError):
            return connection_error(f"could not connect: {exc}", sent=False, method=method, url=url)
        if isinstance(exc, httpx.TimeoutException):
            return connection_error(
                f"no response in time ({type(exc).__name__})", sent=True, timeout=True, method=method, url=url
            )
        return connection_error(
            f"connection failed ({type(exc).__name__}: {exc})", sent=True, method=method, url=url
        )


_warned_unverified = False


def _warn_unverified() -> None:
    """Log, once per process, that TLS certificates are not checked (``verify=False``)."""
    global _warned_unverified
    if not _warned_unverified:
        _warned_unverified = True
        logger.warning("verify=False: TLS certificates are NOT checked; use it only against a test server")


def _detached(exc: httpx.TransportError) -> httpx.TransportError:
    """A copy of ``exc`` (same class and message) without its request, traceback or context."""
    try:
        copy = type(exc)(str(exc))
    except TypeError:  # a subclass with another signature: keep the kind, drop everything else
        copy = httpx.TransportError(f"{type(exc).__name__}: {exc}")
    return copy
