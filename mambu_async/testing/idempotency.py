"""``Idempotency-Key`` replay for the fake tenant (api-semantics §4.1).

Mambu accepts the header on POST creates, actions and transactions: "can only be used with the exact
same request ... to prevent double posting". The surviving documents do not spell out replay, so the
fake follows the model of api-semantics §4.1 [INFERRED], with one deliberate change:

- same key, same request (method, path, query, body): the first response again, status, headers and
  body, and the operation does not run a second time;
- same key, different request: 400 ``INVALID_PARAMETERS`` naming the key's reuse;
- same key while the first request is still running: the duplicate waits for the first and replays its
  response. Mambu would answer ``102 Processing``; a 1xx is not a final HTTP response (httpx and ASGI
  servers cannot deliver it as one), so the fake never sends it (DESIGN.md, "The fake").
- A response with status >= 500, or an exception, is not remembered: the key stays free and a retry
  runs the operation again, as after any failure that did not commit. 4xx answers are remembered
  (the request was judged and will be judged the same way).

Keys live as long as the tenant (Mambu's retention window is not documented).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

import attrs

from mambu_async.testing.apierror import ApiError, bad_request

R = TypeVar("R")

IDEMPOTENT_METHODS = frozenset({"POST"})
"""Methods whose ``Idempotency-Key`` the fake honours (Mambu declares it on POSTs only)."""


def request_fingerprint(
    method: str,
    path: str,
    params: Iterable[tuple[str, str]] = (),
    body: bytes | None = None,
    form: Iterable[tuple[str, str]] = (),
    upload: bytes | None = None,
) -> str:
    """A digest of everything that makes two requests "the exact same request"."""
    digest = hashlib.sha256()
    for part in (method.upper(), path, repr(sorted(params)), repr(sorted(form))):
        digest.update(part.encode())
        digest.update(b"\x00")
    digest.update(body or b"")
    digest.update(b"\x00")
    digest.update(upload or b"")
    return digest.hexdigest()


@attrs.define
class _Entry(Generic[R]):
    fingerprint: str
    response: R | None = None


@attrs.define
class IdempotencyStore(Generic[R]):
    """Remembers the response to each key and replays it (see the module docstring).

    ``status_of`` tells the store a response's HTTP status so it can forget server errors. The fake's
    dispatch is synchronous, so on one event loop a duplicate can never overlap the first request;
    when a threaded server runs dispatches in parallel, a duplicate blocks until the first is done.
    """

    status_of: Callable[[R], int]
    _entries: dict[str, _Entry[R]] = attrs.field(factory=dict, init=False)
    _changed: threading.Condition = attrs.field(factory=threading.Condition, init=False)
    replays: int = attrs.field(default=0, init=False)
    """How many responses were replayed (for tests and diagnostics)."""

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def clear(self) -> None:
        """Forget every key."""
        with self._changed:
            self._entries.clear()

    def run(self, key: str, fingerprint: str, operation: Callable[[], R]) -> R:
        """Run ``operation`` once per key; replay its response for an identical request.

        Raises a 400 :class:`ApiError` when the key was used for a different request.
        """
        with self._changed:
            while True:
                entry = self._entries.get(key)
                if entry is None:
                    break
                if entry.fingerprint != fingerprint:
                    raise self._reuse_error(key)
                if entry.response is None:
                    self._changed.wait()  # the first is still running (threaded servers only)
                    continue
                self.replays += 1
                return entry.response
            entry = _Entry[R](fingerprint=fingerprint)
            self._entries[key] = entry
        try:
            response = operation()
        except BaseException:
            with self._changed:
                del self._entries[key]
                self._changed.notify_all()
            raise
        with self._changed:
            if self.status_of(response) >= 500:
                del self._entries[key]
            else:
                entry.response = response
            self._changed.notify_all()
        return response

    @staticmethod
    def _reuse_error(key: str) -> ApiError:
        return bad_request(
            "INVALID_PARAMETERS",
            f"Idempotency-Key {key} was already used with a different request",
        )
