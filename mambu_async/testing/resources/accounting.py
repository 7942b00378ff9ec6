"""Accounting reads: GL accounts, GL journal entries and the interest accrual breakdown.

None of these is in the seeds or the OpenAPI files; the paths, parameters and fields follow Mambu's
published v2 reference and what bulk extractors send (bulk-pull-lessons §1.2) [INFERRED]:

- ``GET /glaccounts?type=`` (``type`` required: ASSET, LIABILITY, EQUITY, INCOME, EXPENSE; also
  ``from``/``to`` dates bounding the balance, ``branchId``, ``balanceExcluded``) and
  ``GET /glaccounts/{glAccountId}`` (the ``glCode`` or encodedKey). ``balance`` is the sum of the
  account's journal entries booked in the range: debits minus credits for ASSET and EXPENSE, credits
  minus debits for the others.
- ``POST /gljournalentries:search`` (no ``GET`` list): entries with an integer ``entryId``, the
  ``glAccount`` they post to, ``type`` DEBIT/CREDIT, ``amount``, ``bookingDate``, ``transactionId``.
- ``POST /accounting/interestaccrual:search``: breakdown rows with an ``entryId`` and no encodedKey.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing import query
from mambu_async.testing.apierror import bad_request
from mambu_async.testing.kinds import EntityKind, Field
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, list_response
from mambu_async.testing.resources.crud import search_records
from mambu_async.testing.schema import is_date
from mambu_async.testing.search import compile_criteria, sorting_keys
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

GL_TYPES = ("ASSET", "LIABILITY", "EQUITY", "INCOME", "EXPENSE")
_DEBIT_NORMAL = ("ASSET", "EXPENSE")
PRODUCT_TYPES = ("LOAN", "SAVINGS", "NONE")


def _gl_by_code(fake: FakeMambu, ref: str) -> Record | None:
    found = fake.store["glaccounts"].find(lambda r: r.get("glCode") == ref)
    return found[0] if found else None


def gl_account_kind() -> EntityKind:
    """The ``glaccounts`` kind (addressed by ``glCode`` or encodedKey)."""
    return EntityKind(
        name="glaccounts",
        prefix="glaccounts",
        label="GL account",
        not_found="INVALID_GL_ACCOUNT_ID",
        id_style="required",
        alt_lookup=_gl_by_code,
        on_create=[
            lambda fake, r: r.setdefault("usage", "DETAIL"),
            lambda fake, r: r.setdefault("activated", True),
            lambda fake, r: r.setdefault("allowManualJournalEntries", True),
            lambda fake, r: r.setdefault("stripTrailingZeros", False),
        ],
        validators=[_check_gl_account],
    )


def _check_gl_account(fake: FakeMambu, new: Record, old: Record | None) -> None:
    if new.get("type") not in GL_TYPES:
        raise bad_request("INVALID_GL_ACCOUNT_TYPE", f"type must be one of {list(GL_TYPES)}")
    code = new.get("glCode")
    if not isinstance(code, str) or not code:
        raise bad_request("INVALID_GL_ACCOUNT_ID", "glCode is required")
    other = _gl_by_code(fake, code)
    if other is not None and (old is None or other["encodedKey"] != old["encodedKey"]):
        raise bad_request("INVALID_GL_ACCOUNT_ID", f"glCode {code!r} is already in use")


_ENTRY_FIELDS: dict[str, Field] = {
    "encodedKey": Field.at("encodedKey", "key"),
    "entryId": Field.at("entryId", "integer"),
    "transactionId": Field.at("transactionId"),
    "glAccountKey": Field.at("glAccount.encodedKey", "key"),
    "glAccountId": Field.at("glAccount.glCode"),
    "glAccountType": Field.at("glAccount.type", "enum", GL_TYPES),
    "type": Field.at("type", "enum", ("DEBIT", "CREDIT")),
    "amount": Field.at("amount", "number"),
    "bookingDate": Field.at("bookingDate", "datetime"),
    "creationDate": Field.at("creationDate", "datetime"),
    "branchKey": Field.at("branchKey", "key"),
    "productKey": Field.at("productKey", "key"),
    "productType": Field.at("productType", "enum", PRODUCT_TYPES),
    "accountKey": Field.at("accountKey", "key"),
    "userKey": Field.at("userKey", "key"),
}


def _post_to_gl(fake: FakeMambu, record: Record) -> None:
    ref = record.get("glAccount")
    code = ref.get("encodedKey") or ref.get("glCode") if isinstance(ref, dict) else ref
    account = fake.store["glaccounts"].get(str(code)) or _gl_by_code(fake, str(code))
    if account is None:
        raise bad_request("INVALID_GL_ACCOUNT_ID", f"glAccount {code!r} does not exist")
    record["glAccount"] = {k: v for k, v in account.items() if k != "balance"}
    if record.get("type") not in ("DEBIT", "CREDIT"):
        raise bad_request("INVALID_PARAMETERS", "type must be DEBIT or CREDIT")
    record["entryId"] = fake.new_int_id("gljournalentries")
    record.setdefault("bookingDate", fake.clock.iso())
    record.setdefault("productType", "NONE")


def journal_entry_kind() -> EntityKind:
    """The ``gljournalentries`` kind (searched only)."""
    return EntityKind(
        name="gljournalentries",
        prefix="gljournalentries",
        label="GL journal entry",
        not_found="INVALID_JOURNAL_TRANSACTION_ID",
        id_style="required",
        server_fields=("encodedKey", "creationDate"),
        search_fields=dict(_ENTRY_FIELDS),
        sorting_fields=dict(_ENTRY_FIELDS),
        on_create=[_post_to_gl],
    )


_ACCRUAL_FIELDS: dict[str, Field] = {
    "entryId": Field.at("entryId", "integer"),
    "parentEntryId": Field.at("parentEntryId", "integer"),
    "entryType": Field.at("entryType", "enum", ("DEBIT", "CREDIT")),
    "amount": Field.at("amount", "number"),
    "bookingDate": Field.at("bookingDate", "date"),
    "creationDate": Field.at("creationDate", "datetime"),
    "transactionId": Field.at("transactionId"),
    "accountId": Field.at("accountId"),
    "accountKey": Field.at("accountKey", "key"),
    "productId": Field.at("productId"),
    "productKey": Field.at("productKey", "key"),
    "productType": Field.at("productType", "enum", PRODUCT_TYPES),
    "branchKey": Field.at("branchKey", "key"),
    "glAccountId": Field.at("glAccountId"),
    "glAccountKey": Field.at("glAccountKey", "key"),
    "glAccountType": Field.at("glAccountType", "enum", GL_TYPES),
}


def _accrual_defaults(fake: FakeMambu, record: Record) -> None:
    record["entryId"] = fake.new_int_id("gljournalentries")
    record.setdefault("bookingDate", fake.clock.today().isoformat())
    gl = fake.store["glaccounts"].get(str(record.get("glAccountKey"))) or _gl_by_code(
        fake, str(record.get("glAccountId"))
    )
    if gl is None:
        raise bad_request("INVALID_GL_ACCOUNT_ID", "glAccountKey or glAccountId must name a GL account")
    record.update(
        glAccountKey=gl["encodedKey"],
        glAccountId=gl["glCode"],
        glAccountName=gl.get("name"),
        glAccountType=gl["type"],
    )


def interest_accrual_kind() -> EntityKind:
    """The interest accrual breakdown rows (``accounting/interestaccrual``)."""
    return EntityKind(
        name="interestaccruals",
        prefix="accounting/interestaccrual",
        label="Interest accrual entry",
        not_found="INVALID_PARAMETERS",
        id_style="required",
        server_fields=("encodedKey", "creationDate"),
        search_fields=dict(_ACCRUAL_FIELDS),
        sorting_fields=dict(_ACCRUAL_FIELDS),
        on_create=[_accrual_defaults],
    )


# -- handlers --------------------------------------------------------------------------------------


def _date_param(request: FakeRequest, name: str) -> dt.date | None:
    raw = request.param(name)
    if raw is None:
        return None
    if not is_date(raw):
        raise bad_request("INVALID_DATE", f"{name} must be a date (YYYY-MM-DD), got {raw!r}")
    return dt.date.fromisoformat(raw)


def _with_balance(fake: FakeMambu, account: Record, request: FakeRequest) -> Record:
    out = dict(account)
    if query.enum_param(request, "balanceExcluded", ("true", "false"), "false") == "true":
        out.pop("balance", None)
        return out
    start, end = _date_param(request, "from"), _date_param(request, "to")
    tz = fake.clock.now().tzinfo or dt.UTC
    branch = request.param("branchId")
    branch_key = None
    if branch is not None:
        found = fake.store["branches"].get(branch)
        branch_key = found["encodedKey"] if found is not None else branch
    total = Decimal(0)
    for entry in fake.store["gljournalentries"].values():
        if (entry.get("glAccount") or {}).get("encodedKey") != account["encodedKey"]:
            continue
        if branch_key is not None and entry.get("branchKey") != branch_key:
            continue
        when = query.as_instant(entry.get("bookingDate"), tz)
        day = when[0] if when is not None else None
        if day is not None and ((start and day < start) or (end and day > end)):
            continue
        amount = Decimal(entry.get("amount") or 0)
        debit = entry.get("type") == "DEBIT"
        total += amount if debit == (account["type"] in _DEBIT_NORMAL) else -amount
    out["balance"] = total
    return out


_GL_PARAMS = {"from", "to", "branchId", "balanceExcluded"}


def _gl_accounts(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {*query.PAGING_PARAMS, "type", *_GL_PARAMS})
    wanted = request.param("type")
    if wanted is None:
        raise bad_request("INVALID_GL_ACCOUNT_TYPE", "type is required: one of " + ", ".join(GL_TYPES))
    query.enum_param(request, "type", GL_TYPES)
    page = query.paging(request)
    chosen = [
        _with_balance(fake, r, request) for r in fake.store["glaccounts"].values() if r.get("type") == wanted
    ]
    chosen.sort(key=lambda r: str(r.get("glCode")))
    rows = chosen[page.offset : page.offset + page.limit]
    return list_response(rows, offset=page.offset, limit=page.limit, total=len(chosen), details=page.details)


def _gl_account(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    query.check_params(request, {"detailsLevel", *_GL_PARAMS})
    query.details_level(request)
    account = fake.require("glaccounts", request.path_params["id"])
    return json_response(200, _with_balance(fake, account, request))


def _accruals(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """Like any ``:search``, but the rows carry no encodedKey (the breakdown has none)."""
    kind = fake.kinds["interestaccruals"]
    query.check_params(request, query.PAGING_PARAMS)
    page = query.paging(request)
    body = request.json_object() if request.body and request.body.strip() else {}
    unknown = sorted(set(body) - {"filterCriteria", "sortingCriteria"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown search properties: {', '.join(unknown)}")
    predicate = compile_criteria(fake, kind, body.get("filterCriteria"))
    keys = sorting_keys(fake, kind, body.get("sortingCriteria"))
    chosen = [r for r in fake.store[kind.name].values() if predicate(r)]
    ordered = query.sort_records(chosen, keys, fake.clock.now().tzinfo or dt.UTC)
    rows: list[Any] = [
        {k: v for k, v in r.items() if k != "encodedKey"}
        for r in ordered[page.offset : page.offset + page.limit]
    ]
    return list_response(rows, offset=page.offset, limit=page.limit, total=len(ordered), details=page.details)


def install(fake: FakeMambu) -> None:
    """Register the accounting kinds and their read routes."""
    fake.add_kind(gl_account_kind())
    entries = fake.add_kind(journal_entry_kind())
    fake.add_kind(interest_accrual_kind())

    def search_entries(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return search_records(fake, entries, request, fake.store[entries.name].values())

    fake.router.add("GET", "/glaccounts", _gl_accounts)
    fake.router.add("GET", "/glaccounts/{id}", _gl_account)
    fake.router.add("POST", "/gljournalentries:search", search_entries)
    fake.router.add("POST", "/accounting/interestaccrual:search", _accruals)
