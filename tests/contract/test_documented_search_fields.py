"""Every field of Mambu's documented filter-criteria lists is searchable (loans, deposits, loan
transactions) with the operators Mambu allows for its type, and the derived ones mean what Mambu says
(both fronts, on the demo tenant)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import search_fields
from mambu_async.testing import FakeMambu
from mambu_async.testing.clock import DEFAULT_NOW
from mambu_async.testing.factories import build_demo_tenant
from mambu_async.testing.search import OPERATOR_TYPES
from tests.contract.conftest import Raw, reasons

SAMPLE = {
    "string": ("EQUALS", {"value": "x"}),
    "key": ("IN", {"values": ["x"]}),
    "enum": ("NOT_EMPTY", {}),
    "number": ("MORE_THAN", {"value": "0"}),
    "integer": ("LESS_THAN", {"value": "10"}),
    "boolean": ("EQUALS", {"value": "true"}),
    "date": ("AFTER", {"value": "2020-01-01"}),
    "datetime": ("AFTER", {"value": "2020-01-01"}),
}
"""One operator Mambu allows per field type, with a value of that type."""

DOCUMENTED = [
    *(("loans", "loans", f) for f in search_fields.LOAN_FILTER_FIELDS),
    *(("deposits", "deposits", f) for f in search_fields.DEPOSIT_FILTER_FIELDS),
    *(("loans/transactions", "loantransactions", f) for f in search_fields.LOAN_TRANSACTION_FILTER_FIELDS),
    *(("groups", "groups", f) for f in search_fields.GROUP_FILTER_FIELDS),
    *(("clients", "clients", f) for f in search_fields.CLIENT_FILTER_FIELDS),
]


@pytest.fixture
def mambu_fake() -> FakeMambu:
    fake = FakeMambu(now=DEFAULT_NOW)
    build_demo_tenant(fake, clients=6, loans=12, deposits=7, groups=2)
    return fake


async def _search(raw: Raw, prefix: str, *criteria: dict[str, Any], **params: str) -> tuple[int, Any]:
    status, _, body = await raw(
        "POST", f"/{prefix}:search", json={"filterCriteria": list(criteria)}, params=list(params.items())
    )
    return status, body


async def test_every_documented_field_is_searchable_with_an_operator_of_its_type(
    raw: Raw, mambu_fake: FakeMambu
) -> None:
    for prefix, kind, name in DOCUMENTED:
        field = mambu_fake.kind(kind).search_fields[name]
        operator, value = SAMPLE[field.type]
        if field.enum:
            value = {"value": field.enum[0]}
            operator = "EQUALS"
        assert field.type in OPERATOR_TYPES[operator]
        status, body = await _search(raw, prefix, {"field": name, "operator": operator, **value})
        assert status == 200, (prefix, name, body)


@pytest.mark.parametrize(
    ("prefix", "name", "operator", "value"),
    [
        ("loans", "lastAccountAppraisalDate", "MORE_THAN", "1"),
        ("loans", "loanAmount", "AFTER", "2020-01-01"),
        ("loans", "loanName", "LESS_THAN", "5"),
        ("deposits", "overdraftInArrears", "STARTS_WITH", "t"),
        ("loans/transactions", "amount", "STARTS_WITH", "1"),
    ],
)
async def test_an_operator_mambu_does_not_allow_for_the_type_is_refused(
    raw: Raw, mambu_fake: FakeMambu, prefix: str, name: str, operator: str, value: str
) -> None:
    status, body = await _search(raw, prefix, {"field": name, "operator": operator, "value": value})
    assert status == 400 and reasons(body) == ["INVALID_FILTER_ELEMENT"]


async def test_last_account_appraisal_date_finds_the_appraised_loans(raw: Raw, mambu_fake: FakeMambu) -> None:
    appraised = {r["id"] for r in mambu_fake.store["loans"].values() if r.get("lastAccountAppraisalDate")}
    assert appraised
    status, found = await _search(
        raw, "loans", {"field": "lastAccountAppraisalDate", "operator": "AFTER", "value": "2024-01-01"}
    )
    assert status == 200 and {r["id"] for r in found} == appraised
    loan = next(r for r in mambu_fake.store["loans"].values() if r.get("accountState") == "APPROVED")
    mambu_fake.clock.advance(days=2)
    status, _, _ = await raw("POST", f"/loans/{loan['id']}/disbursement-transactions", json={})
    assert status == 201
    status, found = await _search(
        raw, "loans", {"field": "lastAccountAppraisalDate", "operator": "AFTER", "value": "2024-01-16"}
    )
    # the disbursed loan and those the new day re-appraised (active ones), not the closed ones
    by_id = {r["id"]: r for r in found}
    assert loan["id"] in by_id and "CLOSED" not in {r["accountState"] for r in found}
    # the disbursement appraised its loan when it was posted; the new day's run at the day's start
    assert by_id.pop(loan["id"])["lastAccountAppraisalDate"] == "2024-01-17T09:00:00+00:00"
    assert {r["lastAccountAppraisalDate"] for r in by_id.values()} == {"2024-01-17T00:00:00+00:00"}
    assert all(r["lastModifiedDate"] != r["lastAccountAppraisalDate"] for r in by_id.values())


async def test_derived_loan_fields(raw: Raw, mambu_fake: FakeMambu) -> None:
    loan = next(r for r in mambu_fake.store["loans"].values() if r.get("accountState") == "ACTIVE")
    holder = mambu_fake.store["clients"].get(loan["accountHolderKey"]) or mambu_fake.store["groups"].get(
        loan["accountHolderKey"]
    )
    assert holder is not None
    status, found = await _search(
        raw,
        "loans",
        {"field": "accountHolderId", "operator": "EQUALS", "value": holder["id"]},
        {
            "field": "numInstallments",
            "operator": "EQUALS",
            "value": str(loan["scheduleSettings"]["repaymentInstallments"]),
        },
    )
    assert status == 200 and loan["id"] in {r["id"] for r in found}
    assert all(r["accountHolderKey"] == holder["encodedKey"] for r in found)
    balances = loan["balances"]
    total = sum((balances[f"{p}Balance"] for p in ("principal", "interest", "fees", "penalty")), Decimal(0))
    status, found = await _search(
        raw,
        "loans",
        {"field": "totalBalance", "operator": "BETWEEN", "value": str(total), "secondValue": str(total)},
        {"field": "id", "operator": "EQUALS", "value": loan["id"]},
    )
    assert [r["id"] for r in found] == [loan["id"]]
    status, found = await _search(raw, "loans", {"field": "lastPaymentDate", "operator": "NOT_EMPTY"})
    repaid_loans = {
        tx["parentAccountKey"]
        for tx in mambu_fake.store["loantransactions"].values()
        if tx["type"] == "REPAYMENT"
    }
    assert {r["encodedKey"] for r in found} == repaid_loans


async def test_derived_deposit_and_transaction_fields(raw: Raw, mambu_fake: FakeMambu) -> None:
    deposit = next(iter(mambu_fake.store["deposits"].values()))
    client = mambu_fake.store["clients"].get(deposit["accountHolderKey"])
    assert client is not None
    status, found = await _search(
        raw, "deposits", {"field": "clientId", "operator": "EQUALS", "value": client["id"]}
    )
    assert status == 200 and deposit["id"] in {r["id"] for r in found}
    status, found = await _search(
        raw,
        "deposits",
        {"field": "accountHolderName", "operator": "STARTS_WITH", "value": client["firstName"]},
    )
    assert deposit["id"] in {r["id"] for r in found}
    loan = next(r for r in mambu_fake.store["loans"].values() if r.get("accountState") == "ACTIVE")
    status, found = await _search(
        raw,
        "loans/transactions",
        {"field": "parentAccountHolderKey", "operator": "EQUALS", "value": loan["accountHolderKey"]},
        {"field": "affectedAmounts.principalAmount", "operator": "MORE_THAN", "value": "0"},
    )
    assert status == 200 and found
    held = {
        r["encodedKey"]
        for r in mambu_fake.store["loans"].values()
        if r["accountHolderKey"] == loan["accountHolderKey"]
    }
    assert {tx["parentAccountKey"] for tx in found} <= held


async def test_equals_case_sensitive_compares_numbers_by_value(raw: Raw, mambu_fake: FakeMambu) -> None:
    loan = next(iter(mambu_fake.store["loans"].values()))
    status, found = await _search(
        raw,
        "loans",
        {"field": "loanAmount", "operator": "EQUALS_CASE_SENSITIVE", "value": f"{loan['loanAmount']:.2f}"},
    )
    assert status == 200 and loan["id"] in {r["id"] for r in found}


async def test_derived_group_fields(raw: Raw, mambu_fake: FakeMambu) -> None:
    group = next(iter(mambu_fake.store["groups"].values()))
    members = str(len(group["groupMembers"]))
    status, found = await _search(
        raw,
        "groups",
        {"field": "numberOfMembers", "operator": "EQUALS", "value": members},
        {"field": "id", "operator": "EQUALS", "value": group["id"]},
    )
    assert status == 200 and [g["id"] for g in found] == [group["id"]]
    status, found = await _search(
        raw, "groups", {"field": "loansBalance", "operator": "MORE_THAN", "value": "0"}
    )
    holders = {
        r["accountHolderKey"]
        for r in mambu_fake.store["loans"].values()
        if r.get("balances", {}).get("principalBalance", 0) > 0
    }
    assert status == 200 and {g["encodedKey"] for g in found} == holders & {
        g["encodedKey"] for g in mambu_fake.store["groups"].values()
    }
