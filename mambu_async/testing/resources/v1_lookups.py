"""v1 read-only lookups: key performance indicators, the object (global) search, client types and group
role names (S2:L744-796, L4284-4390, L10405-10437, L11898-11960).

- ``GET /indicators/{name}`` computes the indicator from the tenant's records (see :data:`INDICATORS`);
  the other documented indicators answer 501 ``METHOD_NOT_IMPLEMENTED`` and an unknown name 400
  ``INVALID_PARAMETERS``.
- ``GET /search?query=&type=[CLIENT,USER]&limit=`` answers every object type of the documented answer,
  with ``{selectionType, displayString, resultID, resultKey}`` for the records whose keyword fields (the
  documented table) contain the query, for the requested types (all when ``type`` is left out).
- ``GET /clienttypes?for=CLIENTS|GROUPS``: Mambu's two default types (``client`` and ``group``, index -1,
  no ``createdByUserKey``, as in the seed) and those added with :func:`add_client_type`; a bad ``for`` is
  400 code 4 "invalid for parameter", as documented.
- ``GET /grouprolenames``: the names added with :func:`add_group_role_name`.
- v2's ``GET /clients/{clientId}/role`` (clients.json ``ClientRole``): the client type its
  ``clientRoleKey`` names, with v2's date-times and only the properties ``ClientRole`` declares.
  [INFERRED] A client with no ``clientRoleKey`` (Mambu gives every client one) has the default
  ``client`` type.

[INFERRED] Indicators answer the bare number (the seed does not show the body); amounts are Decimals
summed from the accounts' balances. The search is case-insensitive and ``limit`` (default 50) applies
per type; ``CREDIT_OFFICER`` holds the matching users who are credit officers and is also answered for
``USER`` (the seed's example answers both for ``type=[CLIENT,USER]``). A new tenant has no group role
names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import api_error, bad_request
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources.v1 import derived_key, v1_date_time, v1_error, v1_json, v1_route
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["DOCUMENTED_INDICATORS", "INDICATORS", "add_client_type", "add_group_role_name", "install"]

_OUTSTANDING = ("ACTIVE", "ACTIVE_IN_ARREARS")


def _count(kind: str, **match: Any) -> Callable[[FakeMambu], int]:
    def indicator(fake: FakeMambu) -> int:
        return len(fake.store[kind].find(lambda r: all(r.get(k) in v for k, v in match.items())))

    return indicator


def _balance(record: Record, field: str) -> Decimal:
    balances = record.get("balances") or {}
    value = balances.get(field) if isinstance(balances, dict) else None
    return Decimal(str(value)) if value is not None else Decimal(0)


def _gross_portfolio(fake: FakeMambu) -> Decimal:
    loans = fake.store["loans"].find(lambda r: r.get("accountState") in _OUTSTANDING)
    return sum((_balance(r, "principalBalance") for r in loans), Decimal(0))


def _average_balance(fake: FakeMambu) -> Decimal:
    count = _count("loans", accountState=_OUTSTANDING)(fake)
    return (_gross_portfolio(fake) / count).quantize(Decimal("0.01")) if count else Decimal(0)


def _pending_disbursal(fake: FakeMambu) -> Decimal:
    loans = fake.store["loans"].find(lambda r: r.get("accountState") == "APPROVED")
    return sum((Decimal(str(r.get("loanAmount", 0))) for r in loans), Decimal(0))


def _total_deposits(fake: FakeMambu) -> Decimal:
    deposits = fake.store["deposits"].find(lambda r: r.get("accountState") in ("ACTIVE", "ACTIVE_IN_ARREARS"))
    return sum((_balance(r, "totalBalance") for r in deposits), Decimal(0))


INDICATORS: dict[str, Callable[[FakeMambu], int | Decimal]] = {
    "NUM_CLIENTS": _count("clients"),
    "NUM_ACTIVE_CLIENTS": _count("clients", state=("ACTIVE",)),
    "NUM_INACTIVE_CLIENTS": _count("clients", state=("INACTIVE",)),
    "NUM_EXITED_CLIENTS": _count("clients", state=("EXITED",)),
    "NUM_PENDING_APPROVAL_CLIENTS": _count("clients", state=("PENDING_APPROVAL",)),
    "NUM_GROUPS": _count("groups"),
    "NUM_BRANCHES": _count("branches"),
    "NUM_USERS": _count("users"),
    "NUM_CREDIT_OFFICERS": _count("users", isCreditOfficer=(True,)),
    "NUM_LOAN_ACCOUNTS": _count("loans"),
    "NUM_LOANS_OUTSTANDING": _count("loans", accountState=_OUTSTANDING),
    "NUM_LOANS_IN_ARREARS": _count("loans", accountState=("ACTIVE_IN_ARREARS",)),
    "NUM_LOANS_AWAITING_APPROVAL": _count("loans", accountState=("PENDING_APPROVAL",)),
    "NUM_LOANS_PENDING_DISBURSAL": _count("loans", accountState=("APPROVED",)),
    "NUM_ACTIVE_SAVINGS_ACCOUNTS": _count("deposits", accountState=("ACTIVE",)),
    "GROSS_LOAN_PORTFOLIO": _gross_portfolio,
    "AVERAGE_LOAN_BALANCE": _average_balance,
    "PORTFOLIO_PENDING_DISBURSAL": _pending_disbursal,
    "TOTAL_DEPOSITS": _total_deposits,
}
"""The indicators the fake computes."""

DOCUMENTED_INDICATORS = frozenset(
    {
        *INDICATORS,
        "NUM_OPEN_CLIENTS",
        "NUM_CLOSED_CLIENTS",
        "NUM_GROUPS_BORROWING",
        "AVERAGE_GROUP_SIZE",
        "NUM_GROUP_BORROWERS",
        "NUM_INDIVIDUAL_BORROWERS",
        "PERCENTAGE_OF_FEMALE_BORROWERS",
        "NUM_GROUPS_SAVING",
        "NUM_INDIVIDUAL_SAVERS",
        "NUM_GROUP_SAVERS",
        "NUM_HYBRID_GROUPS_BORROWING",
        "NUM_HYBRID_GROUP_BORROWERS",
        "INTEREST_PAYABLE",
        "TOTAL_DISBURSED_ACTIVE_LOANS",
        "PROJECTED_LOAN_INTEREST_EARNINGS",
        "TOTAL_LOANS_DISBURSED",
        "PORTFOLIO_PERCENT_AT_RISK",
        "PORTFOLIO_VALUE_AT_RISK",
        "PAR_7_DAYS",
        "PAR_15_DAYS",
        "PAR_30_DAYS",
        "PAR_90_DAYS",
        "PAR_7_30_DAYS",
        "PAR_30_90_DAYS",
        "PAR_90_180_DAYS",
        "PAR_180_360_DAYS",
        "VAR_7_DAYS",
        "VAR_15_DAYS",
        "VAR_30_DAYS",
        "VAR_90_DAYS",
        "INTEREST_IN_SUSPENSE",
        "NUM_LOANS_PER_BRANCH",
        "NUM_LOANS_PER_CREDIT_OFFICER",
    }
)
"""Every indicator the seed lists (S2:L11898-11958)."""

#: Object type → (collection, keyword fields, display fields, result id field).
_SEARCHABLE: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "CLIENT": ("clients", ("firstName", "middleName", "lastName", "id"), ("firstName", "lastName"), "id"),
    "GROUP": ("groups", ("groupName", "id"), ("groupName",), "id"),
    "LOAN_ACCOUNT": ("loans", ("id",), ("loanName",), "id"),
    "SAVINGS_ACCOUNT": ("deposits", ("id",), ("name",), "id"),
    "USER": ("users", ("firstName", "lastName", "username"), ("firstName", "lastName"), "id"),
    "BRANCH": ("branches", ("name", "id"), ("name",), "id"),
    "CENTRE": ("centres", ("name", "id"), ("name",), "id"),
}
_ANSWER_TYPES = (
    "CLIENT",
    "CREDIT_OFFICER",
    "USER",
    "SAVINGS_ACCOUNT",
    "CUSTOM_FIELD_SELECTION",
    "CENTRE",
    "FILTER_CUSTOM_FIELD_SELECTION",
    "BRANCH",
    "LOAN_ACCOUNT",
    "GROUP",
    "LINE_OF_CREDIT",
)


def _matches(record: Record, fields: tuple[str, ...], text: str) -> bool:
    return any(text in str(record.get(f) or "").lower() for f in fields)


def _hit(selection: str, record: Record, display: tuple[str, ...], id_field: str) -> Record:
    shown = " ".join(str(record[f]) for f in display if record.get(f)) or str(record.get(id_field, ""))
    return {
        "selectionType": selection,
        "displayString": shown,
        "resultID": str(record.get(id_field, "")),
        "resultKey": record["encodedKey"],
    }


def _search_types(raw: str | None) -> list[str]:
    if raw is None:
        return list(_SEARCHABLE)
    names = [part.strip() for part in raw.strip().strip("[]").split(",") if part.strip()]
    unknown = [n for n in names if n not in _ANSWER_TYPES]
    if not names or unknown:
        raise bad_request("INVALID_PARAMETERS", f"type must list object types of {list(_ANSWER_TYPES)}")
    return names


def _default_client_types(fake: FakeMambu) -> None:
    """Mambu's two built-in client types, stored on first use."""
    collection = fake.store["clienttypes"]
    for type_id, name, client_type, guarantee in (
        ("client", "Client", "CLIENT", True),
        ("group", "Group", "GROUP", False),
    ):
        if collection.by_id(type_id) is None:
            collection.put(
                {
                    "encodedKey": derived_key(fake, f"clienttype/{type_id}"),
                    "name": name,
                    "id": type_id,
                    "clientType": client_type,
                    "creationDate": v1_date_time(fake.clock.iso()),
                    "canOpenAccounts": True,
                    "canGuarantee": guarantee,
                    "requireID": False,
                    "useDefaultAddress": True,
                    "index": -1,
                }
            )


_CLIENT_ROLE_FIELDS = (
    "encodedKey",
    "id",
    "name",
    "clientType",
    "description",
    "canOpenAccounts",
    "canGuarantee",
    "requireID",
    "useDefaultAddress",
    "creationDate",
)


def client_role(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``GET /clients/{clientId}/role``: the client's type as v2's ``ClientRole``."""
    query.check_params(request, set())
    client = fake.require("clients", request.path_params["id"])
    _default_client_types(fake)
    types = fake.store["clienttypes"]
    role = types.get(str(client.get("clientRoleKey") or "")) or types.by_id("client") or {}
    out = {name: role[name] for name in _CLIENT_ROLE_FIELDS if role.get(name) is not None}
    created = out.get("creationDate")
    if isinstance(created, str):
        out["creationDate"] = dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%S%z").isoformat()
    return json_response(200, out)


def add_client_type(
    fake: FakeMambu, type_id: str, name: str, client_type: str = "CLIENT", **fields: Any
) -> Record:
    """Add a client type (``fields`` such as ``canGuarantee=False``, ``requireID=True``, ``idPattern``)."""
    if client_type not in ("CLIENT", "GROUP"):
        raise ValueError("client_type is CLIENT or GROUP")
    with fake.store.atomic():
        _default_client_types(fake)
        record: Record = {
            "encodedKey": fake.new_key(),
            "name": name,
            "id": type_id,
            "clientType": client_type,
            "creationDate": v1_date_time(fake.clock.iso()),
            "canOpenAccounts": True,
            "canGuarantee": True,
            "requireID": False,
            "useDefaultAddress": True,
            "index": 2147483647,
            **fields,
        }
        return fake.store["clienttypes"].put(record)


def add_group_role_name(fake: FakeMambu, name: str) -> Record:
    """Add a group role name (``President``, ``Treasurer``, ...)."""
    with fake.store.atomic():
        return fake.store["grouprolenames"].put({"encodedKey": fake.new_key(), "name": name})


def install(fake: FakeMambu) -> None:
    """Register ``/indicators/{name}``, ``/search``, ``/clienttypes`` and ``/grouprolenames``."""

    def indicator(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        name = request.path_params["name"]
        compute = INDICATORS.get(name)
        if compute is None:
            if name in DOCUMENTED_INDICATORS:
                raise api_error(501, "METHOD_NOT_IMPLEMENTED", f"The fake does not compute {name}")
            raise bad_request("INVALID_PARAMETERS", f"Unknown indicator {name!r}")
        return v1_json(200, compute(fake))

    def search(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"query", "type", "limit"})
        text = (request.param("query") or "").strip().lower()
        if not text:
            raise bad_request("INVALID_PARAMETERS", "query is required")
        wanted = _search_types(request.param("type"))
        limit = query.paging(request).limit
        answer: dict[str, list[Record]] = {name: [] for name in _ANSWER_TYPES}
        if "USER" in wanted and "CREDIT_OFFICER" not in wanted:
            wanted.append("CREDIT_OFFICER")
        for selection in wanted:
            source = "USER" if selection == "CREDIT_OFFICER" else selection
            if source not in _SEARCHABLE:
                continue
            kind, fields, display, id_field = _SEARCHABLE[source]
            found = [r for r in fake.store[kind].values() if _matches(r, fields, text)]
            if selection == "CREDIT_OFFICER":
                found, id_field = [r for r in found if r.get("isCreditOfficer") is True], "username"
            answer[selection] = [_hit(selection, r, display, id_field) for r in found[:limit]]
        return v1_json(200, answer)

    def client_types(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"for"})
        wanted = request.param("for")
        if wanted is not None and wanted not in ("CLIENTS", "GROUPS"):
            raise v1_error(400, "INVALID_PARAMETERS", "invalid for parameter")
        _default_client_types(fake)
        records = fake.store["clienttypes"].values()
        if wanted is not None:
            records = [r for r in records if r.get("clientType") == wanted[:-1]]
        return v1_json(200, records)

    def group_role_names(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, set())
        return v1_json(200, fake.store["grouprolenames"].values())

    fake.router.add("GET", "/indicators/{name}", v1_route(indicator))
    fake.router.add("GET", "/search", v1_route(search))
    fake.router.add("GET", "/clienttypes", v1_route(client_types))
    fake.router.add("GET", "/grouprolenames", v1_route(group_role_names))
    fake.router.add("GET", "/clients/{id}/role", client_role)
