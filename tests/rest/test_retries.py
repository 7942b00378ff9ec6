"""The retry rules: what is retried, how long it waits, which key it carries, when it gives up."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from typing import Any

import httpx
import pytest
import respx
from wire_helpers import PASSWORD, TENANT, USERNAME, SleepRecorder, rest_error

from mambu_async import (
    MambuConnectionError,
    MambuConnectorREST,
    MambuNotFoundError,
    MambuRateLimitError,
    MambuServerError,
    MambuTimeoutError,
)
from mambu_async.connector.retry import RetryPolicy, parse_retry_after

UNAVAILABLE = rest_error(6, "INTERNAL_ERROR", "try later")


async def test_429_with_retry_after_then_200(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, json={"id": "C1"}),
        ]
    )
    assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    assert route.call_count == 2
    assert sleeps.delays == [7.0]


async def test_503_twice_then_200_with_exponential_backoff(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/loans").mock(
        side_effect=[
            httpx.Response(503, json=UNAVAILABLE),
            httpx.Response(503, json=UNAVAILABLE),
            httpx.Response(200, json=[{"id": "L1"}]),
        ]
    )
    assert await conn.mambu_get_all("loans", limit=10) == [{"id": "L1"}]
    assert route.call_count == 3
    assert sleeps.delays == [0.5, 1.0]


@pytest.mark.parametrize("status", [502, 504])
async def test_gateway_errors_are_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST, status: int
) -> None:
    route = mock.get("/branches/B1").mock(
        side_effect=[httpx.Response(status), httpx.Response(200, json={"id": "B1"})]
    )
    assert await conn.mambu_get("B1", "branches") == {"id": "B1"}
    assert route.call_count == 2


async def test_jitter_shortens_the_backoff(mock: respx.MockRouter) -> None:
    sleeps = SleepRecorder()
    route = mock.get("/loans/L1").mock(
        side_effect=[httpx.Response(503), httpx.Response(503), httpx.Response(200, json={})]
    )
    async with MambuConnectorREST(
        TENANT, username=USERNAME, password=PASSWORD, sleep=sleeps, random=lambda: 1.0
    ) as conn:
        await conn.mambu_get("L1", "loans")
    assert route.call_count == 3
    assert sleeps.delays == [0.375, 0.75]


async def test_connection_error_then_200(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"id": "C1"})]
    )
    assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    assert route.call_count == 2
    assert len(sleeps.delays) == 1


async def test_read_timeout_on_a_get_is_retried(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/clients/C1").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json={"id": "C1"})]
    )
    assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    assert route.call_count == 2


async def test_post_write_is_retried_with_the_same_key(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.post("/loans/L1/disbursement-transactions").mock(
        side_effect=[
            httpx.ReadTimeout("response lost"),
            httpx.Response(503, json=UNAVAILABLE),
            httpx.Response(201, json={"type": "DISBURSEMENT"}),
        ]
    )
    assert await conn.mambu_make_disbursement("L1", notes="go") == {"type": "DISBURSEMENT"}
    keys = {call.request.headers["Idempotency-Key"] for call in route.calls}
    assert route.call_count == 3
    assert len(keys) == 1
    assert uuid.UUID(keys.pop()).version == 4


async def test_the_callers_key_is_used_on_every_attempt(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    key = str(uuid.uuid4())
    route = mock.post("/deposits/D1/deposit-transactions").mock(
        side_effect=[httpx.Response(502), httpx.Response(201, json={})]
    )
    await conn.mambu_make_deposit("D1", "10.00", idempotency_key=key)
    assert [call.request.headers["Idempotency-Key"] for call in route.calls] == [key, key]


async def test_retry_after_beyond_the_cap_raises_at_once(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").respond(
        429, headers={"Retry-After": "3600"}, json=rest_error(429, "TOO_MANY_REQUESTS")
    )
    with pytest.raises(MambuRateLimitError) as caught:
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 1
    assert sleeps.delays == []
    assert caught.value.retry_after == 3600
    assert caught.value.status_code == 429


async def test_retries_exhausted_raise_the_server_error_with_mambus_errors(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/loans/L1").respond(503, json=UNAVAILABLE)
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("L1", "loans")
    assert route.call_count == 4  # max_retries=3
    assert len(sleeps.delays) == 3
    error = caught.value
    assert error.status_code == 503
    assert error.error_code == 6
    assert error.error_reason == "INTERNAL_ERROR"
    assert error.error_source == "try later"


async def test_rate_limit_exhausted_raises_rate_limit_error(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/loans/L1").respond(429, headers={"Retry-After": "1"})
    with pytest.raises(MambuRateLimitError) as caught:
        await conn.mambu_get("L1", "loans")
    assert route.call_count == 4
    assert sleeps.delays == [1.0, 1.0, 1.0]
    assert caught.value.retry_after == 1.0


async def test_connection_errors_exhausted_raise_connection_error(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/loans/L1").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(MambuConnectionError) as caught:
        await conn.mambu_get("L1", "loans")
    assert route.call_count == 4
    assert not isinstance(caught.value, MambuTimeoutError)


async def test_503_account_blocked_is_never_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").respond(503, json=rest_error(24, "EXCESSIVE_INVALID_REQUESTS"))
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 1
    assert sleeps.delays == []
    assert caught.value.error_code == 24


async def test_v1_account_blocked_body_is_never_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.get("/clients/C1").respond(
        503, json={"returnCode": 24, "returnStatus": "EXCESSIVE_INVALID_REQUESTS"}
    )
    with pytest.raises(MambuServerError):
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 1


async def test_500_on_a_get_is_retried_with_backoff(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").mock(
        side_effect=[
            httpx.Response(500, json=rest_error(6, "INTERNAL_ERROR")),
            httpx.Response(500, json=rest_error(6, "INTERNAL_ERROR")),
            httpx.Response(200, json={"id": "C1"}),
        ]
    )
    assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    assert route.call_count == 3
    assert sleeps.delays == [0.5, 1.0]


async def test_500_retries_are_capped(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.get("/clients/C1").respond(500, json=rest_error(6, "INTERNAL_ERROR"))
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 4
    assert caught.value.status_code == 500


async def test_500_on_a_search_and_on_a_keyed_post_is_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    search = mock.post("/loans:search").mock(side_effect=[httpx.Response(500), httpx.Response(200, json=[])])
    assert await conn.mambu_search("loans", limit=5) == []
    assert search.call_count == 2
    posted = {"encodedKey": "T1", "amount": 10.25}
    repay = mock.post("/loans/L1/repayment-transactions").mock(
        side_effect=[httpx.Response(500), httpx.Response(201, json=posted)]
    )
    assert (await conn.mambu_make_repayment("L1", "10.25"))["encodedKey"] == "T1"
    keys = {call.request.headers["Idempotency-Key"] for call in repay.calls}
    assert repay.call_count == 2 and len(keys) == 1


@pytest.mark.parametrize(
    ("method", "path", "call"),
    [
        ("PUT", "/clients/C1", lambda c: c.mambu_update("C1", "clients", {"id": "C1"})),
        ("DELETE", "/clients/C1", lambda c: c.mambu_delete("C1", "clients")),
        ("PATCH", "/clients/C1", lambda c: c.mambu_patch("C1", "clients", [("REPLACE", "firstName", "A")])),
    ],
)
async def test_500_on_a_write_without_a_key_is_not_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST, method: str, path: str, call: Any
) -> None:
    route = mock.route(method=method, path=path).respond(500, json=rest_error(6, "INTERNAL_ERROR"))
    with pytest.raises(MambuServerError):
        await call(conn)
    assert route.call_count == 1


async def test_503_retry_after_within_the_cap_is_honoured(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": "12"}, json=UNAVAILABLE),
            httpx.Response(200, json={"id": "C1"}),
        ]
    )
    assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    assert route.call_count == 2
    assert sleeps.delays == [12.0]


async def test_503_retry_after_beyond_the_cap_raises_at_once_like_429(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    route = mock.get("/clients/C1").respond(503, headers={"Retry-After": "3600"}, json=UNAVAILABLE)
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 1
    assert sleeps.delays == []
    assert caught.value.status_code == 503


async def test_reason_only_account_blocked_body_is_never_retried(
    mock: respx.MockRouter, conn: MambuConnectorREST, sleeps: SleepRecorder
) -> None:
    blocked = {"errors": [{"errorReason": "EXCESSIVE_INVALID_REQUESTS"}]}  # no errorCode 24
    route = mock.get("/clients/C1").respond(503, json=blocked)
    with pytest.raises(MambuServerError) as caught:
        await conn.mambu_get("C1", "clients")
    assert route.call_count == 1
    assert sleeps.delays == []
    assert caught.value.error_code is None and caught.value.error_reason == "EXCESSIVE_INVALID_REQUESTS"


def _frames(error: BaseException) -> list[str]:
    tb = error.__traceback__
    files = []
    while tb is not None:
        files.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    return files


async def test_errors_after_retries_carry_no_tenacity_frames(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.get("/clients/C1").respond(503, json=UNAVAILABLE)
    mock.get("/clients/C2").mock(side_effect=httpx.ConnectError("refused"))
    for entid in ("C1", "C2"):
        with pytest.raises((MambuServerError, MambuConnectionError)) as caught:
            await conn.mambu_get(entid, "clients")
        files = _frames(caught.value)
        assert files and not [f for f in files if "tenacity" in f]
    assert isinstance(caught.value.__cause__, httpx.ConnectError)  # the last transport error


async def test_non_idempotent_patch_is_not_retried_after_it_reached_the_server(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.patch("/clients/C1").mock(side_effect=[httpx.ReadTimeout("lost"), httpx.Response(204)])
    with pytest.raises(MambuTimeoutError):
        await conn.mambu_patch("C1", "clients", [("ADD", "middleName", "J")])
    assert route.call_count == 1


async def test_non_idempotent_patch_is_not_retried_on_503(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.patch("/clients/C1").respond(503)
    with pytest.raises(MambuServerError):
        await conn.mambu_patch("C1", "clients", [("ADD", "middleName", "J")])
    assert route.call_count == 1


async def test_non_idempotent_patch_is_retried_when_it_never_left(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.patch("/clients/C1").mock(side_effect=[httpx.ConnectError("refused"), httpx.Response(204)])
    assert await conn.mambu_patch("C1", "clients", [("ADD", "middleName", "J")]) is None
    assert route.call_count == 2


async def test_replace_and_remove_patch_is_retried(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.patch("/clients/C1").mock(side_effect=[httpx.ReadTimeout("lost"), httpx.Response(204)])
    await conn.mambu_patch("C1", "clients", [("REPLACE", "firstName", "Ana"), ("REMOVE", "middleName")])
    assert route.call_count == 2


async def test_put_is_retried(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.put("/clients/C1").mock(side_effect=[httpx.Response(504), httpx.Response(200, json={})])
    await conn.mambu_update("C1", "clients", {"id": "C1"})
    assert route.call_count == 2


async def test_search_is_retried(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    route = mock.post("/clients:search").mock(side_effect=[httpx.Response(503), httpx.Response(200, json=[])])
    assert await conn.mambu_search("clients", limit=5) == []
    assert route.call_count == 2


async def test_delete_answered_404_after_a_lost_response_counts_as_done(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    route = mock.delete("/loans/L1").mock(
        side_effect=[
            httpx.ReadTimeout("lost"),
            httpx.Response(404, json=rest_error(100, "INVALID_LOAN_ACCOUNT_ID")),
        ]
    )
    assert await conn.mambu_delete("L1", "loans") is None
    assert route.call_count == 2


async def test_delete_of_a_missing_entity_is_not_found(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.delete("/loans/L1").respond(404, json=rest_error(100, "INVALID_LOAN_ACCOUNT_ID"))
    with pytest.raises(MambuNotFoundError):
        await conn.mambu_delete("L1", "loans")


async def test_delete_404_after_a_refused_connection_is_still_not_found(
    mock: respx.MockRouter, conn: MambuConnectorREST
) -> None:
    mock.delete("/loans/L1").mock(
        side_effect=[
            httpx.ConnectError("refused"),
            httpx.Response(404, json=rest_error(100, "INVALID_LOAN_ACCOUNT_ID")),
        ]
    )
    with pytest.raises(MambuNotFoundError):
        await conn.mambu_delete("L1", "loans")


async def test_zero_max_retries_sends_once(mock: respx.MockRouter, sleeps: SleepRecorder) -> None:
    route = mock.get("/loans/L1").respond(503)
    async with MambuConnectorREST(
        TENANT, username=USERNAME, password=PASSWORD, max_retries=0, sleep=sleeps
    ) as conn:
        with pytest.raises(MambuServerError):
            await conn.mambu_get("L1", "loans")
    assert route.call_count == 1


async def test_one_log_line_per_retry(
    mock: respx.MockRouter, conn: MambuConnectorREST, caplog: pytest.LogCaptureFixture
) -> None:
    mock.get("/loans/L1").mock(
        side_effect=[httpx.Response(503), httpx.Response(429), httpx.Response(200, json={})]
    )
    with caplog.at_level(logging.INFO, logger="mambu_async"):
        await conn.mambu_get("L1", "loans")
    retries = [r for r in caplog.records if r.name == "mambu_async" and "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert "GET https://acme.mambu.com/api/loans/L1" in retries[0].getMessage()
    assert "[503]" in retries[0].getMessage()


async def test_page_counts_its_retries(mock: respx.MockRouter, conn: MambuConnectorREST) -> None:
    mock.get("/loans").mock(side_effect=[httpx.Response(503), httpx.Response(200, json=[])])
    page = await conn.fetch_page("loans", offset=0, limit=10, search=False)
    assert page.retries == 1


async def test_concurrency_limit_covers_every_request() -> None:
    in_flight = 0
    peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        for _ in range(5):
            await asyncio.sleep(0)
        in_flight -= 1
        return httpx.Response(200, json={"id": "x"})

    async with MambuConnectorREST(
        TENANT, api_key="k", max_concurrency=3, transport=httpx.MockTransport(handler)
    ) as conn:
        await asyncio.gather(*(conn.mambu_get(f"C{i}", "clients") for i in range(12)))
    assert peak == 3


def test_parse_retry_after_accepts_seconds_and_http_dates() -> None:
    now = dt.datetime(2024, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:45 GMT", now=now) == 45.0
    assert parse_retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("-5") == 0.0


def test_retry_policy_refuses_negative_settings() -> None:
    from mambu_async import MambuValidationError

    with pytest.raises(MambuValidationError):
        RetryPolicy(max_retries=-1)
    with pytest.raises(MambuValidationError):
        RetryPolicy(retry_after_cap=-1.0)


async def test_a_429_and_503_storm_never_exceeds_max_concurrency_in_flight() -> None:
    in_flight = 0
    peak = 0
    attempts: dict[str, int] = {}

    async def handler(request: httpx.Request) -> httpx.Response:  # the server: counts what it holds
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            path = request.url.path
            attempts[path] = attempts.get(path, 0) + 1
            if attempts[path] == 1:
                return httpx.Response(429, headers={"Retry-After": "0"})
            if attempts[path] == 2:
                return httpx.Response(503, json=UNAVAILABLE)
            return httpx.Response(200, json={"id": path.rsplit("/", 1)[-1]})
        finally:
            in_flight -= 1

    async def no_sleep(seconds: float) -> None:
        await asyncio.sleep(0)

    async with MambuConnectorREST(
        TENANT, api_key="k", max_concurrency=5, transport=httpx.MockTransport(handler), sleep=no_sleep
    ) as conn:
        answers = await asyncio.gather(*(conn.mambu_get(f"C{i}", "clients") for i in range(200)))
    assert [a["id"] for a in answers] == [f"C{i}" for i in range(200)]
    assert sum(attempts.values()) == 600  # every caller went through its 429 and its 503
    assert 0 < peak <= 5  # the limit may adapt below max_concurrency, never above it
