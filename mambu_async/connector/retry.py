"""The retry policy every connector shares: what may be retried, how long to wait, and idempotency keys.

Rules (DESIGN.md, "Retries"):

- A request marked ``retry_safe`` (GET, PUT, DELETE, ``:search``, PATCHes made only of REPLACE/REMOVE,
  POST writes carrying an ``Idempotency-Key``) is retried on connection errors, timeouts, 429, 502, 503
  and 504, and on a final ``102 Processing`` (the same key is still being processed: ask again). Any
  other request is retried only when it provably never reached the server (the connection was never
  established, or no pool slot was free): see :func:`connection_error`.
- A 500 is retried only for requests that replay safely (:func:`replays_safely`: GET, ``:search`` and
  POSTs carrying an ``Idempotency-Key``, whose stored answer Mambu replays), never for PUT, PATCH,
  DELETE or an unkeyed write: a 500 may come after the change was made.
- A ``Retry-After`` (seconds or an HTTP date) is honoured up to ``retry_after_cap``; beyond the cap the
  error (429 or 503 alike) is raised at once. Without one, the wait is capped exponential backoff with
  jitter.
- A 503 whose body says ``EXCESSIVE_INVALID_REQUESTS`` (code 24: the account is being blocked) is never
  retried: retrying would only extend the block.
- ``sleep`` and ``random`` are injectable so tests never wait.

Idempotency keys: every POST write gets one UUID4 per call, reused on every attempt. A caller chooses
the key with the ``idempotency_key=`` keyword of the write operations of ``MambuOperations``, or, for
writes reached through entities, with ``with use_idempotency_key(key): ...`` (the key applies to every
POST write started in the block, so keep one write per block).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import email.utils
import random as _random
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import attrs

from mambu_async.connector.validation import fail
from mambu_async.errors import (
    MambuConnectionError,
    MambuError,
    MambuTimeoutError,
)

__all__ = [
    "RETRY_STATUSES",
    "RetryPolicy",
    "connection_error",
    "is_account_blocked",
    "new_idempotency_key",
    "parse_retry_after",
    "replays_safely",
    "request_was_sent",
    "use_idempotency_key",
]

RETRY_STATUSES = frozenset({102, 429, 502, 503, 504})
"""Statuses worth another attempt: the request was refused or lost by a gateway, not rejected, or (102
Processing) "already submitted and currently being processed, try again later" (api-semantics §4.1)."""

TRANSIENT_SERVER_STATUS = 500
"""Often transient on Mambu, but possibly after the change was made: retried only for requests that
replay safely (:func:`replays_safely`)."""

_NOT_SENT_ATTR = "request_sent"

_idempotency_key: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "mambu_async_idempotency_key", default=None
)


def connection_error(
    message: str,
    *,
    sent: bool,
    timeout: bool = False,
    method: str | None = None,
    url: str | None = None,
) -> MambuConnectionError:
    """A :class:`MambuConnectionError` (or :class:`MambuTimeoutError`) for a request without response.

    ``sent=False`` records that the request provably never reached the server (connect failure, no free
    pool slot), which makes any request safe to retry; ``request_was_sent`` reads it back. Transports
    (the REST connector, the fake's fault scripts) build their errors with this function.
    """
    cls = MambuTimeoutError if timeout else MambuConnectionError
    error = cls(message, method=method, url=url)
    setattr(error, _NOT_SENT_ATTR, sent)
    return error


def request_was_sent(error: BaseException) -> bool:
    """False only when the error says the request never reached the server."""
    return bool(getattr(error, _NOT_SENT_ATTR, True))


def replays_safely(method: str, path: str, idempotency_key: str | None) -> bool:
    """Whether sending the request again cannot change anything twice: a read (GET, ``:search``) or a
    POST with an ``Idempotency-Key`` (Mambu answers a repeated key with the stored answer)."""
    if method == "GET":
        return True
    return method == "POST" and (idempotency_key is not None or path.endswith(":search"))


def is_account_blocked(error: MambuError) -> bool:
    """True for Mambu's ``EXCESSIVE_INVALID_REQUESTS`` (code 24) answer."""
    return any(
        d.code == 24 or (d.reason or "").upper() == "EXCESSIVE_INVALID_REQUESTS" for d in error.errors
    )


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); ``None`` if absent
    or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        current = now or dt.datetime.now(dt.UTC)
        seconds = (when - current).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def new_idempotency_key() -> str:
    """A fresh UUID4 idempotency key."""
    return str(uuid.uuid4())


def check_idempotency_key(key: Any) -> str:
    """A caller's idempotency key: Mambu requires a UUID (v4 recommended)."""
    if not isinstance(key, str):
        raise fail(f"idempotency_key must be a UUID string, got {type(key).__name__}")
    try:
        uuid.UUID(key)
    except ValueError:
        raise fail("idempotency_key must be a UUID string (version 4 recommended)") from None
    return key


def current_idempotency_key() -> str | None:
    """The key set by :func:`use_idempotency_key` in this context, if any."""
    return _idempotency_key.get()


@contextlib.contextmanager
def use_idempotency_key(key: str) -> Iterator[str]:
    """Send ``key`` as the ``Idempotency-Key`` of POST writes started inside the block."""
    token = _idempotency_key.set(check_idempotency_key(key))
    try:
        yield key
    finally:
        _idempotency_key.reset(token)


@attrs.frozen
class RetryPolicy:
    """How many attempts, how long between them, and which failures deserve one.

    The wait before retry ``n`` (1-based) is ``min(backoff_max, backoff_base * 2 ** (n - 1))`` scaled by
    a jitter factor in ``[0.75, 1.0]`` drawn from ``random``; a ``Retry-After`` up to
    ``retry_after_cap`` replaces it.
    """

    max_retries: int = 3
    retry_after_cap: float = 60.0
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    random: Callable[[], float] = _random.random

    def __attrs_post_init__(self) -> None:
        retries = self.max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise fail(f"max_retries must be a non-negative integer, got {self.max_retries!r}")
        for name in ("retry_after_cap", "backoff_base", "backoff_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise fail(f"{name} must be a non-negative number of seconds, got {value!r}")

    def should_retry(self, error: BaseException, *, retry_safe: bool, replayable: bool = False) -> bool:
        """Whether ``error`` (from one attempt) deserves another attempt of this request;
        ``replayable``: the request replays safely (see :func:`replays_safely`), so a 500 is retried."""
        if isinstance(error, MambuConnectionError):
            return retry_safe or not request_was_sent(error)
        if not retry_safe or not isinstance(error, MambuError):
            return False
        status = error.status_code
        if status not in RETRY_STATUSES and not (replayable and status == TRANSIENT_SERVER_STATUS):
            return False
        if is_account_blocked(error):
            return False
        # A server asking for longer than we wait: raise at once (429 and 503 alike).
        retry_after = getattr(error, "retry_after", None)
        return not (isinstance(retry_after, int | float) and retry_after > self.retry_after_cap)

    def wait_for(self, error: BaseException | None, retry_number: int) -> float:
        """Seconds to sleep before retry ``retry_number`` (1-based) after ``error``."""
        retry_after = getattr(error, "retry_after", None)
        if isinstance(retry_after, int | float) and not isinstance(retry_after, bool) and retry_after >= 0:
            return float(min(retry_after, self.retry_after_cap))
        backoff = min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_number - 1))
        return float(backoff * (1.0 - 0.25 * self.random()))
