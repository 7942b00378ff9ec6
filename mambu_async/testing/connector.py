"""``FakeConnector``: the shared operation layer handing each request to a FakeMambu in-process."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlencode

import httpx

from mambu_async._redact import redact_url
from mambu_async.connector.limiter import DEFAULT_AUTO_CAP
from mambu_async.connector.operations import MambuOperations
from mambu_async.connector.retry import connection_error
from mambu_async.connector.validation import fail
from mambu_async.connector.wire import ApiRequest, ApiResponse
from mambu_async.testing.backend import FakeMambu

__all__ = ["FakeConnector"]

_USER_AGENT = "mambu-async-fake-connector"


class FakeConnector(MambuOperations):
    """A connector whose "network" is a :class:`FakeMambu` in the same process.

    It runs the same operation layer as ``MambuConnectorREST`` (validation, retries, idempotency
    keys, paging, error mapping), so results and errors are identical; only the transport differs.
    Credentials default to the fake's own (Basic); pass ``username``/``password`` or ``api_key`` to
    authenticate otherwise (e.g. to test a 401). Every call yields to the event loop once. No
    ``async with`` is needed (it is accepted and does nothing).
    """

    def __init__(
        self,
        fake: FakeMambu,
        *,
        username: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
        max_retries: int = 3,
        retry_after_cap: float = 60.0,
        max_concurrency: int | str = 8,
        page_size: int = 1000,
        pool_timeout: float | None = 30.0,
        auto_concurrency_cap: int = DEFAULT_AUTO_CAP,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        random: Callable[[], float] | None = None,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        timeout: float | httpx.Timeout | None = None,
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
        self.fake = fake
        self.timeout: float | None = None
        """Seconds a request may take (a latency fault longer than that times out); ``None``: no limit."""
        if timeout is not None:
            self._set_timeout(timeout)
        if api_key is not None:
            self._auth_header = ("apikey", api_key)
        else:
            user = fake.username if username is None and password is None else (username or "")
            secret = fake.password if username is None and password is None else (password or "")
            token = base64.b64encode(f"{user}:{secret}".encode()).decode()
            self._auth_header = ("authorization", f"Basic {token}")

    def __repr__(self) -> str:
        kind = "api_key" if self._auth_header[0] == "apikey" else "basic"
        return f"FakeConnector({self.fake!r}, auth={kind!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def aclose(self) -> None:
        """Nothing to release."""

    def _describe_url(self, request: ApiRequest) -> str:
        query = f"?{urlencode(request.params)}" if request.params else ""
        return redact_url(f"fake://mambu/api{request.path}{query}")

    def _set_timeout(self, timeout: Any) -> None:
        seconds = timeout.read if isinstance(timeout, httpx.Timeout) else timeout
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
            raise fail(f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}")
        self.timeout = float(seconds)

    async def _send(self, request: ApiRequest) -> ApiResponse:
        if self.timeout is None:
            return await self._dispatch(request)
        try:
            async with asyncio.timeout(self.timeout):
                return await self._dispatch(request)
        except TimeoutError:
            raise connection_error(
                f"no response in time (the fake took over {self.timeout:g}s)",
                sent=True,
                timeout=True,
                method=request.method,
                url=self._describe_url(request),
            ) from None

    async def _dispatch(self, request: ApiRequest) -> ApiResponse:
        await asyncio.sleep(0)
        headers = {
            "accept": request.accept,
            "user-agent": _USER_AGENT,
            self._auth_header[0]: self._auth_header[1],
        }
        if request.idempotency_key is not None:
            headers["idempotency-key"] = request.idempotency_key
        if request.body is not None:
            headers["content-type"] = "application/json"
        response = await self.fake.dispatch_async(
            request.method,
            request.path,
            request.params,
            headers,
            request.body,
            form=request.form,
            upload=request.upload,
        )
        return ApiResponse(response.status, dict(response.headers), response.body)
