"""Route table of the fake: ``(method, template) → handler``, matched on the raw path.

Templates use ``{name}`` for one path segment and a literal ``:action`` suffix, e.g.
``/clients/{id}``, ``/clients:search``, ``/loans/{id}:changeState``, ``/deposits/transactions/{id}``.
Matching works on the percent-encoded path: segments are split on ``/`` and the action on the literal
``:`` *before* decoding, so an id holding ``/`` or ``:`` (sent escaped) cannot change the route.
Literal segments beat ``{name}`` segments, so ``/deposits/transactions/{id}`` wins over
``/deposits/{id}/transactions``. A later registration for the same method and template replaces the
earlier one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote

import attrs

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.messages import FakeRequest, FakeResponse

Handler = Callable[["FakeMambu", "FakeRequest"], "FakeResponse"]
"""A route handler: takes the backend and the request, returns the response or raises ``ApiError``."""


@attrs.frozen
class _Segment:
    literal: str | None
    param: str | None
    action: str | None


def _parse_template(template: str) -> tuple[_Segment, ...]:
    parts = template.strip("/").split("/")
    out: list[_Segment] = []
    for part in parts:
        head, sep, action = part.partition(":")
        action_or_none = action if sep else None
        if head.startswith("{") and head.endswith("}"):
            out.append(_Segment(None, head[1:-1], action_or_none))
        else:
            out.append(_Segment(head, None, action_or_none))
    return tuple(out)


@attrs.frozen
class Route:
    """One registered route."""

    method: str
    template: str
    handler: Handler
    segments: tuple[_Segment, ...]

    @property
    def literal_count(self) -> int:
        """How many literal segments the template has (more means more specific)."""
        return sum(1 for s in self.segments if s.literal is not None)

    def match(self, raw_segments: list[str]) -> dict[str, str] | None:
        """The decoded ``{name}`` values when ``raw_segments`` fit this route."""
        if len(raw_segments) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for seg, raw in zip(self.segments, raw_segments, strict=True):
            head, sep, action = raw.partition(":")
            if (action if sep else None) != seg.action:
                return None
            if seg.literal is not None:
                if unquote(head) != seg.literal:
                    return None
            else:
                value = unquote(head)
                if not value:
                    return None
                assert seg.param is not None
                params[seg.param] = value
        return params


class Router:
    """The fake's route table; resource modules call :meth:`add` from their ``register`` function."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], Route] = {}

    def add(self, method: str, template: str, handler: Handler) -> None:
        """Serve ``method template`` with ``handler`` (replacing an earlier registration)."""
        key = (method.upper(), "/" + template.strip("/"))
        self._routes[key] = Route(key[0], key[1], handler, _parse_template(template))

    def routes(self) -> list[Route]:
        """Every registered route."""
        return list(self._routes.values())

    def methods_for(self, raw_path: str) -> list[str]:
        """The methods served on the raw path, sorted (for a 405's ``Allow``)."""
        raw_segments = raw_path.split("?", 1)[0].strip("/").split("/")
        routes = self._routes.values()
        return sorted({route.method for route in routes if route.match(raw_segments) is not None})

    def resolve(self, method: str, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The most specific route for ``method`` and the raw path, with its decoded params."""
        raw_segments = raw_path.split("?", 1)[0].strip("/").split("/")
        best: tuple[Route, dict[str, str]] | None = None
        for route in self._routes.values():
            if route.method != method.upper():
                continue
            params = route.match(raw_segments)
            if params is not None and (best is None or route.literal_count > best[0].literal_count):
                best = (route, params)
        return best
