"""Keep secrets out of URLs, reprs and logs."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SECRET_PARAMS = frozenset({"apikey", "api_key", "password", "pwd", "user", "username", "token"})
REDACTED = "***"


def redact_url(url: str) -> str:
    """``url`` without userinfo and with secret-looking query values masked."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, REDACTED if k.lower() in SECRET_PARAMS else v) for k, v in pairs], safe="*:,"
        )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
