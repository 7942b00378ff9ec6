"""Credit arrangements (seed 001 "CreditArrangements"): list, get, search and their accounts.

``GET /creditarrangements`` sorts on ``creationDate, startDate, expireDate, amount`` (default
``startDate:DESC``) and takes no filters (S1:L5017-5030). ``GET /creditarrangements/{id}/accounts``
answers ``{"loanAccounts": [...], "depositAccounts": [...]}``: the accounts whose
``creditArrangementKey`` is the arrangement's. [INFERRED] ``POST /creditarrangements:search`` takes the
arrangement's first-level fields as filter and sorting fields (the seed documents no criteria list), and
``consumedCreditAmount``/``availableCreditAmount`` are the principal balances of its loans and the rest
of ``amount``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.crud import list_records, search_records
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

STATES = ("PENDING_APPROVAL", "APPROVED", "ACTIVE", "CLOSED", "WITHDRAWN", "REJECTED")
_FIELDS: dict[str, Field] = {
    "encodedKey": Field.at("encodedKey", "key"),
    "id": Field.at("id"),
    "holderKey": Field.at("holderKey", "key"),
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
