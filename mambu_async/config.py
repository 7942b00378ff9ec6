"""Connection settings: the tenant's base URL, credentials as an ``httpx.Auth``, and ``from_env``.

Secrets (the password, the API key) are kept out of ``repr``, ``str``, logs and URLs: they only ever
reach the ``Authorization`` or ``apiKey`` header of an outgoing request.
"""

from __future__ import annotations

import base64
import ipaddress
import os
from collections.abc import Generator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import attrs
import httpx

from mambu_async.connector.validation import fail

__all__ = [
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ENV_PASSWORD",
    "ENV_USERNAME",
    "MambuAuth",
    "MambuSettings",
    "normalize_base_url",
]

ENV_BASE_URL = "MAMBU_BASE_URL"
ENV_API_KEY = "MAMBU_API_KEY"
ENV_USERNAME = "MAMBU_USERNAME"
ENV_PASSWORD = "MAMBU_PASSWORD"

_OPTIONAL_ENV: dict[str, tuple[str, type[int] | type[float], float, float, str]] = {
    # variable: (connector keyword, type, lowest, highest, what the value must be)
    "MAMBU_TIMEOUT": ("timeout", float, 1e-3, 86_400.0, "a positive number of seconds"),
    "MAMBU_MAX_RETRIES": ("max_retries", int, 0, 100, "a whole number from 0 to 100"),
    "MAMBU_MAX_CONCURRENCY": ("max_concurrency", int, 1, 1_000, "a whole number from 1 to 1,000 or auto"),
    "MAMBU_PAGE_SIZE": ("page_size", int, 1, 1_000, "a whole number from 1 to 1,000 (Mambu's page limit)"),
}


def _is_loopback(host: str) -> bool:
    """``localhost`` itself or a literal loopback address (a name under ``.localhost`` is resolved by
    whatever resolver the machine has, so it is not trusted with plain http)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: Any) -> str:
    """The API root for a tenant URL: ``https://acme.mambu.com`` or ``.../api`` → ``https://acme.mambu.com/api``.

    Plain ``http`` is accepted only for loopback hosts (``localhost``, ``127.0.0.0/8``, ``::1``), for an
    emulator on the same machine. Credentials, queries and fragments in the URL are refused (the error
    never repeats the URL, which might hold a secret).
    """
    if not isinstance(url, str) or not url.strip():
        raise fail("base_url must be the tenant URL, such as 'https://acme.mambu.com'")
    text = url.strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise fail("base_url must not contain control characters")
    if "://" not in text:
        raise fail("base_url needs a scheme: 'https://acme.mambu.com'")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise fail("base_url is not a valid URL") from None
    if parts.username is not None or parts.password is not None:
        raise fail("base_url must not hold credentials; pass username/password or api_key instead")
    if parts.query or parts.fragment:
        raise fail("base_url must not have a query or fragment")
    host = parts.hostname
    if not host:
        raise fail("base_url needs a host name")
    scheme = parts.scheme.lower()
    if scheme == "http":
        if not _is_loopback(host):
            raise fail("base_url must use https (plain http is allowed only for localhost)")
    elif scheme != "https":
        raise fail(f"base_url scheme must be https, got {scheme!r}")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    path = parts.path.rstrip("/")
    if not path.endswith("/api"):
        path = f"{path}/api"
    root = urlunsplit((scheme, netloc, path, "", ""))
    try:
        httpx.URL(root)  # what httpx will refuse later (a host that is not valid IDNA, say)
    except (httpx.InvalidURL, ValueError):
        raise fail("base_url is not a valid URL") from None
    return root


def _check_header_value(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise fail(f"{name} must be a non-empty string")
    if any(ch in value for ch in "\r\n\x00"):
        raise fail(f"{name} must not contain line breaks")
    return value


class MambuAuth(httpx.Auth):
    """Basic authentication or Mambu's ``apiKey`` header, applied to every request.

    ``repr`` names the method only; the secret is never shown.
    """

    def __init__(
        self,
        *,
        username: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
    ) -> None:
        if api_key is not None:
            if username is not None or password is not None:
                raise fail("give either api_key or username and password, not both")
            self._header = ("apiKey", _check_header_value(api_key, "api_key"))
            self.kind = "apiKey"
            self.username: str | None = None
            return
        if username is None or password is None:
            raise fail("credentials needed: api_key, or username and password")
        user = _check_header_value(username, "username")
        if ":" in user:
            raise fail("username must not contain ':'")
        secret = _check_header_value(password, "password")
        token = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
        self._header = ("Authorization", f"Basic {token}")
        self.kind = "basic"
        self.username = user

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the credential header to ``request`` (httpx's auth hook)."""
        request.headers[self._header[0]] = self._header[1]
        yield request

    def __repr__(self) -> str:
        who = f", username={self.username!r}" if self.username else ""
        return f"MambuAuth(kind={self.kind!r}{who})"

    __str__ = __repr__


@attrs.frozen
class MambuSettings:
    """Where and how to connect: keyword arguments for ``MambuConnectorREST`` (secrets hidden in repr)."""

    base_url: str = attrs.field(converter=normalize_base_url)
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=lambda value: "'***'" if value else "None")
    api_key: str | None = attrs.field(default=None, repr=lambda value: "'***'" if value else "None")
    options: Mapping[str, Any] = attrs.field(factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MambuSettings:
        """Read ``MAMBU_BASE_URL`` and ``MAMBU_API_KEY`` (preferred) or ``MAMBU_USERNAME`` +
        ``MAMBU_PASSWORD``; optional ``MAMBU_TIMEOUT``, ``MAMBU_MAX_RETRIES``,
        ``MAMBU_MAX_CONCURRENCY`` and ``MAMBU_PAGE_SIZE``."""
        env = os.environ if environ is None else environ
        base_url = env.get(ENV_BASE_URL, "").strip()
        if not base_url:
            raise fail(f"{ENV_BASE_URL} is not set")
        try:
            base_url = normalize_base_url(base_url)
        except ValueError as exc:
            raise fail(f"{ENV_BASE_URL}: {exc}") from None
        api_key = env.get(ENV_API_KEY) or None
        username = env.get(ENV_USERNAME) or None
        password = env.get(ENV_PASSWORD) or None
        if api_key is not None:
            username = password = None
        elif username is None or password is None:
            raise fail(f"set {ENV_API_KEY}, or {ENV_USERNAME} and {ENV_PASSWORD}")
        options: dict[str, Any] = {}
        for var, (name, kind, lowest, highest, what) in _OPTIONAL_ENV.items():
            raw = env.get(var)
            if raw is None or not raw.strip():
                continue
            if name == "max_concurrency" and raw.strip().lower() == "auto":
                options[name] = "auto"
                continue
            try:
                value = kind(raw.strip())
            except ValueError:
                value = None
            if value is None or not lowest <= value <= highest:  # also refuses nan
                raise fail(f"{var} must be {what}, got {raw!r}")
            options[name] = value
        return cls(base_url=base_url, username=username, password=password, api_key=api_key, options=options)

    def auth(self) -> MambuAuth:
        """The ``httpx.Auth`` for these credentials."""
        return MambuAuth(username=self.username, password=self.password, api_key=self.api_key)

    def connector_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``MambuConnectorREST(**kwargs)``."""
        return {
            "base_url": self.base_url,
            "username": self.username,
            "password": self.password,
            "api_key": self.api_key,
            **self.options,
        }
