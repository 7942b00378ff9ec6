"""Credit arrangements (seed 001 "CreditArrangements"): list, get, search and their accounts.

``GET /creditarrangements`` sorts on ``creationDate, startDate, expireDate, amount`` (default
``startDate:DESC``) and takes no filters (S1:L5017-5030). ``GET /creditarrangements/{id}/accounts``
answers ``{"loanAccounts": [...], "depositAccounts": [...]}``: the accounts whose
``creditArrangementKey`` is the arrangement's. [INFERRED] ``POST /creditarrangements:search`` takes the
arrangement's first-level fields as filter and sorting fields (the seed documents no criteria list), and
``consumedCreditAmount``/``availableCreditAmount`` are the principal balances of its loans and the rest
of ``amount``.

``GET /clients/{clientId}/creditarrangements`` and ``GET /groups/{groupId}/creditarrangements`` (Mambu's
v2 reference; v1's ``/linesofcredit`` of a client or group) list the holder's arrangements; an unknown
holder is the client's or group's 404. [INFERRED] They take ``offset``/``limit``/``paginationDetails``/
``detailsLevel`` like every v2 list, no filters or ``sortBy``, and order like ``GET /creditarrangements``
(``startDate`` DESC). The search field ``ownerKey`` (Mambu's name for the holder) filters on ``holderKey``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import (
    create_record,
    list_records,
    register_crud,
    replace_record,
    search_records,
)
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu
    from mambu_async.testing.router import Handler

STATES = ("PENDING_APPROVAL", "APPROVED", "ACTIVE", "CLOSED", "WITHDRAWN", "REJECTED")
_FIELDS: dict[str, Field] = {
    "encodedKey": Field.at("encodedKey", "key"),
    "id": Field.at("id"),
    "holderKey": Field.at("holderKey", "key"),
    "ownerKey": Field.at("holderKey", "key"),
    "holderType": Field.at("holderType", "enum", ("CLIENT", "GROUP")),
    "state": Field.at("state", "enum", STATES),
    "subState": Field.at("subState", "enum", STATES),
    "amount": Field.at("amount", "number"),
    "availableCreditAmount": Field.at("availableCreditAmount", "number"),
    "consumedCreditAmount": Field.at("consumedCreditAmount", "number"),
    "exposureLimitType": Field.at("exposureLimitType", "enum", ("APPROVED_AMOUNT", "OUTSTANDING_AMOUNT")),
    "startDate": Field.at("startDate", "datetime"),
    "expireDate": Field.at("expireDate", "datetime"),
    "approvedDate": Field.at("approvedDate", "datetime"),
    "closedDate": Field.at("closedDate", "datetime"),
    "creationDate": Field.at("creationDate", "datetime"),
    "lastModifiedDate": Field.at("lastModifiedDate", "datetime"),
}


def accounts_of(fake: FakeMambu, arrangement: Record) -> dict[str, list[Record]]:
    """The loan and deposit accounts linked to ``arrangement`` (FULL, as stored)."""
    key = arrangement["encodedKey"]
    return {
        "loanAccounts": fake.store["loans"].find(lambda a: a.get("creditArrangementKey") == key),
        "depositAccounts": fake.store["deposits"].find(lambda a: a.get("creditArrangementKey") == key),
    }


def _amounts(fake: FakeMambu, arrangement: Record) -> Record:
    consumed = Decimal(0)
    for loan in accounts_of(fake, arrangement)["loanAccounts"]:
        balance = (loan.get("balances") or {}).get("principalBalance")
        if isinstance(balance, int | Decimal) and not isinstance(balance, bool):
            consumed += Decimal(balance)
    out = dict(arrangement)
    amount = arrangement.get("amount")
    out["consumedCreditAmount"] = consumed
    if isinstance(amount, int | Decimal) and not isinstance(amount, bool):
        out["availableCreditAmount"] = Decimal(amount) - consumed
    return out


def _check(fake: FakeMambu, new: Record, old: Record | None) -> None:
    for name in ("amount", "holderType", "startDate", "expireDate"):
        if new.get(name) is None:
            raise bad_request("INVALID_PARAMETERS", f"{name} is required")
    amount = new["amount"]
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal) or amount <= 0:
        raise bad_request("CREDIT_ARRANGEMENT_AMOUNT_NOT_STRICTLY_POSITIVE", "amount must be more than 0")
    holder_type = new["holderType"]
    if holder_type not in ("CLIENT", "GROUP"):
        raise bad_request("INVALID_PARAMETERS", "holderType must be CLIENT or GROUP")
    holder = fake.store["clients" if holder_type == "CLIENT" else "groups"].get(str(new.get("holderKey")))
    if holder is None:
        raise bad_request("ACCOUNT_HOLDER_NOT_FOUND", f"holderKey does not name a {holder_type}")
    new["holderKey"] = holder["encodedKey"]


def credit_arrangement_kind() -> EntityKind:
    """The ``creditarrangements`` kind."""
    return EntityKind(
        name="creditarrangements",
        prefix="creditarrangements",
        label="Credit arrangement",
        not_found="INVALID_CREDIT_ARRANGEMENT_ID",
        id_in_use="CREDIT_ARRANGEMENT_ID_ALREADY_IN_USE",
        server_fields=(
            "encodedKey",
            "creationDate",
            "lastModifiedDate",
            "approvedDate",
            "closedDate",
            "availableCreditAmount",
            "consumedCreditAmount",
        ),
        locked_fields=("state", "subState"),
        sort_by={k: _FIELDS[k] for k in ("creationDate", "startDate", "expireDate", "amount")},
        default_sort=(("startDate", True),),
        search_fields=dict(_FIELDS),
        sorting_fields=dict(_FIELDS),
        on_create=[
            lambda fake, r: r.setdefault("state", "PENDING_APPROVAL"),
            lambda fake, r: r.setdefault("exposureLimitType", "APPROVED_AMOUNT"),
        ],
        validators=[_check],
    )


def _accounts(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, set())
    arrangement = fake.require("creditarrangements", request.path_params["id"])
    found = accounts_of(fake, arrangement)
    loans, deposits = fake.kinds["loans"], fake.kinds["deposits"]
    return json_response(
        200,
        {
            "loanAccounts": [query.render(loans, r, "FULL") for r in found["loanAccounts"]],
            "depositAccounts": [query.render(deposits, r, "FULL") for r in found["depositAccounts"]],
        },
    )


# -- writes (seed 001: create, PUT, PATCH, DELETE, :changeState; add/remove accounts) ---------------

#: action → (states it applies in, state after, subState after). [INFERRED] api-semantics §7.4: the seed
#: shows only APPROVE; the undo actions return to the state before (PENDING_APPROVAL, or APPROVED/ACTIVE).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str | None]] = {
    "APPROVE": (("PENDING_APPROVAL",), "APPROVED", None),
    "UNDO_APPROVE": (("APPROVED",), "PENDING_APPROVAL", None),
    "REJECT": (("PENDING_APPROVAL",), "CLOSED", "REJECTED"),
    "WITHDRAW": (("PENDING_APPROVAL", "APPROVED"), "CLOSED", "WITHDRAWN"),
    "CLOSE": (("APPROVED", "ACTIVE"), "CLOSED", "CLOSED"),
}
UNDO = {"UNDO_REJECT": "REJECTED", "UNDO_WITHDRAW": "WITHDRAWN", "UNDO_CLOSE": "CLOSED"}


def _state_before(fake: FakeMambu, arrangement: Record, action: str) -> str:
    """Where an undo returns: a rejection came from PENDING_APPROVAL; a withdrawal from APPROVED when it
    was approved; a closure from ACTIVE when it holds accounts, else APPROVED."""
    if action == "UNDO_REJECT":
        return "PENDING_APPROVAL"
    if action == "UNDO_WITHDRAW":
        return "APPROVED" if arrangement.get("approvedDate") else "PENDING_APPROVAL"
    found = accounts_of(fake, arrangement)
    return "ACTIVE" if found["loanAccounts"] or found["depositAccounts"] else "APPROVED"


ACCOUNT_TYPES = {"LOAN": "loans", "DEPOSIT": "deposits"}


def _change_state(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /creditarrangements/{id}:changeState`` ``{action, actionDetails: {notes}}``: 200 with it."""
    query.check_params(request, set())
    arrangement = dict(fake.require("creditarrangements", request.path_params["id"]))
    body = request.json_object()
    action = body.get("action")
    state, sub_state = arrangement.get("state"), arrangement.get("subState")
    now = fake.clock.iso()
    if action in TRANSITIONS:
        allowed, after, after_sub = TRANSITIONS[str(action)]
        if state not in allowed:
            raise bad_request(
                "INVALID_CREDIT_ARRANGEMENT_STATE", f"Cannot {action} a {state} credit arrangement"
            )
        if action == "CLOSE" and _open_accounts(fake, arrangement):
            raise bad_request("CREDIT_ARRANGEMENT_HAS_NON_CLOSED_ACCOUNTS", "Close its accounts first")
        arrangement.update(state=after)
        arrangement.pop("subState", None)
        if after_sub is not None:
            arrangement.update(subState=after_sub, closedDate=now)
        if action == "APPROVE":
            arrangement["approvedDate"] = now
        if action == "UNDO_APPROVE":
            arrangement.pop("approvedDate", None)
    elif action in UNDO:
        if state != "CLOSED" or sub_state != UNDO[str(action)]:
            raise bad_request(
                "INVALID_CREDIT_ARRANGEMENT_STATE", f"Cannot {action} a {state} credit arrangement"
            )
        arrangement["state"] = _state_before(fake, arrangement, str(action))
        arrangement.pop("subState", None)
        arrangement.pop("closedDate", None)
    else:
        choices = [*TRANSITIONS, *UNDO]
        raise bad_request("INVALID_PARAMETERS", f"action must be one of {choices}, got {action!r}")
    notes = (
        (body.get("actionDetails") or {}).get("notes")
        if isinstance(body.get("actionDetails"), dict)
        else None
    )
    if notes:
        arrangement["notes"] = notes
    arrangement["lastModifiedDate"] = now
    fake.store["creditarrangements"].put(arrangement)
    return json_response(
        200, query.render(fake.kinds["creditarrangements"], _amounts(fake, arrangement), "FULL")
    )


def _open_accounts(fake: FakeMambu, arrangement: Record) -> list[Record]:
    found = accounts_of(fake, arrangement)
    return [a for a in found["loanAccounts"] + found["depositAccounts"] if a.get("accountState") != "CLOSED"]


def _account_input(fake: FakeMambu, request: FakeRequest) -> tuple[Record, str, Record]:
    query.check_params(request, set())
    arrangement = dict(fake.require("creditarrangements", request.path_params["id"]))
    body = request.json_object()
    collection = ACCOUNT_TYPES.get(str(body.get("accountType")))
    if collection is None:
        raise bad_request("INVALID_PARAMETERS", "accountType must be LOAN or DEPOSIT")
    account = fake.store[collection].get(str(body.get("accountId")))
    if account is None:
        raise bad_request(
            fake.kinds[collection].not_found, f"accountId {body.get('accountId')!r} does not exist"
        )
    return arrangement, collection, dict(account)


def _add_account(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /creditarrangements/{id}:addAccount`` ``{accountId, accountType}``: 200 with the arrangement.

    [INFERRED] Only an APPROVED or ACTIVE arrangement takes accounts, of its own holder, not already on an
    arrangement; the first one makes it ACTIVE.
    """
    arrangement, collection, account = _account_input(fake, request)
    if arrangement.get("state") not in ("APPROVED", "ACTIVE"):
        raise bad_request("INVALID_CREDIT_ARRANGEMENT_STATE", "The credit arrangement is not approved")
    if account.get("accountHolderKey") != arrangement.get("holderKey"):
        raise bad_request(
            "INCONSISTENT_CREDIT_ARRANGEMENT_CLIENT_WITH_ACCOUNT_OWNER", "Another holder's account"
        )
    if account.get("creditArrangementKey"):
        raise bad_request("ACCOUNT_ALREADY_ON_CREDIT_ARRANGEMENT", "The account is on a credit arrangement")
    fake.store[collection].put({**account, "creditArrangementKey": arrangement["encodedKey"]})
    arrangement.update(state="ACTIVE", lastModifiedDate=fake.clock.iso())
    fake.store["creditarrangements"].put(arrangement)
    return json_response(
        200, query.render(fake.kinds["creditarrangements"], _amounts(fake, arrangement), "FULL")
    )


def _remove_account(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /creditarrangements/{id}:removeAccount`` ``{accountId, accountType}``: 200 with it."""
    arrangement, collection, account = _account_input(fake, request)
    if account.get("creditArrangementKey") != arrangement["encodedKey"]:
        raise bad_request(
            "ACCOUNT_IS_NOT_PART_OF_CREDIT_ARRANGEMENT", "The account is not on this arrangement"
        )
    fake.store[collection].put({k: v for k, v in account.items() if k != "creditArrangementKey"})
    arrangement["lastModifiedDate"] = fake.clock.iso()
    fake.store["creditarrangements"].put(arrangement)
    return json_response(
        200, query.render(fake.kinds["creditarrangements"], _amounts(fake, arrangement), "FULL")
    )


def _delete_guard(fake: FakeMambu, arrangement: Record) -> None:
    """[INFERRED] An arrangement with accounts cannot be deleted."""
    found = accounts_of(fake, arrangement)
    if found["loanAccounts"] or found["depositAccounts"]:
        raise bad_request("CREDIT_ARRANGEMENT_HAS_NON_CLOSED_ACCOUNTS", "Remove its accounts first")


def install(fake: FakeMambu) -> None:
    """Register the credit arrangement kind and its read routes (amounts computed when read)."""
    kind = fake.add_kind(credit_arrangement_kind())

    def records(fake: FakeMambu) -> list[Record]:
        return [_amounts(fake, r) for r in fake.store[kind.name].values()]

    def get_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"detailsLevel"})
        level = query.details_level(request)
        record = _amounts(fake, fake.require(kind.name, request.path_params["id"]))
        return json_response(200, query.render(kind, record, level))

    def get_all(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return list_records(fake, kind, request, records(fake))

    def search(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return search_records(fake, kind, request, records(fake))

    fake.router.add("GET", "/creditarrangements", get_all)
    fake.router.add("GET", "/creditarrangements/{id}", get_one)
    fake.router.add("POST", "/creditarrangements:search", search)
    fake.router.add("GET", "/creditarrangements/{id}/accounts", _accounts)

    def holder_route(collection: str) -> Handler:
        def of_holder(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
            query.check_params(request, query.PAGING_PARAMS)
            holder = fake.require(collection, request.path_params["id"])
            mine = [r for r in records(fake) if r.get("holderKey") == holder["encodedKey"]]
            ordered = query.sort_records(
                mine, [(_FIELDS["startDate"], True)], fake.clock.now().tzinfo or dt.UTC
            )
            return query.respond_page(kind, ordered, query.paging(request), query.details_level(request))

        return of_holder

    for collection in ("clients", "groups"):
        fake.router.add("GET", f"/{collection}/{{id}}/creditarrangements", holder_route(collection))
    kind.delete_guards.append(_delete_guard)

    def create(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        record = create_record(fake, kind, request.json())
        return json_response(201, query.render(kind, _amounts(fake, record), "FULL"))

    def put(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        old = fake.require(kind.name, request.path_params["id"])
        body = request.json()
        if isinstance(body, dict):  # computed when read: what a GET gave may be sent back as it was
            body = {
                k: v for k, v in body.items() if k not in ("availableCreditAmount", "consumedCreditAmount")
            }
        record = replace_record(fake, kind, old, body)
        return json_response(200, query.render(kind, _amounts(fake, record), "FULL"))

    register_crud(fake, kind, "patch delete")
    fake.router.add("POST", "/creditarrangements", create)
    fake.router.add("PUT", "/creditarrangements/{id}", put)
    fake.router.add("POST", "/creditarrangements/{id}:changeState", _change_state)
    fake.router.add("POST", "/creditarrangements/{id}:addAccount", _add_account)
    fake.router.add("POST", "/creditarrangements/{id}:removeAccount", _remove_account)
