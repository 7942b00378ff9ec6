"""Loan rules through FakeMambu.dispatch: lifecycle, value dates, adjustments, arrears, write-off."""

from __future__ import annotations

from decimal import Decimal

from banking_helpers import Call, reason, seed_loan

from mambu_async.testing.backend import FakeMambu

D = Decimal


def _approve(call: Call) -> None:
    status, _ = call("POST", "/loans/L1:changeState", {"action": "APPROVE", "notes": "ok"})
    assert status == 200


def test_loan_from_pending_to_closed_repaid(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    status, body = call("POST", "/loans/L1/disbursement-transactions", {})
    assert status == 400 and reason(body) == "INVALID_ACCOUNT_STATE"
    _approve(call)
    status, tx = call("POST", "/loans/L1/disbursement-transactions", {"notes": "go"})
    assert status == 201 and tx["type"] == "DISBURSEMENT" and tx["amount"] == 1200
    status, loan = call("GET", "/loans/L1/schedule")
    installments = loan["installments"]
    assert len(installments) == 12
    assert sum(i["principal"]["amount"]["expected"] for i in installments) == 1200
    fake.clock.advance(days=31)  # first installment (2024-02-15) due
    status, tx = call("POST", "/loans/L1/repayment-transactions", {"amount": 112})
    assert status == 201
    assert tx["affectedAmounts"]["interestAmount"] == D("12.00")
    assert tx["affectedAmounts"]["principalAmount"] == D("100.00")
    loan = fake.get("loans", "L1")
    assert loan["balances"]["principalBalance"] == D("1100.00")
    assert loan["accountState"] == "ACTIVE"
    # the rest: everything still owed today (principal only; future interest not charged)
    status, tx = call("POST", "/loans/L1/repayment-transactions", {"amount": 1100})
    assert status == 201
    loan = fake.get("loans", "L1")
    assert (loan["accountState"], loan["accountSubState"]) == ("CLOSED", "REPAID")
    assert all(v == 0 for k, v in loan["balances"].items() if not k.endswith("Paid"))
    assert loan["balances"]["principalPaid"] == 1200
    status, sched = call("GET", "/loans/L1/schedule")
    assert {i["state"] for i in sched["installments"]} == {"PAID"}
    paid = sum(i[c]["amount"]["paid"] for i in sched["installments"] for c in ("principal", "interest"))
    assert paid == D("1212.00")
    status, body = call("POST", "/loans/L1/repayment-transactions", {"amount": 1})
    assert status == 400 and reason(body) == "INVALID_ACCOUNT_STATE_FOR_REPAYMENTS"


def test_value_date_rules(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    _approve(call)
    status, body = call(
        "POST", "/loans/L1/disbursement-transactions", {"valueDate": "2024-01-10T00:00:00+00:00"}
    )
    assert status == 400 and reason(body) == "INVALID_DISBURSEMENT_DATE"
    status, body = call(
        "POST", "/loans/L1/disbursement-transactions", {"valueDate": "2024-02-10T00:00:00+00:00"}
    )
    assert status == 400 and reason(body) == "INVALID_DISBURSEMENT_DATE"
    assert call("POST", "/loans/L1/disbursement-transactions", {})[0] == 201
    status, body = call(
        "POST", "/loans/L1/repayment-transactions", {"amount": 10, "valueDate": "2024-01-01T00:00:00+00:00"}
    )
    assert status == 400 and reason(body) == "BACKDATE_BEFORE_ACTIVATION"
    status, body = call("POST", "/loans/L1/repayment-transactions", {"amount": 5000})
    assert status == 400 and reason(body) == "EXCESS_REPAYMENT_ERROR"
    assert fake.store["loantransactions"].find(lambda t: t["type"] == "REPAYMENT") == []  # nothing kept


def test_adjustment_reverses_and_twice_is_refused(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    _approve(call)
    call("POST", "/loans/L1/disbursement-transactions", {})
    _, tx = call("POST", "/loans/L1/repayment-transactions", {"amount": 1200})
    assert fake.get("loans", "L1")["accountState"] == "CLOSED"
    status, adj = call("POST", f"/loans/transactions/{tx['id']}:adjust", {"notes": "bounced"})
    assert status == 200 and adj["type"] == "REPAYMENT_ADJUSTMENT" and adj["amount"] == -1200
    loan = fake.get("loans", "L1")
    assert loan["accountState"] == "ACTIVE" and "accountSubState" not in loan
    assert loan["balances"]["principalBalance"] == 1200 and loan["balances"]["principalPaid"] == 0
    status, body = call("POST", f"/loans/transactions/{tx['id']}:adjust", {})
    assert status == 400 and reason(body) == "TRANSACTION_ALREADY_ADJUSTED"


def test_clock_moves_overdue_installments_into_arrears(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    _approve(call)
    call("POST", "/loans/L1/disbursement-transactions", {})
    fake.clock.advance(days=40)
    assert fake.get("loans", "L1")["accountState"] == "ACTIVE"  # nothing ages until asked
    assert call("GET", "/loans/L1/schedule")[0] == 200
    loan = fake.get("loans", "L1")
    assert loan["accountState"] == "ACTIVE_IN_ARREARS" and loan["daysInArrears"] == 9
    assert loan["balances"]["principalDue"] == 100 and loan["balances"]["interestDue"] == 12
    call("POST", "/loans/L1/repayment-transactions", {"amount": 112})
    assert fake.get("loans", "L1")["accountState"] == "ACTIVE"


def test_fee_then_write_off(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    _approve(call)
    call("POST", "/loans/L1/disbursement-transactions", {})
    status, fee = call("POST", "/loans/L1/fee-transactions", {"amount": 15, "installmentNumber": 1})
    assert status == 201 and fee["type"] == "FEE_APPLIED"
    fake.clock.advance(days=31)
    _, tx = call("POST", "/loans/L1/repayment-transactions", {"amount": 20})
    assert tx["affectedAmounts"]["feesAmount"] == 15 and tx["affectedAmounts"]["interestAmount"] == 5
    status, wo = call("POST", "/loans/L1:writeOff", {"notes": "gone"})
    assert (
        status == 200 and wo["type"] == "WRITE_OFF" and wo["amount"] == D("1200") + D("12") - 5
    )  # applied interest only
    loan = fake.get("loans", "L1")
    assert (loan["accountState"], loan["accountSubState"]) == ("CLOSED", "WRITTEN_OFF")
    assert loan["balances"]["principalBalance"] == 0
    status, body = call("POST", "/loans/L1:changeState", {"action": "APPROVE"})
    assert status == 400 and reason(body) == "INVALID_STATE_TRANSITION"


def test_pay_off_closes_the_loan(fake: FakeMambu, call: Call) -> None:
    seed_loan(fake)
    _approve(call)
    call("POST", "/loans/L1/disbursement-transactions", {})
    fake.clock.advance(days=45)
    status, _ = call("POST", "/loans/L1:payOff", {"notes": "all"})
    assert status == 204
    loan = fake.get("loans", "L1")
    assert loan["accountSubState"] == "REPAID" and loan["balances"]["interestPaid"] == 12
