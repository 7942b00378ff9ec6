"""IdempotencyStore semantics (no tenant)."""

from __future__ import annotations

import asyncio

import pytest

from mambu_async.testing.apierror import ApiError
from mambu_async.testing.idempotency import IdempotencyStore, request_fingerprint


def _store() -> IdempotencyStore[tuple[int, str]]:
    return IdempotencyStore(status_of=lambda r: r[0])


async def test_same_key_same_request_replays_without_running_again() -> None:
    store = _store()
    calls: list[int] = []

    async def op() -> tuple[int, str]:
        calls.append(1)
        return 201, f"tx{len(calls)}"

    fp = request_fingerprint("POST", "/loans/L1/repayment-transactions", body=b'{"amount":1}')
    assert await store.run("k", fp, op) == (201, "tx1")
    assert await store.run("k", fp, op) == (201, "tx1")
    assert calls == [1] and store.replays == 1


async def test_same_key_different_body_is_refused() -> None:
    store = _store()

    async def op() -> tuple[int, str]:
        return 201, "x"

    await store.run("k", request_fingerprint("POST", "/p", body=b"1"), op)
    with pytest.raises(ApiError) as exc:
        await store.run("k", request_fingerprint("POST", "/p", body=b"2"), op)
    assert exc.value.status == 400 and exc.value.errors[0][0] == "INVALID_PARAMETERS"


async def test_concurrent_duplicate_waits_for_the_first_and_replays_it() -> None:
    store = _store()
    release = asyncio.Event()
    calls: list[int] = []

    async def op() -> tuple[int, str]:
        calls.append(1)
        await release.wait()
        return 201, "first"

    fp = request_fingerprint("POST", "/p")
    first = asyncio.create_task(store.run("k", fp, op))
    second = asyncio.create_task(store.run("k", fp, op))
    await asyncio.sleep(0)
    assert not second.done()
    release.set()
    assert await first == await second == (201, "first")
    assert calls == [1]


async def test_server_errors_and_exceptions_free_the_key() -> None:
    store = _store()
    results = iter([(503, "down"), (201, "ok")])

    async def op() -> tuple[int, str]:
        return next(results)

    fp = request_fingerprint("POST", "/p")
    assert await store.run("k", fp, op) == (503, "down")
    assert await store.run("k", fp, op) == (201, "ok")

    async def boom() -> tuple[int, str]:
        raise RuntimeError("lost")

    with pytest.raises(RuntimeError):
        await store.run("k2", fp, boom)
    assert "k2" not in store
