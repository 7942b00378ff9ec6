"""Loan and deposit transactions: storage, get, per-account list and ``:search`` (no posting here).

Posting (disbursements, repayments, deposits, withdrawals, fees, adjustments) belongs to the banking
rules, which ``put`` records into ``fake.store["loantransactions"]`` / ``["deposittransactions"]`` with
``parentAccountKey`` set; these routes read them. Deposit search fields come from
``DepositTransactionFilterCriteria`` / ``DepositTransactionSortingCriteria``; the loan ones mirror them
([INFERRED]: loans.json documents no loan transaction endpoint).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mambu_async.search_fields import (
    DEPOSIT_TRANSACTION_FILTER_FIELDS,
    DEPOSIT_TRANSACTION_SORTING_FIELDS,
    LOAN_TRANSACTION_FILTER_FIELDS,
    LOAN_TRANSACTION_SORTING_FIELDS,
)
from mambu_async.testing import query
from mambu_async.testing.apierror import ApiError
from mambu_async.testing.kinds import EntityKind, Field, path_getter
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response
from mambu_async.testing.resources import search_fields
from mambu_async.testing.resources.crud import list_records, search_records
from mambu_async.testing.resources.entities import _fields
from mambu_async.testing.schema import Schema
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu


def _linked(fake: FakeMambu, collection: str, key_path: str, attribute: str) -> Field:
    getter = path_getter(key_path)

    def get(record: Record) -> Any:
        key = getter(record)
        linked = fake.store[collection].get(str(key)) if key is not None else None
        return linked.get(attribute) if linked is not None else None

    return Field(get, "string")


def _account_attr(fake: FakeMambu, accounts: str, attribute: str) -> Field:
    def get(record: Record) -> Any:
        account = fake.store[accounts].get(str(record.get("parentAccountKey")))
        return account.get(attribute) if account is not None else None

    return Field(get, "key" if attribute.endswith("Key") else "string")


def _product_id(fake: FakeMambu, accounts: str, products: str) -> Field:
    def get(record: Record) -> Any:
        account = fake.store[accounts].get(str(record.get("parentAccountKey")))
        product = fake.store[products].get(str(account.get("productTypeKey"))) if account else None
        return product.get("id") if product is not None else None

    return Field(get, "string")


def _special(fake: FakeMambu, accounts: str, products: str) -> dict[str, Field]:
    parent_id = _account_attr(fake, accounts, "id")
    product_id = _product_id(fake, accounts, products)
    branch_id = _linked(fake, "branches", "branchKey", "id")
    centre_id = _linked(fake, "centres", "centreKey", "id")
    return {
        "parentAccountID": parent_id,
        "parentAccountId": parent_id,
        "productID": product_id,
        "productId": product_id,
        "productTypeKey": _account_attr(fake, accounts, "productTypeKey"),
        "branchID": branch_id,
        "branchId": branch_id,
        "centreID": centre_id,
        "centreId": centre_id,
        "tillID": _linked(fake, "tills", "tillKey", "id"),
        "tillId": _linked(fake, "tills", "tillKey", "id"),
        "adjustmentTransactionID": _linked(fake, "deposittransactions", "adjustmentTransactionKey", "id"),
        "originalTransactionID": _linked(fake, "deposittransactions", "originalTransactionKey", "id"),
        "wasAdjusted": Field(lambda r: bool(r.get("adjustmentTransactionKey")), "boolean"),
        "typeIsAdjustment": Field(lambda r: "ADJUSTMENT" in str(r.get("type", "")), "boolean"),
        "fees.trigger": Field.at("fees.trigger", "string"),
        "fees.name": Field.at("fees.name", "string"),
    }


def _kind(
    fake: FakeMambu,
    name: str,
    prefix: str,
    label: str,
    schema: Schema,
    search: Iterable[str],
    sort: Iterable[str],
    special: dict[str, Field],
) -> EntityKind:
    return EntityKind(
        name=name,
        prefix=prefix,
        label=label,
        not_found="TRANSACTION_NOT_FOUND",
        schema=schema,
        server_fields=("encodedKey", "creationDate"),
        search_fields=_fields(schema, search, special),
        sorting_fields=_fields(schema, sort, special),
        custom_fields_for="TRANSACTION_TYPE",
    )


def install(fake: FakeMambu) -> None:
    """Register the transaction kinds and their read routes."""
    dt_schema = Schema.from_file("deposit_transactions", "DepositTransaction")
    deposit = _kind(
        fake,
        "deposittransactions",
        "deposits/transactions",
        "Deposit transaction",
        dt_schema,
        DEPOSIT_TRANSACTION_FILTER_FIELDS,
        DEPOSIT_TRANSACTION_SORTING_FIELDS,
        _special(fake, "deposits", "depositproducts"),
    )
    loan_schema = Schema.inline("LoanTransaction")
    loan_special = _special(fake, "loans", "loanproducts")
    loan_special.update(search_fields.loan_transaction_fields(fake))
    loan_special.update(
        {
            "amount": Field.at("amount", "number"),
            "valueDate": Field.at("valueDate", "datetime"),
            "bookingDate": Field.at("bookingDate", "datetime"),
        }
    )
    loan = _kind(
        fake,
        "loantransactions",
        "loans/transactions",
        "Loan transaction",
        loan_schema,
        LOAN_TRANSACTION_FILTER_FIELDS,
        LOAN_TRANSACTION_SORTING_FIELDS,
        loan_special,
    )
    for kind, accounts in ((deposit, "deposits"), (loan, "loans")):
        fake.add_kind(kind)
        _register(fake, kind, accounts)


def _register(fake: FakeMambu, kind: EntityKind, accounts: str) -> None:
    def get_one(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        query.check_params(request, {"detailsLevel"})
        level = query.details_level(request)
        return json_response(
            200, query.render(kind, fake.require(kind.name, request.path_params["id"]), level)
        )

    def list_for_account(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        try:
            account = fake.require(accounts, request.path_params["id"])
        except ApiError as error:
            if accounts != "deposits":
                raise
            # deposit_transactions.json declares 200/400/401/403 for this list, no 404: an unknown
            # account is a validation error (400, with the same INVALID_DEPOSIT_ACCOUNT_ID body).
            raise ApiError(400, error.errors) from None
        records = fake.store[kind.name].find(lambda t: t.get("parentAccountKey") == account["encodedKey"])
        return list_records(fake, kind, request, records)

    def search(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        return search_records(fake, kind, request, fake.store[kind.name].values())

    fake.router.add("GET", f"/{kind.prefix}/{{id}}", get_one)
    fake.router.add("POST", f"/{kind.prefix}:search", search)
    fake.router.add("GET", f"/{accounts}/{{id}}/transactions", list_for_account)
