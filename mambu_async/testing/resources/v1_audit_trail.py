"""The Audit Trail API (``GET /api/v1/events``): who did what to which record, and when.

Mambu's audit trail "tracks all activities performed ... via the UI or API v1 and v2" (S2:L133); the
seeds document no more of it. The request is the one tap-mambu sends to real tenants
(bulk-pull-lessons.md §1.2): ``from`` (offset) and ``size`` (page size), ``sort_order`` ``asc``/``desc``
and the inclusive bounds ``occurred_at[gte]``/``occurred_at[lte]``; the answer is
``{"events": [...]}`` with the members of tap-mambu's ``audit_trail`` schema.

[INFERRED] The events are the fake's activity records (``v1_activities``: creations, edits and deletions
of clients, groups, branches, centres, users, products and accounts), each as the API call that would
have made it: ``request_method`` POST/PATCH/DELETE, ``request_uri`` the record's v2 path,
``response_code`` 201/200/204, ``resource`` the v2 collection, ``resource_fragment`` the record's
encodedKey, ``username`` the tenant's API user and ``event_source`` ``API``; ``occurred_at`` is UTC
(``...Z``). Payloads, user agent and client IP are not recorded (null).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.messages import FakeRequest, FakeResponse
from mambu_async.testing.resources.v1 import v1_json, v1_route
from mambu_async.testing.resources.v1_activities import COLLECTION
from mambu_async.testing.schema import parse_datetime
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["install"]

_CALLS = {"CREATED": ("POST", 201), "EDITED": ("PATCH", 200), "DELETED": ("DELETE", 204)}
_RESOURCES = {
    "clientKey": "clients",
    "groupKey": "groups",
    "branchKey": "branches",
    "centreKey": "centres",
    "userKey": "users",
    "loanProductKey": "loanproducts",
    "savingsProductKey": "depositproducts",
    "loanAccountKey": "loans",
    "savingsAccountKey": "deposits",
}
_PREFIXES = {
    "CLIENT": "clientKey",
    "GROUP": "groupKey",
    "BRANCH": "branchKey",
    "CENTRE": "centreKey",
    "USER": "userKey",
    "LOAN_PRODUCT": "loanProductKey",
    "SAVINGS_PRODUCT": "savingsProductKey",
    "LOAN_ACCOUNT": "loanAccountKey",
    "SAVING_ACCOUNT": "savingsAccountKey",
    "SAVINGS_ACCOUNT": "savingsAccountKey",
}


def _event(fake: FakeMambu, activity: Record) -> tuple[dt.datetime, Record] | None:
    """The audit event of one activity, with its instant (``None`` for an activity it cannot place)."""
    when = parse_datetime(str(activity.get("timestamp")))
    prefix, _, action = str(activity.get("type")).rpartition("_")
    subject = _PREFIXES.get(prefix)
    if when is None or subject is None or action not in _CALLS:
        return None
    method, status = _CALLS[action]
    resource, key = _RESOURCES[subject], activity.get(subject)
    event: Record = {
        "occurred_at": when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "event_source": "API",
        "username": fake.username,
        "request_method": method,
        "request_uri": f"/api/{resource}" + ("" if method == "POST" else f"/{key}"),
        "resource": resource,
        "resource_fragment": key,
        "response_code": status,
        "request_payload": None,
        "response_payload": None,
        "user_agent": None,
        "client_ip": None,
    }
    return when, event


def _bound(request: FakeRequest, name: str) -> dt.datetime | None:
    raw = request.param(name)
    if raw is None:
        return None
    when = parse_datetime(raw)
    if when is None:
        try:
            when = dt.datetime.fromisoformat(raw)
        except ValueError:
            when = None
    if when is None or when.tzinfo is None:
        raise bad_request("INVALID_PARAMETERS", f"{name} must be a date-time with an offset, got {raw!r}")
    return when


def _count(request: FakeRequest, name: str, default: int) -> int:
    raw = request.param(name)
    if raw is None:
        return default
    if not raw.isdigit():
        raise bad_request("INVALID_PARAMETERS", f"{name} must be a non-negative integer, got {raw!r}")
    return int(raw)


def list_events(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``GET /v1/events``: the audit events in ``occurred_at`` order, paged by ``from``/``size``."""
    query.check_params(request, {"from", "size", "sort_order", "occurred_at[gte]", "occurred_at[lte]"})
    start, end = _bound(request, "occurred_at[gte]"), _bound(request, "occurred_at[lte]")
    order = query.enum_param(request, "sort_order", ("asc", "desc"), "asc")
    offset = _count(request, "from", 0)
    size = _count(request, "size", query.DEFAULT_LIMIT)
    if size > query.MAX_LIMIT:
        raise bad_request("INVALID_PARAMETERS", f"size must be at most {query.MAX_LIMIT}, got {size}")
    events: list[tuple[dt.datetime, int, Record]] = []
    for record in fake.store[COLLECTION].values():
        activity = record["item"]["activity"]
        found = _event(fake, activity)
        if found is None:
            continue
        when, event = found
        if (start is None or when >= start) and (end is None or when <= end):
            events.append((when, int(activity.get("transactionID") or 0), event))
    events.sort(key=lambda e: (e[0], e[1]), reverse=order == "desc")
    chosen: list[Any] = [e for _, _, e in events[offset : offset + size]]
    return v1_json(200, {"events": chosen})


def install(fake: FakeMambu) -> None:
    """Serve ``GET /v1/events``."""
    fake.router.add("GET", "/v1/events", v1_route(list_events))
