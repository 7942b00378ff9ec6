"""Property tests (hypothesis, bounded and derandomized): whatever the arguments or the server's answer,
public connector methods return or raise a ``MambuError`` subclass, never anything else, and an id
never moves the request out of its entity's path."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mambu_async import MambuConnectorREST, MambuError

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

Handler = Callable[[httpx.Request], httpx.Response]


def _run(handler: Handler, call: Callable[[MambuConnectorREST], Awaitable[Any]]) -> None:
    async def main() -> None:
        async def no_sleep(seconds: float) -> None:
            return None

        async with MambuConnectorREST(
            "https://acme.mambu.com", api_key="k", transport=httpx.MockTransport(handler), sleep=no_sleep
        ) as conn:
            with contextlib.suppress(MambuError):  # the library's own errors only: anything else fails
                await call(conn)

    asyncio.run(main())


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"id": "x"})


@BOUNDED
@given(entid=st.text(max_size=12), prefix=st.sampled_from(["clients", "loans", "deposits/transactions"]))
def test_any_id_stays_inside_its_entity_path(entid: str, prefix: str) -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.raw_path.decode("ascii").split("?")[0])
        return _ok(request)

    _run(handler, lambda c: c.mambu_delete(entid, prefix))
    for path in paths:
        head, _, tail = path.rpartition("/")
        assert head == f"/api/{prefix}" and tail not in ("", ".", "..")


@BOUNDED
@given(
    prefix=st.text(max_size=12),
    params=st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)
def test_any_prefix_and_query_raise_only_library_errors(prefix: str, params: dict[str, str]) -> None:
    _run(_ok, lambda c: c.mambu_get_all(prefix, filters=params, limit=5))


@BOUNDED
@given(
    status=st.sampled_from([200, 201, 400, 404, 429, 500, 503]),
    body=st.one_of(
        st.binary(max_size=64),
        st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
        st.sampled_from([b"", b"null", b"{}", b"[1, 2]", b'"text"', b"<html>oops</html>", b'{"errors": 5}']),
    ),
    retry_after=st.one_of(st.none(), st.text(max_size=8)),
)
def test_any_answer_raises_only_library_errors(status: int, body: bytes, retry_after: str | None) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {} if retry_after is None else {"Retry-After": retry_after}
        try:
            return httpx.Response(status, content=body, headers=headers)
        except (UnicodeEncodeError, httpx.LocalProtocolError):
            return httpx.Response(status, content=body)

    _run(handler, lambda c: c.mambu_get("C1", "clients"))
    _run(handler, lambda c: c.mambu_get_all("loans", limit=3))


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=6),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(dt.UTC))),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@BOUNDED
@given(body=st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=4), amount=JSON_LEAVES)
def test_any_body_or_amount_raises_only_library_errors(body: dict[str, Any], amount: Any) -> None:
    _run(_ok, lambda c: c.mambu_create("clients", body))
    _run(_ok, lambda c: c.mambu_make_repayment("L1", amount))
    _run(_ok, lambda c: c.mambu_patch("C1", "clients", [("REPLACE", "x", v) for v in body.values()]))


def test_decimal_amount_round_trips_exactly() -> None:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return _ok(request)

    _run(handler, lambda c: c.mambu_make_repayment("L1", Decimal("1234567890.12")))
    assert b'"amount":1234567890.12' in sent[0]
