"""The resumable cursor of a bulk pull.

A cursor is URL-safe base64 of compact JSON::

    {"v": 1, "q": "<query fingerprint>", "w": "<window lower bound>" | null,
     "o": <offset of the page being delivered>, "k": <last delivered sort-key value> | null,
     "done": false}

It names the position right after the last record the consumer received: resuming re-reads the page at
``o`` (in window ``w``) and skips every key up to ``k``, so nothing handed out is handed out again and
nothing after it is skipped. ``q`` binds it to the query (prefix, filters, sort, window size): resuming
a different query with it is refused. Treat it as opaque; the layout is documented for debugging only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

import attrs

from mambu_async.errors import MambuValidationError

CURSOR_VERSION = 1


def query_fingerprint(parts: dict[str, Any]) -> str:
    """A short stable digest of everything that defines the result set and its order."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@attrs.frozen
class CursorState:
    """Where a pull stands: window lower bound, page offset, last delivered key, finished or not."""

    fingerprint: str
    window: str | None = None
    offset: int = 0
    last_key: Any = None
    done: bool = False

    def encode(self) -> str:
        """The opaque token."""
        payload = {
            "v": CURSOR_VERSION,
            "q": self.fingerprint,
            "w": self.window,
            "o": self.offset,
            "k": self.last_key,
            "done": self.done,
        }
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, fingerprint: str) -> CursorState:
        """Parse ``token``; refuse a malformed one or one made for another query."""
        if not isinstance(token, str) or not token:
            raise MambuValidationError("cursor must be a non-empty string from a previous pull")
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            payload = json.loads(raw)
        except (binascii.Error, ValueError) as exc:
            raise MambuValidationError("cursor is not a token made by iterate()") from exc
        if not isinstance(payload, dict) or payload.get("v") != CURSOR_VERSION:
            raise MambuValidationError("cursor is not a token made by this version of iterate()")
        if payload.get("q") != fingerprint:
            raise MambuValidationError("cursor belongs to a different query (prefix, filters or sort)")
        offset = payload.get("o")
        window = payload.get("w")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise MambuValidationError("cursor has an invalid offset")
        if window is not None and not isinstance(window, str):
            raise MambuValidationError("cursor has an invalid window")
        return cls(fingerprint, window, offset, payload.get("k"), bool(payload.get("done")))
