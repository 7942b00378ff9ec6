"""Mambu API v1 on the fake: the v1 wire (answers and error bodies) and the v1 routes without a v2
equivalent (seeds 002 and 003).

v1 and v2 share ``/api``; Mambu picks the version by the Accept header (api-semantics §1). Routes only v1
has (``/activities``, ``/indicators/{name}``, ``/search``, ``/clienttypes``, ``/grouprolenames``, a client's
``documents/PROFILE_PICTURE`` and ``SIGNATURE``, ``.../custominformation/...``) answer v1 whatever the
Accept header. Where both versions serve a path (``/documents``), a request is v1 when it says so: a JSON
body on ``POST /documents`` (v2 uploads are multipart), or an Accept header naming ``application/json``
without v2's vendor type. [INFERRED] A request with no Accept header (or ``*/*``) keeps v2 there, so the
fake's v2 behaviour does not depend on a client remembering the header.

v1 answers are ``application/json``; failures are ``{"returnCode", "returnStatus", "errorSource"}`` with
the same codes as v2 (S2:L9975-9995); writes without a result answer the ExecutionStatus
``{"returnCode": 0, "returnStatus": "SUCCESS"}``. Authentication failures happen before routing and keep
the v2 body. The routes themselves live in ``v1_documents``, ``v1_activities``, ``v1_lookups`` and
``v1_custom_information``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from typing import TYPE_CHECKING, Any

from mambu_async.testing.apierror import ApiError, code_for
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.router import Handler

__all__ = [
    "SUCCESS",
    "V1ApiError",
    "derived_key",
    "install",
    "is_v1",
    "v1_date_time",
    "v1_json",
    "v1_route",
]

V1_CONTENT_TYPE = "application/json;charset=UTF-8"

SUCCESS: dict[str, Any] = {"returnCode": 0, "returnStatus": "SUCCESS"}
"""The v1 ExecutionStatus of a write that succeeded."""


class V1ApiError(ApiError):
    """An :class:`ApiError` rendered as v1's ``{"returnCode", "returnStatus", "errorSource"}``."""

    def body(self) -> dict[str, Any]:
        """The first failure as a v1 ExecutionStatus (v1 bodies hold one)."""
        reason, source = self.errors[0]
        body: dict[str, Any] = {"returnCode": code_for(reason), "returnStatus": reason}
        if source:
            body["errorSource"] = source
        return body


def v1_route(handler: Handler) -> Handler:
    """``handler`` with its failures answered in v1's shape (the store still rolls back)."""

    @functools.wraps(handler)
    def route(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        try:
            return handler(fake, request)
        except V1ApiError:
            raise
        except ApiError as error:
            raise V1ApiError(error.status, error.errors, headers=error.headers) from None

    return route


def v1_error(status: int, reason: str, source: str | None = None) -> V1ApiError:
    """A v1 failure with one entry."""
    return V1ApiError(status, [(reason, source)])


def v1_json(status: int, data: Any) -> FakeResponse:
    """A v1 JSON answer (``application/json``)."""
    return json_response(status, data, {"content-type": V1_CONTENT_TYPE})


def v1_date_time(iso: Any) -> Any:
    """A stored ISO date-time in v1's form (``2014-02-20T13:32:54+0000``); other values unchanged."""
    if not isinstance(iso, str):
        return iso
    try:
        parsed = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if parsed.tzinfo is None:
        return iso
    return parsed.strftime("%Y-%m-%dT%H:%M:%S%z")


def derived_key(fake: FakeMambu, label: str) -> str:
    """A deterministic, unused encodedKey for a record the fake makes on its own (an activity, a default
    client type), drawn outside ``fake.new_key()``'s sequence so that making it leaves the keys of the
    records created afterwards unchanged."""
    salt = 0
    while True:
        key = hashlib.sha256(f"{fake.seed}/{label}/{salt}".encode()).hexdigest()[:32]
        if not fake.store.holds_key(key):
            return key
        salt += 1


def is_v1(request: FakeRequest) -> bool:
    """Whether the Accept header asks for v1 (``application/json`` without v2's vendor type)."""
    accept = request.headers.get("accept", "").lower()
    return "application/json" in accept and "vnd.mambu.v2" not in accept


def install(fake: FakeMambu) -> None:
    """Register every v1 route (after the v2 resources, whose shared paths they split by version)."""
    from mambu_async.testing.resources import (
        v1_activities,
        v1_anonymize,
        v1_audit_trail,
        v1_custom_information,
        v1_documents,
        v1_lookups,
    )

    for module in (
        v1_documents, v1_activities, v1_lookups, v1_custom_information, v1_anonymize, v1_audit_trail
    ):
        module.install(fake)
