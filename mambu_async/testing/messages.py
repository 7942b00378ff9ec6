"""The request and response objects the fake's handlers see, and Mambu's JSON response helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from mambu_async import _json
from mambu_async.connector.wire import UploadFile
from mambu_async.testing.apierror import ApiError, bad_request

CONTENT_TYPE = "application/vnd.mambu.v2+json;charset=UTF-8"


@attrs.define
class FakeRequest:
    """One request as the backend sees it.

    ``path`` is the raw (percent-encoded) path relative to ``/api``; ``path_params`` hold the decoded
    ``{name}`` segments of the matched route; ``params`` keep the query's order and repeats;
    ``headers`` have lower-case names. ``strict_params`` is the tenant's
    :attr:`~mambu_async.testing.backend.FakeMambu.strict_params` (refuse undeclared query parameters).
    """

    method: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: bytes | None = None
    form: Mapping[str, str] | None = None
    upload: UploadFile | None = None
    path_params: dict[str, str] = attrs.field(factory=dict)
    strict_params: bool = False

    @property
    def idempotency_key(self) -> str | None:
        """The ``Idempotency-Key`` header, if sent."""
        return self.headers.get("idempotency-key")

    def param(self, name: str) -> str | None:
        """The last value of query parameter ``name``."""
        value = None
        for key, item in self.params:
            if key == name:
                value = item
        return value

    def param_names(self) -> set[str]:
        """Names of every query parameter sent."""
        return {key for key, _ in self.params}

    def json(self) -> Any:
        """The body decoded (numbers with a fraction as ``Decimal``); 400 when it is not JSON."""
        if not self.body or not self.body.strip():
            raise bad_request("INVALID_JSON_SYNTAX", "The request body is empty")
        try:
            return _json.loads(self.body)
        except (_json.DecodeError, UnicodeDecodeError, ValueError) as exc:
            raise bad_request("INVALID_JSON_SYNTAX", f"Malformed JSON: {exc}") from None

    def json_object(self) -> dict[str, Any]:
        """The body, which must be a JSON object."""
        data = self.json()
        if not isinstance(data, dict):
            raise bad_request("INVALID_JSON_SYNTAX", "The request body must be a JSON object")
        return data


@attrs.define
class FakeResponse:
    """What the fake answers: status, headers (lower-case names), body bytes."""

    status: int
    headers: dict[str, str] = attrs.field(factory=dict)
    body: bytes = b""


def without_nulls(value: Any) -> Any:
    """``value`` with every ``null`` object member left out, at any depth (list items stay).

    [INFERRED] Mambu's v2 responses leave out fields without a value and its OpenAPI files declare no
    field nullable, so a ``null`` sent in a create, PUT or action body clears or omits the field: the
    fake stores and answers it as absent, never as ``null``.
    """
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def json_response(status: int, data: Any, headers: Mapping[str, str] | None = None) -> FakeResponse:
    """A Mambu JSON response (``Decimal`` kept as numbers)."""
    out = {"content-type": CONTENT_TYPE}
    out.update({k.lower(): v for k, v in (headers or {}).items()})
    return FakeResponse(status, out, _json.dumps(data))


def no_content() -> FakeResponse:
    """204 with an empty body (PATCH, DELETE)."""
    return FakeResponse(204, {}, b"")


def error_response(error: ApiError) -> FakeResponse:
    """The response for an :class:`ApiError`."""
    return json_response(error.status, error.body(), error.headers)


def list_response(
    items: Sequence[Any], *, offset: int, limit: int, total: int, details: bool
) -> FakeResponse:
    """200 with a JSON array, plus ``items-offset``/``items-limit``/``items-total`` when ``details``."""
    headers = (
        {"items-offset": str(offset), "items-limit": str(limit), "items-total": str(total)} if details else {}
    )
    return json_response(200, list(items), headers)
