"""Deposit ``:applyInterest``, loan ``:changeInterestRate``, penalties on late installments and
``:undoReschedule`` / ``:undoRefinance``, on both connectors through the public connector API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mambu_async import (
    MambuBadRequestError,
    MambuNotFoundError,
    MambuNotImplementedError,
)
from mambu_async.testing import FakeMambu

D = Decimal


@pytest.fixture
def seeded(mambu_fake: FakeMambu) -> FakeMambu:
    fake = mambu_fake
    fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    fake.create(
        "loanproducts",
        {"id": "LP1", "name": "Micro", "type": "FIXED_TERM_LOAN", "creditArrangementSettings": {}},
    )
    fake.create(
        "loanproducts",
        {
            "id": "LPP",
            "name": "Strict",
            "type": "FIXED_TERM_LOAN",
            "creditArrangementSettings": {},
            "penaltySettings": {
                "loanPenaltyCalculationMethod": "OVERDUE_BALANCE",
                "penaltyRate": {"defaultValue": D("0.1")},
                "loanPenaltyGracePeriod": 3,
            },
        },
    )
    fake.create(
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
    return fake


def _loan(fake: FakeMambu, loan_id: str, product: str = "LP1", rate: str = "12", **extra: Any) -> None:
    fake.create(
        "loans",
        {
            "id": loan_id,
            "accountHolderKey": "C1",
            "accountHolderType": "CLIENT",
            "productTypeKey": product,
            "loanAmount": D("1200"),
            "interestSettings": {"interestRate": D(rate)},
            "scheduleSettings": {
                "gracePeriod": 0,
                "repaymentInstallments": 12,
                "repaymentPeriodUnit": "MONTHS",
            },
            **extra,
        },
    )


def _deposit(fake: FakeMambu, deposit_id: str, rate: str | None) -> None:
    data: dict[str, Any] = {
        "id": deposit_id,
        "accountHolderKey": "C1",
        "accountHolderType": "CLIENT",
        "productTypeKey": "DP1",
        "name": "Pot",
    }
    if rate is not None:
        data["interestSettings"] = {
            "interestRateSettings": {"interestRate": D(rate), "interestChargeFrequency": "ANNUALIZED"}
        }
    fake.create("deposits", data)


def _reason(caught: pytest.ExceptionInfo[Any]) -> str:
    return str(caught.value.errors[0].reason)


# -- deposits: :applyInterest --------------------------------------------------------------------


async def test_apply_interest_books_the_interest_earned(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    _deposit(seeded, "D1", "3.65")  # 0.01% a day
    await c.mambu_change_state("D1", "deposits", "APPROVE")
    await c.mambu_make_deposit("D1", D("1000"))  # 2024-01-15, activates the account
    seeded.clock.advance(days=10)
    await c.mambu_make_deposit("D1", D("500"))  # 2024-01-25
    seeded.clock.advance(days=5)
    body = {"interestApplicationDate": "2024-01-30T00:00:00+00:00", "notes": "month end"}
    assert await c.mambu_action("D1", "deposits", "applyInterest", body) is None
    # 10 days on 1000 + 5 days on 1500, at 0.01% a day
    deposit = await c.mambu_get("D1", "deposits", "FULL")
    assert deposit["balances"]["totalBalance"] == D("1501.75")
    assert deposit["lastInterestStoredDate"] == "2024-01-30T00:00:00+00:00"
    txs = await c.mambu_get_all("deposits/D1/transactions")
    interest = txs[-1]
    assert (interest["type"], interest["amount"], interest["notes"]) == (
        "INTEREST_APPLIED",
        D("1.75"),
        "month end",
    )
    assert interest["affectedAmounts"]["interestAmount"] == D("1.75")
    assert interest["affectedAmounts"]["fundsAmount"] == 0
    assert interest["accountBalances"]["totalBalance"] == D("1501.75")
    assert sum((t["amount"] for t in txs), D(0)) == deposit["balances"]["totalBalance"]
    with pytest.raises(MambuBadRequestError) as again:
        await c.mambu_action("D1", "deposits", "applyInterest", body)
    assert _reason(again) == "INVALID_DATE"
    adjustment = await c.mambu_deposittransaction_adjust(interest["id"], "reversed")
    assert (adjustment["type"], adjustment["amount"]) == ("INTEREST_APPLIED_ADJUSTMENT", D("-1.75"))
    assert (await c.mambu_get("D1", "deposits"))["balances"]["totalBalance"] == D("1500")


async def test_apply_interest_refusals(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    _deposit(seeded, "D1", "3.65")
    _deposit(seeded, "D0", None)
    ok = {"interestApplicationDate": "2024-01-15T09:00:00+00:00"}
    with pytest.raises(MambuBadRequestError) as pending:
        await c.mambu_action("D1", "deposits", "applyInterest", ok)
    assert _reason(pending) == "INVALID_DEPOSIT_ACCOUNT_STATE"
    for deposit_id in ("D1", "D0"):
        await c.mambu_change_state(deposit_id, "deposits", "APPROVE")
        await c.mambu_make_deposit(deposit_id, D("100"))
    seeded.clock.advance(days=3)
    cases = [
        ("D1", {"notes": "no date"}, "INVALID_PARAMETERS"),
        ("D1", {"interestApplicationDate": "2024-02-01T00:00:00+00:00"}, "BACKDATE_SET_IN_THE_FUTURE"),
        ("D1", {"interestApplicationDate": "2024-01-10T00:00:00+00:00"}, "INVALID_DATE"),
        ("D0", {"interestApplicationDate": "2024-01-18T00:00:00+00:00"}, "INTEREST_APPLIED_WITH_NULL_AMOUNT"),
    ]
    for deposit_id, body, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_action(deposit_id, "deposits", "applyInterest", body)
        assert _reason(caught) == reason, body
    with pytest.raises(MambuNotFoundError):
        await c.mambu_action("NOPE", "deposits", "applyInterest", ok)
    assert (await c.mambu_get("D1", "deposits"))["balances"]["totalBalance"] == D("100")


# -- loans: :changeInterestRate ------------------------------------------------------------------


def _interest(schedule: dict[str, Any]) -> list[Decimal]:
    return [i["interest"]["amount"]["expected"] for i in schedule["installments"]]


async def test_change_interest_rate_recalculates_from_the_value_date(
    mambu_connector: Any, seeded: FakeMambu
) -> None:
    c = mambu_connector
    _loan(seeded, "L1")
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")  # 2024-01-15; 1% a month on the declining balance
    assert _interest(await c.mambu_loanaccount_getSchedule("L1"))[:3] == [D("12.00"), D("11.00"), D("10.00")]
    seeded.clock.advance(days=36)  # 2024-02-20, installment 1 (due 2024-02-15) late
    await c.mambu_make_repayment("L1", D("112"))
    body = {"interestRate": D("24"), "valueDate": "2024-02-20T09:00:00+00:00", "notes": "repriced"}
    assert await c.mambu_action("L1", "loans", "changeInterestRate", body) is None
    schedule = await c.mambu_loanaccount_getSchedule("L1")
    interest = _interest(schedule)
    assert interest[:3] == [D("12.00"), D("22.00"), D("20.00")] and interest[-1] == D("2.00")
    assert sum(i["principal"]["amount"]["expected"] for i in schedule["installments"]) == D("1200")
    loan = await c.mambu_get("L1", "loans", "FULL")
    assert loan["interestSettings"]["interestRate"] == D("24")
    changed = [
        t for t in await c.mambu_get_all("loans/L1/transactions") if t["type"] == "INTEREST_RATE_CHANGED"
    ]
    assert len(changed) == 1 and changed[0]["terms"]["interestSettings"]["interestRate"] == D("24")
    assert changed[0]["amount"] == 0 and changed[0]["notes"] == "repriced"
    await c.mambu_action("L1", "loans", "payOff", {"notes": "done"})
    closed = await c.mambu_get("L1", "loans", "FULL")
    assert (closed["accountState"], closed["accountSubState"]) == ("CLOSED", "REPAID")
    assert closed["balances"]["principalBalance"] == 0 and closed["balances"]["interestBalance"] == 0


async def test_change_interest_rate_keeps_equal_installments(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    _loan(
        seeded,
        "L1",
        interestSettings={
            "interestRate": D("12"),
            "interestCalculationMethod": "DECLINING_BALANCE_DISCOUNTED",
        },
    )
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")
    await c.mambu_action(
        "L1",
        "loans",
        "changeInterestRate",
        {"interestRate": D("6"), "valueDate": "2024-01-15T09:00:00+00:00"},
    )
    rows = (await c.mambu_loanaccount_getSchedule("L1"))["installments"]
    totals = {r["principal"]["amount"]["expected"] + r["interest"]["amount"]["expected"] for r in rows[:-1]}
    assert totals == {D("103.28")}  # the annuity of 1200 over 12 months at 0.5% a month
    assert sum(r["principal"]["amount"]["expected"] for r in rows) == D("1200")


async def test_change_interest_rate_refusals(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    _loan(seeded, "L1")
    body = {"interestRate": D("10"), "valueDate": "2024-01-15T09:00:00+00:00"}
    with pytest.raises(MambuBadRequestError) as pending:
        await c.mambu_action("L1", "loans", "changeInterestRate", body)
    assert _reason(pending) == "INVALID_ACCOUNT_STATE"
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")
    cases = [
        ({"valueDate": "2024-01-15T09:00:00+00:00"}, "INVALID_PARAMETERS"),
        ({"interestRate": D("10")}, "INVALID_PARAMETERS"),
        ({**body, "interestRate": D("-1")}, "INVALID_INTEREST_RATE"),
        ({**body, "valueDate": "2024-01-01T00:00:00+00:00"}, "BACKDATE_BEFORE_ACTIVATION"),
        ({**body, "valueDate": "2024-03-01T00:00:00+00:00"}, "BACKDATE_SET_IN_THE_FUTURE"),
    ]
    for sent, reason in cases:
        with pytest.raises(MambuBadRequestError) as caught:
            await c.mambu_action("L1", "loans", "changeInterestRate", sent)
        assert _reason(caught) == reason, sent
    assert (await c.mambu_get("L1", "loans", "FULL"))["interestSettings"]["interestRate"] == D("12")


# -- loans: penalties ----------------------------------------------------------------------------


async def test_late_installments_owe_penalties_after_the_tolerance(
    mambu_connector: Any, seeded: FakeMambu
) -> None:
    c = mambu_connector
    _loan(seeded, "L1", product="LPP", rate="0")
    await c.mambu_change_state("L1", "loans", "APPROVE")
    await c.mambu_make_disbursement("L1")  # 2024-01-15, 100 due every 15th
    seeded.clock.advance(days=34)  # 2024-02-18: 3 days late, within the tolerance
    assert (await c.mambu_get("L1", "loans"))["balances"]["penaltyDue"] == 0
    seeded.clock.advance(days=1)  # 4 days late: 100 x 4 days x 0.1% a day
    loan = await c.mambu_get("L1", "loans")
    assert loan["balances"]["penaltyDue"] == D("0.40") and loan["accountState"] == "ACTIVE_IN_ARREARS"
    first = (await c.mambu_loanaccount_getSchedule("L1"))["installments"][0]
    assert first["penalty"]["amount"]["due"] == D("0.40")
    repayment = await c.mambu_make_repayment("L1", D("100.40"))
    assert repayment["affectedAmounts"]["penaltyAmount"] == D("0.40")
    assert repayment["affectedAmounts"]["principalAmount"] == D("100")
    seeded.clock.advance(days=27)  # 2024-03-17: installment 2 two days late, paid within the tolerance
    await c.mambu_make_repayment("L1", D("100"))
    seeded.clock.advance(days=10)
    loan = await c.mambu_get("L1", "loans")
    assert loan["balances"]["penaltyDue"] == 0 and loan["balances"]["penaltyPaid"] == D("0.40")
    assert loan["accountState"] == "ACTIVE"


async def test_loan_penalty_settings_win_over_the_products(mambu_connector: Any, seeded: FakeMambu) -> None:
    c = mambu_connector
    _loan(
        seeded,
        "L1",
        product="LPP",
        interestSettings={"interestRate": D("12")},
        penaltySettings={
            "loanPenaltyCalculationMethod": "OVERDUE_BALANCE_AND_INTEREST",
            "penaltyRate": D("1"),
        },
    )
    _loan(seeded, "L2", penaltySettings={"loanPenaltyCalculationMethod": "NONE", "penaltyRate": D("1")})
    for loan_id in ("L1", "L2"):
        await c.mambu_change_state(loan_id, "loans", "APPROVE")
        await c.mambu_make_disbursement(loan_id)
    seeded.clock.advance(days=36)  # 5 days late: (100 + 12) x 5 days x 1% a day
    assert (await c.mambu_get("L1", "loans"))["balances"]["penaltyDue"] == D("5.60")
    assert (await c.mambu_get("L2", "loans"))["balances"]["penaltyDue"] == 0


# -- loans: :undoReschedule / :undoRefinance -----------------------------------------------------


@pytest.mark.parametrize(
    ("action", "sub_state"), [("undoReschedule", "RESCHEDULED"), ("undoRefinance", "REFINANCED")]
)
async def test_undo_reschedule_and_refinance(
    mambu_connector: Any, seeded: FakeMambu, action: str, sub_state: str
) -> None:
    c = mambu_connector
    _loan(seeded, "L1")
    await c.mambu_change_state("L1", "loans", "APPROVE")
    with pytest.raises(MambuBadRequestError) as caught:
        await c.mambu_action("L1", "loans", action, {"notes": "never happened"})
    assert _reason(caught) == "INVALID_ACCOUNT_STATE"
    with pytest.raises(MambuNotFoundError):
        await c.mambu_action("NOPE", "loans", action)
    loan = seeded.get("loans", "L1")
    seeded.store["loans"].put({**loan, "accountState": "CLOSED", "accountSubState": sub_state})
    with pytest.raises(MambuNotImplementedError):
        await c.mambu_action("L1", "loans", action)
