"""Base URL rules, credentials, from_env, and who owns the httpx client."""

from __future__ import annotations

import base64

import httpx
import pytest
import respx

from mambu_async import MambuConnectorREST, MambuValidationError, __version__
from mambu_async.config import MambuSettings, normalize_base_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://acme.mambu.com", "https://acme.mambu.com/api"),
        ("https://acme.mambu.com/", "https://acme.mambu.com/api"),
        ("https://acme.mambu.com/api", "https://acme.mambu.com/api"),
        ("https://acme.mambu.com/api/", "https://acme.mambu.com/api"),
        ("HTTPS://Acme.Sandbox.Mambu.com:8443", "https://acme.sandbox.mambu.com:8443/api"),
        ("https://proxy.example/mambu", "https://proxy.example/mambu/api"),
        ("http://localhost:8889", "http://localhost:8889/api"),
        ("http://127.0.0.1:8889/api", "http://127.0.0.1:8889/api"),
        ("http://[::1]:8000", "http://[::1]:8000/api"),
    ],
)
def test_base_url_normalisation(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "http://acme.mambu.com",
        "http://10.0.0.5:8889",
        "ftp://acme.mambu.com",
        "acme.mambu.com",
        "",
        None,
        "https://acme.mambu.com/api?x=1",
        "https://acme.mambu.com/#top",
        "https://user:pw@acme.mambu.com",
        "https://:99999",
        "http://evil.localhost:8889",  # a name, resolved by whatever resolver: not trusted with http
        "http://localhost.evil.example",
        "https://acme\x01.mambu.com",
        "https://acme.mambu.com/a\tb",
        "https://acme\u200d.mambu.com",  # not a valid IDNA host name
    ],
)
def test_bad_base_urls(bad: object) -> None:
    with pytest.raises(MambuValidationError):
        normalize_base_url(bad)


@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {"username": "u"},
        {"password": "p"},
        {"username": "u", "password": "p", "api_key": "k"},
        {"api_key": "k\r\nX-Evil: 1"},
        {"username": "a:b", "password": "p"},
        {"api_key": ""},
    ],
)
def test_bad_credentials(credentials: dict[str, str]) -> None:
    with pytest.raises(MambuValidationError):
        MambuConnectorREST("https://acme.mambu.com", **credentials)


def test_from_env_prefers_the_api_key() -> None:
    settings = MambuSettings.from_env(
        {
            "MAMBU_BASE_URL": "https://acme.mambu.com",
            "MAMBU_API_KEY": "key",
            "MAMBU_USERNAME": "u",
            "MAMBU_PASSWORD": "p",
            "MAMBU_TIMEOUT": "12.5",
            "MAMBU_MAX_CONCURRENCY": "4",
        }
    )
    assert settings.connector_kwargs() == {
        "base_url": "https://acme.mambu.com/api",
        "username": None,
        "password": None,
        "api_key": "key",
        "timeout": 12.5,
        "max_concurrency": 4,
    }


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"MAMBU_BASE_URL": "https://acme.mambu.com"},
        {"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_USERNAME": "u"},
        {"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_API_KEY": "k", "MAMBU_TIMEOUT": "soon"},
    ],
)
def test_from_env_needs_url_and_credentials(env: dict[str, str]) -> None:
    with pytest.raises(MambuValidationError):
        MambuConnectorREST.from_env(env)


async def test_from_env_builds_a_working_connector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAMBU_BASE_URL", "https://acme.mambu.com/api")
    monkeypatch.setenv("MAMBU_USERNAME", "u")
    monkeypatch.setenv("MAMBU_PASSWORD", "p")
    monkeypatch.delenv("MAMBU_API_KEY", raising=False)
    with respx.mock(base_url="https://acme.mambu.com/api") as mock:
        route = mock.get("/clients/C1").respond(200, json={"id": "C1"})
        async with MambuConnectorREST.from_env(max_retries=0) as conn:
            assert await conn.mambu_get("C1", "clients") == {"id": "C1"}
    expected = "Basic " + base64.b64encode(b"u:p").decode()
    assert route.calls.last.request.headers["Authorization"] == expected


async def test_borrowed_client_gets_our_auth_headers_and_absolute_urls_and_stays_open() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "C1"})

    borrowed = httpx.AsyncClient(
        transport=httpx.MockTransport(handler),
        base_url="https://elsewhere.example/other",
        headers={"Accept": "text/html", "User-Agent": "their-app"},
    )
    async with MambuConnectorREST("https://acme.mambu.com", api_key="key", http_client=borrowed) as conn:
        await conn.mambu_get("C1", "clients")
    assert not borrowed.is_closed
    request = seen[0]
    assert str(request.url) == "https://acme.mambu.com/api/clients/C1?detailsLevel=BASIC"
    assert request.headers["apiKey"] == "key"
    assert request.headers["Accept"] == "application/vnd.mambu.v2+json"
    assert request.headers["User-Agent"] == f"mambu-async/{__version__}"
    await borrowed.aclose()


async def test_owned_client_is_closed_and_uses_the_transport() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    conn = MambuConnectorREST("http://127.0.0.1:8889", api_key="key", transport=transport)
    async with conn:
        assert await conn.mambu_get_all("clients", limit=1) == []
    assert conn._client.is_closed


async def test_transport_and_client_are_exclusive() -> None:
    async with httpx.AsyncClient() as borrowed:
        with pytest.raises(MambuValidationError):
            MambuConnectorREST(
                "https://acme.mambu.com",
                api_key="k",
                http_client=borrowed,
                transport=httpx.MockTransport(lambda request: httpx.Response(200)),
            )


async def test_timeouts_and_pool_limits_are_explicit() -> None:
    async with MambuConnectorREST(
        "https://acme.mambu.com", api_key="k", timeout=20, max_concurrency=5
    ) as conn:
        assert conn.timeout == httpx.Timeout(20.0, connect=10.0)
        assert conn.limits.max_connections == 5
    custom = httpx.Timeout(3.0)
    async with MambuConnectorREST("https://acme.mambu.com", api_key="k", timeout=custom) as conn:
        assert conn.timeout is custom


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("MAMBU_PAGE_SIZE", "1001"),
        ("MAMBU_PAGE_SIZE", "ten"),
        ("MAMBU_TIMEOUT", "0"),
        ("MAMBU_TIMEOUT", "inf"),
        ("MAMBU_MAX_RETRIES", "-1"),
        ("MAMBU_MAX_CONCURRENCY", "0"),
        ("MAMBU_BASE_URL", "http://acme.mambu.com"),
    ],
)
def test_from_env_names_the_variable_out_of_range(variable: str, value: str) -> None:
    env = {"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_API_KEY": "k", variable: value}
    with pytest.raises(MambuValidationError) as refused:
        MambuConnectorREST.from_env(env)
    assert str(refused.value).startswith(variable)


def test_from_env_accepts_the_page_limit_itself() -> None:
    env = {"MAMBU_BASE_URL": "https://acme.mambu.com", "MAMBU_API_KEY": "k", "MAMBU_PAGE_SIZE": "1000"}
    assert MambuConnectorREST.from_env(env).page_size == 1000
