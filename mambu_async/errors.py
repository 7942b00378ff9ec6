"""The ``MambuError`` tree and the parsing of Mambu's error bodies.

Mambu answers failures with a v2 body ``{"errors": [{"errorCode", "errorReason", "errorSource"}]}``
(every entry kept), sometimes the bare single object, and on legacy routes the v1 body
``{"returnCode", "returnStatus"}`` (api-semantics §3.2). Anything else (empty, HTML, a JSON array) is
kept as raw text on the error; parsing never raises a ``KeyError`` or ``TypeError``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from mambu_async._redact import redact_url

__all__ = [
    "MambuAuthenticationError",
    "MambuBadRequestError",
    "MambuConflictError",
    "MambuConnectionError",
    "MambuError",
    "MambuErrorDetail",
    "MambuNotFoundError",
    "MambuNotImplementedError",
    "MambuPermissionError",
    "MambuRateLimitError",
    "MambuResponseError",
    "MambuServerError",
    "MambuTimeoutError",
    "MambuValidationError",
    "MambuWriteCommittedError",
    "error_for_status",
    "parse_error_details",
]


@attrs.frozen
class MambuErrorDetail:
    """One entry of Mambu's ``errors`` array."""

    code: int | str | None
    reason: str | None
    source: str | None = None

    def __str__(self) -> str:
        text = f"{self.code} {self.reason}" if self.code is not None else f"{self.reason}"
        return f"{text} ({self.source})" if self.source else text


class MambuError(Exception):
    """Root of every error this library raises."""

    status_code: int | None
    errors: list[MambuErrorDetail]
    method: str | None
    url: str | None
    body: Any

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        errors: Sequence[MambuErrorDetail] = (),
        method: str | None = None,
        url: str | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.errors = list(errors)
        self.method = method
        self.url = redact_url(url) if url else url
        self.body = body

    @property
    def error_code(self) -> int | str | None:
        """The first entry's ``errorCode`` (convenience; see ``errors`` for all)."""
        return self.errors[0].code if self.errors else None

    @property
    def error_reason(self) -> str | None:
        """The first entry's ``errorReason``."""
        return self.errors[0].reason if self.errors else None

    @property
    def error_source(self) -> str | None:
        """The first entry's ``errorSource``."""
        return self.errors[0].source if self.errors else None

    def __str__(self) -> str:
        parts = [self.message]
        if self.status_code is not None:
            parts.insert(0, f"[{self.status_code}]")
        if self.method and self.url:
            parts.append(f"on {self.method} {self.url}")
        if self.errors:
            parts.append("- " + "; ".join(str(e) for e in self.errors))
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code!r}, "
            f"errors={self.errors!r}, method={self.method!r}, url={self.url!r})"
        )


class MambuValidationError(MambuError, ValueError):
    """Bad input caught before any request is sent (``status_code`` is ``None``)."""


class MambuResponseError(MambuError):
    """A response that is not what Mambu documents (undecodable or wrongly shaped)."""


class MambuBadRequestError(MambuError):
    """HTTP 400: Mambu refused the request (validation, state, business rule)."""


class MambuAuthenticationError(MambuError):
    """HTTP 401: missing or wrong credentials."""


class MambuPermissionError(MambuError):
    """HTTP 403: the credentials lack the permission."""


class MambuNotFoundError(MambuError):
    """HTTP 404: the entity does not exist."""


class MambuConflictError(MambuError):
    """HTTP 409: the request conflicts with the entity's current state."""


class MambuRateLimitError(MambuError):
    """HTTP 429: too many requests; ``retry_after`` holds the server's wait in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class MambuServerError(MambuError):
    """HTTP 5xx."""


class MambuNotImplementedError(MambuServerError):
    """HTTP 501: the server (for example the emulator) does not implement the operation."""


class MambuConnectionError(MambuError):
    """No response: the connection failed or was reset."""


class MambuTimeoutError(MambuConnectionError):
    """No response in time."""


class MambuWriteCommittedError(MambuError):
    """The write succeeded (Mambu committed it and answered), but reading the account back afterwards
    failed, twice. ``committed`` holds what the write returned (the transaction, for money movements):
    the money moved, so do not send the write again (a new idempotency key would post it twice). The
    read's error is the ``__cause__``; its status and Mambu errors are copied here; the entity keeps
    its values from before the write until refreshed."""

    def __init__(self, message: str, *, committed: Any, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.committed = committed


_STATUS_CLASSES: dict[int, type[MambuError]] = {
    400: MambuBadRequestError,
    401: MambuAuthenticationError,
    403: MambuPermissionError,
    404: MambuNotFoundError,
    409: MambuConflictError,
    429: MambuRateLimitError,
    501: MambuNotImplementedError,
}


def _code(value: Any) -> int | str | None:
    """Mambu's numeric code as ``int`` even when sent as a string (``"4"``)."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if value is None or isinstance(value, int | str) else str(value)


def _detail(entry: Mapping[str, Any]) -> MambuErrorDetail | None:
    source = _opt_str(entry.get("errorSource"))
    if "errorCode" in entry or "errorReason" in entry:
        return MambuErrorDetail(_code(entry.get("errorCode")), _opt_str(entry.get("errorReason")), source)
    if "returnCode" in entry or "returnStatus" in entry:
        return MambuErrorDetail(_code(entry.get("returnCode")), _opt_str(entry.get("returnStatus")), source)
    return None


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def parse_error_details(body: Any) -> list[MambuErrorDetail]:
    """Every error entry of a decoded Mambu error body (v2 array, bare v2 object or v1)."""
    if isinstance(body, Mapping):
        entries = body.get("errors")
        if isinstance(entries, list):
            found = [_detail(e) for e in entries if isinstance(e, Mapping)]
            return [d for d in found if d is not None]
        single = _detail(body)
        return [single] if single else []
    return []


def decode_error_body(content: bytes) -> Any:
    """Decode an error body: JSON when it is JSON, else the text (``None`` when empty)."""
    if not content:
        return None
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def error_for_status(
    status_code: int,
    body: Any,
    *,
    method: str | None = None,
    url: str | None = None,
    retry_after: float | None = None,
) -> MambuError:
    """Build the error for an HTTP failure from its status and decoded body."""
    details = parse_error_details(body)
    cls = _STATUS_CLASSES.get(status_code)
    if cls is None:
        cls = MambuServerError if status_code >= 500 else MambuError
    if details:
        message = details[0].reason or "Mambu error"
    elif isinstance(body, str) and body.strip() and not body.lstrip().startswith("<"):
        message = body.strip()[:200]
    elif isinstance(body, str) and body.strip():
        message = f"HTTP {status_code} with a non-JSON (HTML) body"
    else:
        message = f"HTTP {status_code}"
    kwargs: dict[str, Any] = {
        "status_code": status_code,
        "errors": details,
        "method": method,
        "url": url,
        "body": body,
    }
    if cls is MambuRateLimitError:
        return MambuRateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)
