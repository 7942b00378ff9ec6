"""Scripted faults for the fake tenant, and an httpx transport that injects network failures.

A test scripts what goes wrong, where and how often::

    fake.faults.add(rate_limited(retry_after=2), method="GET", path="/loans/*", times=2)
    fake.faults.add(server_error(503), path="/deposits/*/withdrawal-transactions")
    fake.faults.add(lose_response(), method="POST", path="/loans/*/repayment-transactions")
    fake.faults.add(latency(0.5), times=10)          # waits through the injectable ``sleep``

``path`` is a glob over the API path without ``/api`` (``*`` matches within one segment, ``**`` across
segments; ``:actions`` are part of the segment); ``times`` is how many matching requests the rule hits
(``None``: every one); ``after`` lets that many matching requests through first. Rules are tried in the
order they were added; each request takes at most one status/lost-response fault and sums the
latency of every latency rule it matches.

Kinds:

- :func:`rate_limited` / :func:`server_error` / :func:`account_blocked`: the request is answered with
  that status and a Mambu-shaped body *instead of* running (nothing is written);
- :func:`latency`: the answer comes after ``seconds`` on the plan's ``sleep`` (inject a fake sleep so
  tests never wait);
- :func:`lose_response`: the request runs and commits, then the response is lost: the backend raises
  a :class:`~mambu_async.errors.MambuConnectionError` marked as sent instead of answering (through the
  emulator it propagates out of the ASGI app), exactly what a retry with the same ``Idempotency-Key``
  must survive;
- :func:`connection_reset` / :func:`timeout`: for :class:`FaultTransport` (or the in-process path),
  raised at once, before (``connect``/``pool``) or after (``read``) the request reached the server.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Literal

import attrs
import httpx

from mambu_async.connector.retry import connection_error
from mambu_async.errors import MambuConnectionError

Sleep = Callable[[float], Awaitable[None]]
NetworkKind = Literal["reset", "connect_timeout", "read_timeout", "pool_timeout", "connect_error"]


@attrs.frozen
class Fault:
    """One scripted misbehaviour (build it with the helpers below)."""

    kind: Literal["status", "latency", "lose_response", "network"]
    status: int = 0
    retry_after: float | None = None
    reason: str | None = None
    code: int | None = None
    seconds: float = 0.0
    network: NetworkKind | None = None

    def error_body(self) -> dict[str, list[dict[str, object]]]:
        """Mambu's error body for a status fault."""
        reason = self.reason or "INTERNAL_ERROR"
        return {"errors": [{"errorCode": self.code or 6, "errorReason": reason}]}

    def headers(self) -> dict[str, str]:
        """Headers of a status fault (``Retry-After`` for 429/503 when scripted)."""
        if self.retry_after is None:
            return {}
        value = self.retry_after
        return {"retry-after": str(int(value)) if value == int(value) else str(value)}

    def network_error(self, *, method: str | None = None, url: str | None = None) -> MambuConnectionError:
        """The library error the in-process path raises for a network or lost-response fault."""
        kind = self.network or "reset"
        sent = self.kind == "lose_response" or kind in ("reset", "read_timeout")
        timeout = kind.endswith("timeout")
        label = "response lost after the request was processed" if self.kind == "lose_response" else kind
        message = f"injected fault: {label}"
        return connection_error(message, sent=sent, timeout=timeout, method=method, url=url)


def rate_limited(retry_after: float | None = 1) -> Fault:
    """429 with ``Retry-After`` (seconds) unless ``None``."""
    return Fault("status", status=429, retry_after=retry_after, reason="API_NOT_AUTHORIZED", code=7)


def server_error(status: int = 500, *, retry_after: float | None = None) -> Fault:
    """500, 502, 503 or 504 with Mambu's ``INTERNAL_ERROR`` body."""
    if status < 500 or status > 599:
        raise ValueError("server_error needs a 5xx status")
    return Fault("status", status=status, retry_after=retry_after, reason="INTERNAL_ERROR", code=6)


def account_blocked() -> Fault:
    """503 ``EXCESSIVE_INVALID_REQUESTS`` (code 24): the account is being blocked; never retried."""
    return Fault("status", status=503, reason="EXCESSIVE_INVALID_REQUESTS", code=24)


def latency(seconds: float) -> Fault:
    """Answer after ``seconds`` (on the plan's injectable sleep)."""
    return Fault("latency", seconds=seconds)


def lose_response() -> Fault:
    """Run and commit the request, then lose its response."""
    return Fault("lose_response")


def connection_reset() -> Fault:
    """The connection is reset after the request was sent (it may have been processed)."""
    return Fault("network", network="reset")


def timeout(phase: Literal["connect", "read", "pool"] = "read") -> Fault:
    """A timeout: ``connect``/``pool`` before the request left, ``read`` after it was sent."""
    kind: NetworkKind = (
        "connect_timeout" if phase == "connect" else ("pool_timeout" if phase == "pool" else "read_timeout")
    )
    return Fault("network", network=kind)


def connect_error() -> Fault:
    """The connection could not be established (the request never left)."""
    return Fault("network", network="connect_error")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    pattern = "/" + pattern.lstrip("/") if pattern not in ("*", "**") else pattern
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@attrs.define
class FaultRule:
    """A fault, where it applies and how many more times."""

    fault: Fault
    method: str | None
    path: str
    times: int | None
    after: int
    hits: int = 0
    _regex: re.Pattern[str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._regex = _glob_regex(self.path)

    @property
    def exhausted(self) -> bool:
        """Whether the rule has fired as many times as it may."""
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, path: str) -> bool:
        """Whether the rule applies to ``method`` on ``path``."""
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return bool(self._regex.match(path))


async def _no_sleep(seconds: float) -> None:
    await asyncio.sleep(0)


@attrs.define
class FaultPlan:
    """The scripted faults of one tenant (``fake.faults``); ``sleep`` delays latency faults."""

    sleep: Sleep = _no_sleep
    rules: list[FaultRule] = attrs.field(factory=list)
    slept: list[float] = attrs.field(factory=list)
    """Every latency delay applied, in order."""
    pending_latency: float = 0.0
    """Latency scripted for the request being answered, paid by :meth:`pay_latency`."""

    def add(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        path: str = "**",
        times: int | None = 1,
        after: int = 0,
    ) -> FaultRule:
        """Script ``fault`` for the next ``times`` requests matching ``method`` and ``path``."""
        rule = FaultRule(fault, method, path, times, after)
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule."""
        self.rules.clear()

    def take(self, method: str, path: str, *, network: bool = False) -> tuple[float, Fault | None]:
        """Consume the rules hit by one request: total latency, and the one fault to apply.

        ``network=True`` is the transport's view (only ``network`` faults); otherwise the backend's
        (status, latency, lost response).
        """
        delay = 0.0
        chosen: Fault | None = None
        for rule in self.rules:
            if rule.exhausted or not rule.matches(method, path):
                continue
            wanted = rule.fault.kind == "network" if network else rule.fault.kind != "network"
            if not wanted or (chosen is not None and rule.fault.kind != "latency"):
                continue
            if rule.after > 0:
                rule.after -= 1
                continue
            rule.hits += 1
            if rule.fault.kind == "latency":
                delay += rule.fault.seconds
            else:
                chosen = rule.fault
        return delay, chosen

    def take_network(self, method: str, path: str) -> Fault | None:
        """The network fault (if any) for one request, for the in-process path and the transport."""
        return self.take(method, path, network=True)[1]

    async def pay_latency(self) -> None:
        """Wait the latency the last dispatched request was scripted to take (on :attr:`sleep`).

        The backend's dispatch is synchronous; the fronts await this right after it returns.
        """
        seconds, self.pending_latency = self.pending_latency, 0.0
        if seconds > 0:
            self.slept.append(seconds)
            await self.sleep(seconds)


_HTTPX_ERRORS: dict[str, type[httpx.TransportError]] = {
    "reset": httpx.ReadError,
    "connect_timeout": httpx.ConnectTimeout,
    "read_timeout": httpx.ReadTimeout,
    "pool_timeout": httpx.PoolTimeout,
    "connect_error": httpx.ConnectError,
}


class FaultTransport(httpx.AsyncBaseTransport):
    """An httpx transport that raises scripted network faults at once, else forwards to ``inner``.

    ``plan`` is usually the tenant's ``fake.faults``; rules made with :func:`connection_reset`,
    :func:`timeout` and :func:`connect_error` apply here (a lost response, :func:`lose_response`, is
    the backend's: it commits, then raises the library's connection error through either front).
    ``api_root`` is stripped from URL paths before matching (rules match ``/loans/...``).
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, plan: FaultPlan, *, api_root: str = "/api") -> None:
        self.inner = inner
        self.plan = plan
        self.api_root = api_root.rstrip("/")

    def _path(self, request: httpx.Request) -> str:
        path = request.url.path
        if self.api_root and path.startswith(self.api_root + "/"):
            path = path[len(self.api_root) :]
        return path

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Raise the scripted network fault for ``request``, if any, else forward it."""
        fault = self.plan.take_network(request.method, self._path(request))
        if fault is not None and fault.network in ("connect_timeout", "pool_timeout", "connect_error"):
            raise _HTTPX_ERRORS[fault.network](f"injected fault: {fault.network}", request=request)
        if fault is not None:
            # reset / read timeout: the request reached the server first
            response = await self.inner.handle_async_request(request)
            await response.aclose()
            raise _HTTPX_ERRORS[fault.network or "reset"](f"injected fault: {fault.network}", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()
