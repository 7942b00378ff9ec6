"""IdempotencyStore semantics (no tenant)."""

from __future__ import annotations

import threading

import pytest

from mambu_async.testing.apierror import ApiError
from mambu_async.testing.idempotency import IdempotencyStore, request_fingerprint


def _store() -> IdempotencyStore[tuple[int, str]]:
    return IdempotencyStore(status_of=lambda r: r[0])


def test_same_key_same_request_replays_without_running_again() -> None:
    store = _store()
    calls: list[int] = []

    def op() -> tuple[int, str]:
        calls.append(1)
        return 201, f"tx{len(calls)}"

    fp = request_fingerprint("POST", "/loans/L1/repayment-transactions", body=b'{"amount":1}')
    assert store.run("k", fp, op) == (201, "tx1")
    assert store.run("k", fp, op) == (201, "tx1")
    assert calls == [1] and store.replays == 1


def test_same_key_different_body_is_refused() -> None:
    store = _store()

    def op() -> tuple[int, str]:
        return 201, "x"

    store.run("k", request_fingerprint("POST", "/p", body=b"1"), op)
    with pytest.raises(ApiError) as exc:
        store.run("k", request_fingerprint("POST", "/p", body=b"2"), op)
    assert exc.value.status == 400 and exc.value.errors[0][0] == "INVALID_PARAMETERS"


def test_duplicate_arriving_while_the_first_runs_waits_and_replays() -> None:
    store = _store()
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def op() -> tuple[int, str]:
        calls.append(1)
        started.set()
        release.wait(5)
        return 201, "first"

    fp = request_fingerprint("POST", "/p")
    results: list[tuple[int, str]] = []
    first = threading.Thread(target=lambda: results.append(store.run("k", fp, op)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(store.run("k", fp, op)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert results == [(201, "first"), (201, "first")]
    assert calls == [1]


def test_server_errors_and_exceptions_free_the_key() -> None:
    store = _store()
    results = iter([(503, "down"), (201, "ok")])

    def op() -> tuple[int, str]:
        return next(results)

    fp = request_fingerprint("POST", "/p")
    assert store.run("k", fp, op) == (503, "down")
    assert store.run("k", fp, op) == (201, "ok")

    def boom() -> tuple[int, str]:
        raise RuntimeError("lost")

    with pytest.raises(RuntimeError):
        store.run("k2", fp, boom)
    assert "k2" not in store
