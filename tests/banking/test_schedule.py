"""Schedule computation, allocation and balances (pure, no tenant)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mambu_async.testing.banking.schedule import (
    LoanTerms,
    add_period,
    allocate,
    build_installments,
    loan_balances,
    payoff_amount,
)

D = Decimal


def _terms(method: str, **kw: object) -> LoanTerms:
    base: dict[str, object] = dict(
        principal=D("1200"),
        interest_rate=D("12"),
        method=method,
        installments=12,
        first_due=date(2024, 2, 15),
        start=date(2024, 1, 15),
    )
    base.update(kw)
    return LoanTerms(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["DECLINING_BALANCE", "DECLINING_BALANCE_DISCOUNTED", "FLAT"])
def test_principal_adds_up_to_the_loan_amount(method: str) -> None:
    installments = build_installments(_terms(method, principal=D("1000.01"), installments=7))
    assert sum(i.expected["principal"] for i in installments) == D("1000.01")
    assert all(i.expected["interest"] >= 0 for i in installments)


def test_declining_balance_equal_principal_interest_on_outstanding() -> None:
    inst = build_installments(_terms("DECLINING_BALANCE"))
    assert [i.expected["principal"] for i in inst] == [D("100.00")] * 12
    assert inst[0].expected["interest"] == D("12.00")  # 1200 * 1%
    assert inst[1].expected["interest"] == D("11.00")
    assert inst[-1].expected["interest"] == D("1.00")


def test_flat_interest_on_original_amount() -> None:
    inst = build_installments(_terms("FLAT"))
    assert {i.expected["interest"] for i in inst} == {D("12.00")}


def test_equal_installments_annuity() -> None:
    inst = build_installments(_terms("DECLINING_BALANCE_DISCOUNTED"))
    totals = [i.expected["principal"] + i.expected["interest"] for i in inst]
    assert len(set(totals[:-1])) == 1
    assert totals[0] == D("106.62")  # 1200 at 1% a month over 12 months
    assert abs(totals[-1] - totals[0]) < D("0.10")


def test_due_dates_step_months_and_clamp_short_months() -> None:
    terms = _terms("FLAT", first_due=date(2024, 1, 31), installments=3)
    assert [i.due_date for i in build_installments(terms)] == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]
    next_month = add_period(date(2024, 1, 31), "MONTHS", 1, short_month="FIRST_DAY_OF_NEXT_MONTH")
    assert next_month == date(2024, 3, 1)
    assert add_period(date(2024, 1, 1), "WEEKS", 2) == date(2024, 1, 15)


def test_first_due_date_defaults_to_one_period_after_disbursement() -> None:
    loan = {
        "loanAmount": 300,
        "scheduleSettings": {
            "repaymentInstallments": 3,
            "repaymentPeriodCount": 2,
            "repaymentPeriodUnit": "WEEKS",
            "gracePeriod": 0,
        },
    }
    terms = LoanTerms.from_loan(loan, date(2024, 1, 1))
    assert terms.method == "DECLINING_BALANCE"  # no settings: declining balance
    assert [i.due_date for i in build_installments(terms)] == [
        date(2024, 1, 15),
        date(2024, 1, 29),
        date(2024, 2, 12),
    ]


def test_grace_period_pays_interest_only() -> None:
    terms = _terms("DECLINING_BALANCE", installments=4, grace_period=1, grace_type="PAY_INTEREST_ONLY")
    inst = build_installments(terms)
    assert inst[0].expected["principal"] == 0 and inst[0].expected["interest"] == D("12.00")
    assert [i.expected["principal"] for i in inst[1:]] == [D("400.00")] * 3


def test_repayment_pays_fees_penalties_interest_principal_then_reduces_principal() -> None:
    inst = build_installments(_terms("DECLINING_BALANCE"))
    inst[0].expected["fee"] = D("5")
    inst[0].expected["penalty"] = D("3")
    alloc = allocate(inst, D("20"), date(2024, 2, 15))
    assert (alloc.fee, alloc.penalty, alloc.interest, alloc.principal) == (D("5"), D("3"), D("12.00"), D("0"))
    alloc = allocate(inst, D("150"), date(2024, 2, 15))
    assert alloc.principal == D("150") and alloc.interest == 0
    assert inst[0].state(date(2024, 2, 15)) == "PAID"
    assert inst[1].paid["principal"] == D("50")


def test_vertical_pays_each_component_across_installments_first() -> None:
    inst = build_installments(_terms("FLAT", installments=3))
    alloc = allocate(inst, D("24"), date(2024, 3, 20), payment_method="VERTICAL")
    assert alloc.interest == D("24.00") and alloc.principal == 0


def test_balances_and_payoff_add_up() -> None:
    inst = build_installments(_terms("DECLINING_BALANCE"))
    today = date(2024, 3, 20)
    bal = loan_balances(inst, today)
    assert bal["principalDue"] == D("200.00") and bal["interestDue"] == D("23.00")
    assert bal["principalBalance"] == D("1200") and bal["interestBalance"] == D("23.00")
    payoff = payoff_amount(inst, today)
    assert payoff == D("1223.00")
    allocate(inst, payoff, today)
    after = loan_balances(inst, today)
    assert all(v == 0 for k, v in after.items() if not k.endswith("Paid"))
    assert after["principalPaid"] == D("1200") and after["interestPaid"] == D("23.00")
    assert all(i.state(today) == "PAID" for i in inst)


def test_late_installment_state() -> None:
    inst = build_installments(_terms("FLAT"))
    assert inst[0].state(date(2024, 2, 15)) == "PENDING"
    assert inst[0].state(date(2024, 2, 16)) == "LATE"
