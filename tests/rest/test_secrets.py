"""Passwords and API keys appear in no log record, repr, exception text or URL."""

from __future__ import annotations

import base64
import logging

import httpx
import pytest
import respx
from wire_helpers import API_KEY, BASE, PASSWORD, TENANT, USERNAME, SleepRecorder

from mambu_async import MambuConnectorREST, MambuError, MambuValidationError
from mambu_async.config import MambuAuth, MambuSettings

BASIC_TOKEN = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
SECRETS = (PASSWORD, API_KEY, BASIC_TOKEN)


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize("credentials", [{"username": USERNAME, "password": PASSWORD}, {"api_key": API_KEY}])
async def test_no_secret_in_logs_reprs_errors_or_urls(
    credentials: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[MambuError] = []
    urls: list[str] = []
    with respx.mock(base_url=BASE) as mock, caplog.at_level(logging.DEBUG):
        mock.get("/clients/C1").mock(
            side_effect=[
                httpx.Response(503),
                httpx.ReadTimeout("lost"),
                httpx.Response(200, json={"id": "C1"}),
            ]
        )
        mock.get("/clients/C2").respond(
            401, json={"errors": [{"errorCode": 2, "errorReason": "INVALID_CREDENTIALS"}]}
        )
        mock.post("/loans/L1/repayment-transactions").mock(side_effect=httpx.ConnectError("refused"))
        conn = MambuConnectorREST(TENANT, sleep=SleepRecorder(), **credentials)
        async with conn:
            await conn.mambu_get("C1", "clients")
            for call in (conn.mambu_get("C2", "clients"), conn.mambu_make_repayment("L1", "5")):
                try:
                    await call
                except MambuError as exc:
                    errors.append(exc)
            urls = [str(c.request.url) for c in mock.calls]
    assert len(errors) == 2
    assert caplog.records, "DEBUG logging should have produced records"
    for record in caplog.records:
        assert_clean(record.getMessage())
        assert_clean(str(record.args))
    for error in errors:
        assert_clean(str(error))
        assert_clean(repr(error))
        assert_clean(str(error.url))
        assert_clean(str(error.__cause__))
    for url in urls:
        assert_clean(url)
    assert_clean(repr(conn))
    assert_clean(str(conn.__dict__.get("_auth")))


def test_settings_and_auth_reprs_hide_secrets() -> None:
    settings = MambuSettings(base_url=TENANT, username=USERNAME, password=PASSWORD)
    assert_clean(repr(settings))
    assert "***" in repr(settings)
    assert_clean(repr(MambuSettings(base_url=TENANT, api_key=API_KEY)))
    assert_clean(repr(MambuAuth(username=USERNAME, password=PASSWORD)))
    assert_clean(repr(MambuAuth(api_key=API_KEY)))


def test_credentials_in_the_base_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(MambuValidationError) as caught:
        MambuConnectorREST(f"https://{USERNAME}:{PASSWORD}@acme.mambu.com", api_key=API_KEY)
    assert_clean(str(caught.value))


async def test_credentials_as_query_parameters_are_refused(mock: respx.MockRouter) -> None:
    route = mock.route()
    async with MambuConnectorREST(TENANT, api_key=API_KEY) as conn:
        for name in ("user", "pwd", "password", "apiKey"):
            with pytest.raises(MambuValidationError):
                await conn.mambu_get_all("clients", **{name: PASSWORD})
    assert not route.called


async def test_from_env_hides_secrets() -> None:
    env = {"MAMBU_BASE_URL": TENANT, "MAMBU_USERNAME": USERNAME, "MAMBU_PASSWORD": PASSWORD}
    async with MambuConnectorREST.from_env(env) as conn:
        assert_clean(repr(conn))
    assert_clean(repr(MambuSettings.from_env(env)))


def _reachable_text(root: object) -> list[str]:
    """Every string (and bytes, decoded) reachable from ``root`` through exception causes and contexts,
    arguments, attributes, requests, headers, URLs and containers (tracebacks and frames aside)."""
    found: list[str] = []
    seen: set[int] = set()
    todo: list[object] = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or obj is None or isinstance(obj, int | float | bool | type):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.append(obj)
        elif isinstance(obj, bytes | bytearray):
            found.append(bytes(obj).decode("latin-1"))
        elif isinstance(obj, httpx.URL):
            found.append(str(obj))
        elif isinstance(obj, httpx.Headers):
            todo.extend(obj.raw)
        elif isinstance(obj, dict):
            todo.extend(obj.keys())
            todo.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            todo.extend(obj)
        elif not callable(obj) or isinstance(obj, BaseException):
            if isinstance(obj, BaseException):
                todo.extend([obj.__cause__, obj.__context__, obj.args])
            if isinstance(obj, httpx.Request):
                todo.extend([obj.url, obj.headers])
            todo.extend(getattr(obj, "__dict__", {}).values())
            for slot in getattr(type(obj), "__slots__", ()):
                todo.append(getattr(obj, slot, None))
    return found


@pytest.mark.parametrize("credentials", [{"username": USERNAME, "password": PASSWORD}, {"api_key": API_KEY}])
async def test_nothing_reachable_from_an_error_holds_a_secret(credentials: dict[str, str]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/C1"):
            raise httpx.ReadError("connection reset by peer", request=request)
        if request.url.path.endswith("/C2"):
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(500, json={"errors": [{"errorCode": 6, "errorReason": "INTERNAL_ERROR"}]})

    errors: list[MambuError] = []
    async with MambuConnectorREST(
        TENANT, transport=httpx.MockTransport(handler), sleep=SleepRecorder(), **credentials
    ) as conn:
        for entid in ("C1", "C2", "C3"):
            with pytest.raises(MambuError) as caught:
                await conn.mambu_get(entid, "clients")
            errors.append(caught.value)
    # A real refused connection on a loopback port nobody listens on (httpcore's own error chain).
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with MambuConnectorREST(f"http://127.0.0.1:{port}", max_retries=0, **credentials) as conn:
        with pytest.raises(MambuError) as caught:
            await conn.mambu_make_repayment("L1", "5.25")
        errors.append(caught.value)
    assert [type(e.__cause__) for e in errors[:2]] == [httpx.ReadError, httpx.ReadTimeout]
    assert isinstance(errors[3].__cause__, httpx.ConnectError)
    for error in errors:
        texts = _reachable_text(error)
        assert any("clients" in t or "repayment" in t for t in texts)  # the walk did reach the error's data
        for text in texts:
            assert_clean(text)
