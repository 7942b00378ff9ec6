"""Communication messages (seed 001 "Communications"): ``POST /communications/messages:search`` and
``GET /communications/messages/{encodedKey}``.

The search body is a **bare array** of criteria ``[{field, operator, value, secondValue, values}]``
(S1:L4727-4752), with ``offset``/``limit``/``paginationDetails``/``detailsLevel`` and no sorting; a
message is read by its encodedKey only (S1:L4350-4357). Fields and enums are the seed's
``CommunicationMessage``. [INFERRED] Every property of the message is a filter field; results come
oldest first; an unknown key is 404 ``MESSAGE_NOT_FOUND``.

Sending (``POST /communications/messages``, S1:L4169-4245) takes a ``CommunicationMessage`` and answers
201 with the stored message; resending (``POST /communications/messages:resend``, S1:L4543-4597) takes
``{"messages": [CommunicationMessage, ...]}`` and answers 202 with no body (the seed: "check the status of
each notification later via GET or SEARCH"); an unknown message is 404 ``MESSAGE_NOT_FOUND``.
[INFERRED] where the seed is silent:

- a sent message is an ``EMAIL``, ``SMS`` or ``WEB_HOOK`` (``EVENT_STREAM`` and ``TASK`` messages are
  Mambu's own) with a non-empty ``body``; ``event`` defaults to ``MANUAL``; ``clientKey``, ``groupKey``,
  ``userKey``, ``loanAccountKey``, ``depositAccountKey`` and ``senderKey`` (a user) must name existing
  records (id or key, stored as the key); the server writes ``state``, ``sendDate``, ``numRetries``,
  ``failureReason``, ``failureCause`` and ``referenceId`` (sending them is ``INVALID_PARAMETERS``);
- the fake delivers at once: the ``destination`` is the one given, else the recipient's email address
  (EMAIL) or mobile phone (SMS); with one the message is ``SENT`` with ``sendDate`` now, without one it is
  stored ``FAILED`` with ``failureReason`` ``UNDEFINED_DESTINATION`` (a WEB_HOOK needs its URL as
  ``destination``); ``failureCause`` (a gateway's own failure code) is never set, as no gateway runs;
- only ``FAILED`` messages can be resent (another state: 400 ``INVALID_NOTIFICATION_MESSAGE_STATE``);
  messages are named by ``encodedKey`` and the resend is all or nothing; each resend adds one to
  ``numRetries`` and delivers again by the rule above (a recipient who now has an address gets it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import create_record
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


SENDABLE = ("EMAIL", "SMS", "WEB_HOOK")
_SERVER_WRITTEN = ("state", "sendDate", "numRetries", "failureReason", "failureCause", "referenceId")
_REFERENCES = {
    "clientKey": "clients",
    "groupKey": "groups",
    "userKey": "users",
    "senderKey": "users",
    "loanAccountKey": "loans",
    "depositAccountKey": "deposits",
}
_ADDRESS = {"EMAIL": "emailAddress", "SMS": "mobilePhone"}


def _deliver(fake: FakeMambu, message: Record) -> None:
    """Send ``message`` now: SENT to its destination, or FAILED when it has none."""
    for name in ("failureReason", "failureCause"):
        message.pop(name, None)
    destination = message.get("destination")
    if not destination and message.get("type") in _ADDRESS:
        for field, collection in (("clientKey", "clients"), ("groupKey", "groups"), ("userKey", "users")):
            recipient = fake.store[collection].get(str(message.get(field))) if message.get(field) else None
            if recipient is not None and recipient.get(_ADDRESS[str(message["type"])]):
                destination = recipient[_ADDRESS[str(message["type"])]]
                break
    if destination:
        message.update(destination=destination, state="SENT", sendDate=fake.clock.iso())
    else:
        message.update(state="FAILED", failureReason="UNDEFINED_DESTINATION")


def _send(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    kind = fake.kinds["communicationmessages"]
    body = request.json_object()
    if body.get("type") not in SENDABLE:
        raise bad_request("INVALID_PARAMETERS", f"type must be one of {list(SENDABLE)}")
    if not isinstance(body.get("body"), str) or not body["body"].strip():
        raise bad_request("INVALID_PARAMETERS", "body is required")
    written = sorted(name for name in _SERVER_WRITTEN if body.get(name) is not None)
    if written:
        raise bad_request("INVALID_PARAMETERS", f"Properties {written} are written by Mambu")
    message = dict(body)
    for field, collection in _REFERENCES.items():
        if message.get(field) is None:
            continue
        found = fake.store[collection].get(str(message[field]))
        if found is None:
            raise bad_request(fake.kinds[collection].not_found, f"{field} {message[field]!r} does not exist")
        message[field] = found["encodedKey"]
    message.setdefault("event", "MANUAL")
    message["numRetries"] = 0
    _deliver(fake, message)
    record = create_record(fake, kind, message)
    return json_response(201, query.render(kind, record, "FULL"))


def _resend(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    messages = request.json_object().get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("INVALID_PARAMETERS", "messages must be a non-empty list")
    chosen: list[Record] = []
    for item in messages:
        key = item.get("encodedKey") if isinstance(item, dict) else None
        found = fake.store["communicationmessages"].get(str(key)) if key else None
        if found is None or found["encodedKey"] != key:
            raise not_found("MESSAGE_NOT_FOUND", f"No communication message with key {key!r}")
        if found.get("state") != "FAILED":
            raise bad_request(
                "INVALID_NOTIFICATION_MESSAGE_STATE", f"Message {key} is {found.get('state')}, not FAILED"
            )
        chosen.append(found)
    for found in chosen:
        message = dict(found)
        message["numRetries"] = int(message.get("numRetries") or 0) + 1
        _deliver(fake, message)
        fake.store["communicationmessages"].put(message)
    return FakeResponse(202, {}, b"")


def install(fake: FakeMambu) -> None:
    """Register the communication message kind and its routes."""
    fake.add_kind(message_kind())
    fake.router.add("POST", "/communications/messages", _send)
    fake.router.add("POST", "/communications/messages:resend", _resend)
    fake.router.add("POST", "/communications/messages:search", _search)
    fake.router.add("GET", "/communications/messages/{key}", _get)
