"""Communication messages (seed 001 "Communications"): ``POST /communications/messages:search`` and
``GET /communications/messages/{encodedKey}``.

The search body is a **bare array** of criteria ``[{field, operator, value, secondValue, values}]``
(S1:L4727-4752), with ``offset``/``limit``/``paginationDetails``/``detailsLevel`` and no sorting; a
message is read by its encodedKey only (S1:L4350-4357). Fields and enums are the seed's
``CommunicationMessage``. [INFERRED] Every property of the message is a filter field; results come
oldest first; an unknown key is 404 ``MESSAGE_NOT_FOUND``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.search import compile_criteria
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

TYPES = ("EMAIL", "SMS", "WEB_HOOK", "EVENT_STREAM", "TASK")
STATES = ("SENT", "QUEUED", "QUEUED_FOR_STREAM", "WAITING", "FAILED")

_FIELDS: dict[str, Field] = {
    **{
        name: Field.at(name, "key")
        for name in (
            "encodedKey",
            "senderKey",
            "loanAccountKey",
            "depositAccountKey",
            "groupKey",
            "userKey",
            "repaymentKey",
            "clientKey",
            "templateKey",
        )
    },
    **{name: Field.at(name) for name in ("subject", "destination", "body", "referenceId", "failureCause")},
    "type": Field.at("type", "enum", TYPES),
    "state": Field.at("state", "enum", STATES),
    "event": Field.at("event"),
    "failureReason": Field.at("failureReason"),
    "numRetries": Field.at("numRetries", "integer"),
    "creationDate": Field.at("creationDate", "datetime"),
    "sendDate": Field.at("sendDate", "datetime"),
}


def _check(fake: FakeMambu, new: Record, old: Record | None) -> None:
    if new.get("type") not in TYPES:
        raise bad_request("INVALID_PARAMETERS", f"type must be one of {list(TYPES)}")
    if new.get("state") not in STATES:
        raise bad_request("INVALID_NOTIFICATION_MESSAGE_STATE", f"state must be one of {list(STATES)}")


def message_kind() -> EntityKind:
    """The ``communicationmessages`` kind."""
    return EntityKind(
        name="communicationmessages",
        prefix="communications/messages",
        label="Communication message",
        not_found="MESSAGE_NOT_FOUND",
        id_style="required",
        server_fields=("encodedKey", "creationDate"),
        search_fields=dict(_FIELDS),
        on_create=[
            lambda fake, r: r.setdefault("state", "SENT"),
            lambda fake, r: r.setdefault("numRetries", 0),
        ],
        validators=[_check],
    )


def _search(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    kind = fake.kinds["communicationmessages"]
    query.check_params(request, query.PAGING_PARAMS)
    page = query.paging(request)
    level = query.details_level(request)
    criteria = request.json()
    if not isinstance(criteria, list):
        raise bad_request("INVALID_PARAMETERS", "The body must be an array of filter criteria")
    predicate = compile_criteria(fake, kind, criteria)
    chosen = [r for r in fake.store[kind.name].values() if predicate(r)]
    ordered = query.sort_records(
        chosen, [(_FIELDS["creationDate"], False)], fake.clock.now().tzinfo or dt.UTC
    )
    return query.respond_page(kind, ordered, page, level)


def _get(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"detailsLevel"})
    level = query.details_level(request)
    kind = fake.kinds["communicationmessages"]
    record = fake.store[kind.name].get(request.path_params["key"])
    if record is None or record["encodedKey"] != request.path_params["key"]:
        raise not_found(
            "MESSAGE_NOT_FOUND", f"No communication message with key {request.path_params['key']!r}"
        )
    return json_response(200, query.render(kind, record, level))


def install(fake: FakeMambu) -> None:
    """Register the communication message kind and its read routes."""
    fake.add_kind(message_kind())
    fake.router.add("POST", "/communications/messages:search", _search)
    fake.router.add("GET", "/communications/messages/{key}", _get)
