"""Banking rules through the public connector API, on both connectors (fake and REST on the emulator)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest

from mambu_async.errors import MambuBadRequestError, MambuError, MambuRateLimitError
from mambu_async.testing import FakeMambu
from mambu_async.testing.faults import lose_response, rate_limited, server_error

D = Decimal


@pytest.fixture
def book(mambu_fake: FakeMambu) -> dict[str, Any]:
    """A client, a loan product and a deposit product, seeded through the backend."""
    fake = mambu_fake
    client = fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    loan_product = fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro loan", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    deposit_product = fake.create(
        "depositproducts",
        {
            "id": "DP1",
            "name": "Savings",
            "type": "REGULAR_SAVINGS",
            "state": "ACTIVE",
            "accountingSettings": {"accountingMethod": "NONE"},
            "newAccountSettings": {"idGeneratorType": "RANDOM_PATTERN", "idPattern": "@@@###"},
        },
    )
    return {"client": client, "loan_product": loan_product, "deposit_product": deposit_product}


async def _new_loan(connector: Any, book: dict[str, Any], loan_id: str = "L1") -> dict[str, Any]:
    loan: dict[str, Any] = await connector.mambu_create(
        "loans",
        {
            "id": loan_id,
            "accountHolderKey": book["client"]["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": book["loan_product"]["encodedKey"],
            "loanAmount": D("1200"),
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodCount": 1,
                "repaymentPeriodUnit": "MONTHS",
            },
            "interestSettings": {"interestRate": D("12")},
        },
    )
    return loan


async def _new_deposit(connector: Any, book: dict[str, Any], deposit_id: str) -> dict[str, Any]:
    deposit: dict[str, Any] = await connector.mambu_create(
        "deposits",
        {
            "id": deposit_id,
            "name": "Savings",
            "accountHolderKey": book["client"]["encodedKey"],
            "accountHolderType": "CLIENT",
            "productTypeKey": book["deposit_product"]["encodedKey"],
        },
    )
    return deposit


def _reason(error: MambuError) -> str | None:
    return error.errors[0].reason


async def test_loan_from_creation_to_closed_repaid(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    loan = await _new_loan(mambu_connector, book)
    assert loan["accountState"] == "PENDING_APPROVAL"
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_make_disbursement("L1")
    assert _reason(exc.value) == "INVALID_ACCOUNT_STATE"
    approved = await mambu_connector.mambu_change_state("L1", "loans", "APPROVE", "looks good")
    assert approved["accountState"] == "APPROVED" and approved["approvedDate"]
    disbursement = await mambu_connector.mambu_make_disbursement("L1", notes="paid out")
    assert disbursement["type"] == "DISBURSEMENT" and disbursement["amount"] == 1200
    schedule = await mambu_connector.mambu_loanaccount_getSchedule("L1")
    rows = schedule["installments"]
    assert len(rows) == 12 and sum(r["principal"]["amount"]["expected"] for r in rows) == 1200
    mambu_fake.clock.advance(days=31)
    first = rows[0]["principal"]["amount"]["expected"] + rows[0]["interest"]["amount"]["expected"]
    repayment = await mambu_connector.mambu_make_repayment("L1", first, "first installment")
    assert repayment["affectedAmounts"]["interestAmount"] == D("12.00")
    loan = await mambu_connector.mambu_get("L1", "loans", "FULL")
    left = loan["balances"]["principalBalance"] + loan["balances"]["interestBalance"]
    await mambu_connector.mambu_make_repayment("L1", left, "the rest")
    loan = await mambu_connector.mambu_get("L1", "loans", "FULL")
    assert (loan["accountState"], loan["accountSubState"]) == ("CLOSED", "REPAID")
    balances = loan["balances"]
    assert balances["principalBalance"] == balances["interestBalance"] == balances["feesBalance"] == 0
    assert balances["principalPaid"] == 1200
    schedule = await mambu_connector.mambu_loanaccount_getSchedule("L1")
    assert {r["state"] for r in schedule["installments"]} == {"PAID"}
    paid = sum(r["interest"]["amount"]["paid"] for r in schedule["installments"])
    assert paid == balances["interestPaid"] == D("12.00")


async def test_illegal_transitions_and_write_off(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    await _new_loan(mambu_connector, book)
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_change_state("L1", "loans", "UNDO_APPROVE")
    assert _reason(exc.value) == "INVALID_STATE_TRANSITION" and exc.value.errors[0].code == 116
    await mambu_connector.mambu_change_state("L1", "loans", "APPROVE")
    await mambu_connector.mambu_make_disbursement("L1")
    with pytest.raises(MambuBadRequestError):
        await mambu_connector.mambu_change_state("L1", "loans", "REJECT")
    await mambu_connector.mambu_loanaccount_writeoff("L1", "uncollectable")
    loan = await mambu_connector.mambu_get("L1", "loans")
    assert (loan["accountState"], loan["accountSubState"]) == ("CLOSED", "WRITTEN_OFF")
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_make_repayment("L1", 10)
    assert _reason(exc.value) == "INVALID_ACCOUNT_STATE_FOR_REPAYMENTS"


async def test_deposit_through_its_states_and_every_transaction_type(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    await _new_deposit(mambu_connector, book, "D1")
    await _new_deposit(mambu_connector, book, "D2")
    for deposit_id in ("D1", "D2"):
        approved = await mambu_connector.mambu_change_state(deposit_id, "deposits", "APPROVE")
        assert approved["accountState"] == "APPROVED"
    deposit = await mambu_connector.mambu_make_deposit("D1", D("500.00"), "salary")
    assert deposit["type"] == "DEPOSIT" and deposit["accountBalances"]["totalBalance"] == 500
    assert (await mambu_connector.mambu_get("D1", "deposits"))["accountState"] == "ACTIVE"
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_make_withdrawal("D1", D("900"))
    assert _reason(exc.value) == "INSUFFICIENT_BALANCE"
    await mambu_connector.mambu_make_withdrawal("D1", D("100"), "cash")
    transfer = await mambu_connector.mambu_make_transfer(
        "D1", D("50"), {"linkedAccountType": "DEPOSIT", "linkedAccountId": "D2"}
    )
    assert transfer["type"] == "TRANSFER" and transfer["amount"] == -50
    fee = await mambu_connector.mambu_make_deposit_fee("D1", D("5"), "monthly fee")
    assert fee["type"] == "FEE_APPLIED" and fee["accountBalances"]["totalBalance"] == 345
    reversal = await mambu_connector.mambu_deposittransaction_adjust(fee["id"], "fee waived")
    assert reversal["type"] == "FEE_ADJUSTED" and reversal["accountBalances"]["totalBalance"] == 350
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_deposittransaction_adjust(fee["id"], "again")
    assert _reason(exc.value) == "TRANSACTION_ALREADY_ADJUSTED"
    with pytest.raises(MambuBadRequestError) as exc:  # reversing the 500 would leave -150
        await mambu_connector.mambu_deposittransaction_adjust(deposit["id"])
    assert _reason(exc.value) == "BALANCE_BELOW_ZERO"
    d1 = await mambu_connector.mambu_get("D1", "deposits")
    d2 = await mambu_connector.mambu_get("D2", "deposits")
    assert (d1["balances"]["totalBalance"], d2["balances"]["totalBalance"]) == (350, 50)
    assert d2["accountState"] == "ACTIVE"
    locked = await mambu_connector.mambu_change_state("D1", "deposits", "LOCK", "fraud check")
    assert locked["accountState"] == "LOCKED"
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_make_withdrawal("D1", D("1"))
    assert _reason(exc.value) == "INVALID_DEPOSIT_ACCOUNT_STATE"
    assert (await mambu_connector.mambu_change_state("D1", "deposits", "UNLOCK"))["accountState"] == "ACTIVE"
    started = await mambu_connector.mambu_action(
        "D1", "deposits", "startMaturity", {"maturityDate": "2024-02-14"}
    )
    assert started["accountState"] == "ACTIVE" and started["maturityDate"].startswith("2024-02-14")
    mambu_fake.clock.advance(days=30)
    assert (await mambu_connector.mambu_get("D1", "deposits"))["accountState"] == "MATURED"
    assert await mambu_connector.mambu_action("D1", "deposits", "undoMaturity") is None
    assert (await mambu_connector.mambu_get("D1", "deposits"))["accountState"] == "ACTIVE"


async def test_idempotency_key_replays_and_refuses_reuse(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    await _new_loan(mambu_connector, book)
    await mambu_connector.mambu_change_state("L1", "loans", "APPROVE")
    await mambu_connector.mambu_make_disbursement("L1")
    key = str(uuid.uuid4())
    first = await mambu_connector.mambu_make_repayment("L1", D("50"), idempotency_key=key)
    again = await mambu_connector.mambu_make_repayment("L1", D("50"), idempotency_key=key)
    assert again == first
    repayments = mambu_fake.store["loantransactions"].find(lambda t: t["type"] == "REPAYMENT")
    assert len(repayments) == 1
    with pytest.raises(MambuBadRequestError) as exc:
        await mambu_connector.mambu_make_repayment("L1", D("60"), idempotency_key=key)
    assert _reason(exc.value) == "INVALID_PARAMETERS"


async def test_lost_response_is_retried_without_a_second_repayment(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    await _new_loan(mambu_connector, book)
    await mambu_connector.mambu_change_state("L1", "loans", "APPROVE")
    await mambu_connector.mambu_make_disbursement("L1")
    rule = mambu_fake.faults.add(lose_response(), method="POST", path="/loans/*/repayment-transactions")  # type: ignore[attr-defined]
    repayment = await mambu_connector.mambu_make_repayment("L1", D("50"))
    assert rule.hits == 1 and repayment["amount"] == 50
    repayments = mambu_fake.store["loantransactions"].find(lambda t: t["type"] == "REPAYMENT")
    assert [t["encodedKey"] for t in repayments] == [repayment["encodedKey"]]
    assert mambu_fake.idempotency.replays == 1  # type: ignore[attr-defined]


async def test_rate_limits_and_server_errors_are_retried(
    mambu_connector: Any, mambu_fake: FakeMambu, book: Any
) -> None:
    await _new_loan(mambu_connector, book)
    limited = mambu_fake.faults.add(rate_limited(retry_after=2), method="GET", path="/loans/L1")  # type: ignore[attr-defined]
    broken = mambu_fake.faults.add(server_error(503), method="GET", path="/loans/L1")  # type: ignore[attr-defined]
    loan = await mambu_connector.mambu_get("L1", "loans")
    assert loan["id"] == "L1" and (limited.hits, broken.hits) == (1, 1)
    mambu_fake.faults.add(rate_limited(retry_after=3600), path="/loans/L1")  # type: ignore[attr-defined]
    with pytest.raises(MambuRateLimitError) as exc:  # asks for longer than the cap: raised at once
        await mambu_connector.mambu_get("L1", "loans")
    assert exc.value.retry_after == 3600
