"""Loan accounts: state changes, disbursement, repayment, fees, write-off, pay-off, adjustments, schedule.

A loan's balances and schedule are never edited by hand: they are recomputed by replaying its
non-adjusted transactions over the schedule its terms give (:func:`replay`), so they always agree with
the transactions, whatever was adjusted. Routes (MambuPy's for what loans.json lacks, api-semantics §8.2):

- ``POST /loans/{id}:changeState`` ``{action, notes}`` → 200 the loan (lo.json)
- ``POST /loans/{id}/disbursement-transactions`` → 201 the transaction
- ``POST /loans/{id}/repayment-transactions`` → 201 the transaction
- ``POST /loans/{id}/fee-transactions`` → 201 the transaction
- ``POST /loans/{id}:writeOff`` ``{notes}`` → 200 the write-off transaction [INFERRED shape]
- ``POST /loans/{id}:payOff`` → 204 (lo.json)
- ``POST /loans/transactions/{id}:adjust`` ``{notes}`` → 200 the adjustment transaction
- ``POST /loans/{id}:changeInterestRate`` ``{interestRate, valueDate, notes}`` → 204 (lo.json): books an
  ``INTEREST_RATE_CHANGED`` transaction (``terms.interestSettings.interestRate``) and recomputes the
  installments due after ``valueDate`` (:func:`~.schedule.reprice`); the account's rate becomes the new one
- ``POST /loans/{id}:changeDueDatesSettings`` ``{fixedDaysOfMonth, notes, valueDate}`` → 204 [INFERRED]:
  the installments due after ``valueDate`` move onto the fixed days of the month
  (:func:`~.schedule.move_due_dates`)
- ``POST /loans/{id}:undoReschedule`` / ``:undoRefinance`` (lo.json): the fake models neither
  rescheduling nor refinancing, so a loan that was not rescheduled (refinanced) gets Mambu's 400
  ``INVALID_ACCOUNT_STATE``, and one the tenant was seeded with in that sub-state a 501
- ``GET /loans/{id}/transactions``, ``GET /loans/transactions/{id}``
- ``GET /loans/{id}/schedule`` → ``{"installments": [...], "currency": {"code"}}``

Value dates: a disbursement may not be dated before the approval nor in the future
(``INVALID_DISBURSEMENT_DATE``); a repayment may not be dated before the disbursement
(``BACKDATE_BEFORE_ACTIVATION``) nor in the future (``REPAYMENT_DATE_IN_THE_FUTURE_ERROR``).
Arrears: an ``ACTIVE`` loan with an installment unpaid more than ``arrearsTolerancePeriod`` days past
its due date is ``ACTIVE_IN_ARREARS`` (and back when paid); nothing ages unless the clock moves.
Penalties: with ``penaltySettings`` on the loan (or its product: ``penaltyRate.defaultValue``,
``loanPenaltyGracePeriod``), late installments owe ``penaltyDue`` as :class:`~.schedule.PenaltyTerms`
says, computed when a repayment is booked and up to the clock's date; repayments pay them in Mambu's
order. [INFERRED] No ``PENALTY_APPLIED`` transactions are booked, and ``OUTSTANDING_PRINCIPAL`` is not
modelled (no penalty).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from mambu_async.testing.apierror import api_error, bad_request, not_found
from mambu_async.testing.banking import journal
from mambu_async.testing.banking.common import (
    account_transactions,
    amount_of,
    banking,
    common_fields,
    date_of,
    value_date,
)
from mambu_async.testing.banking.installments import apply_custom_schedule
from mambu_async.testing.banking.schedule import (
    COMPONENTS,
    ZERO,
    Allocation,
    Installment,
    LoanTerms,
    PenaltyTerms,
    accrue_penalties,
    allocate,
    build_installments,
    loan_balances,
    move_due_dates,
    oldest_late_due_date,
    payoff_amount,
    reprice,
    to_decimal,
)
from mambu_async.testing.banking.states import LOAN_REPAYABLE, loan_state, next_loan_state
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, no_content
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

TX = "loantransactions"
_OWNER_KEYS = {
    "assignedBranchKey": "branchKey",
    "assignedCentreKey": "centreKey",
    "assignedUserKey": "userKey",
}
_AFFECTED = {
    "principal": "principalAmount",
    "interest": "interestAmount",
    "fee": "feesAmount",
    "penalty": "penaltyAmount",
}


@attrs.define
class Ledger:
    """A loan replayed: its installments and how each transaction was applied."""

    installments: list[Installment]
    applied: dict[str, Allocation]
    disbursed_on: dt.date | None


def _transactions(fake: FakeMambu, loan: Record) -> list[Record]:
    return account_transactions(fake, TX, banking(fake).loan_transactions, loan["encodedKey"])


def _live(transactions: Iterable[Record]) -> list[Record]:
    return [
        t for t in transactions if not t.get("adjustmentTransactionKey") and "originalTransactionKey" not in t
    ]


def replay(fake: FakeMambu, loan: Record, extra: Record | None = None) -> Ledger:
    """Rebuild the loan's schedule from its terms and its live transactions (plus ``extra``)."""
    txs = _live(_transactions(fake, loan)) + ([extra] if extra is not None else [])
    disbursement = next((t for t in txs if t["type"] == "DISBURSEMENT"), None)
    if disbursement is None:
        return Ledger([], {}, None)
    start = date_of(fake, disbursement["valueDate"]) or fake.clock.today()
    first_due = date_of(fake, (loan.get("disbursementDetails") or {}).get("firstRepaymentDate"))
    order = sorted(
        (t for t in txs if t is not disbursement),
        key=lambda t: (date_of(fake, t["valueDate"]) or start, int(t["id"])),
    )
    terms = LoanTerms.from_loan(_with_initial_rate(fake, loan, order), start, first_due)
    installments = build_installments(terms)
    apply_custom_schedule(fake, loan, installments)
    applied: dict[str, Allocation] = {}
    fees = banking(fake).fee_installments
    application = (loan.get("interestSettings") or {}).get("interestApplicationMethod")
    upfront_interest = application == "AFTER_DISBURSEMENT"
    penalties = penalty_terms(fake, loan)
    moves = sorted(banking(fake).due_date_changes.get(loan["encodedKey"], ()), key=lambda m: m[0])

    def move_until(day: dt.date) -> None:
        while moves and moves[0][0] <= day:
            moved_on, days = moves.pop(0)
            move_due_dates(installments, days, moved_on)

    for tx in order:
        on = date_of(fake, tx["valueDate"]) or start
        move_until(on)
        amount = to_decimal(tx["amount"])
        if penalties is not None:
            accrue_penalties(installments, penalties, on)
        if tx["type"] == "INTEREST_RATE_CHANGED":
            rate = ((tx.get("terms") or {}).get("interestSettings") or {}).get("interestRate")
            terms = reprice(installments, terms, to_decimal(rate), on)
        elif tx["type"] == "REPAYMENT":
            applied[tx["encodedKey"]] = allocate(
                installments, amount, on, payment_method=loan.get("paymentMethod") or "HORIZONTAL"
            )
        elif tx["type"] == "FEE_APPLIED":
            number = fees.get(tx["encodedKey"])
            target = _fee_installment(installments, on, number)
            target.expected["fee"] += amount
            applied[tx["encodedKey"]] = Allocation(fee=amount)
        elif tx["type"] == "WRITE_OFF":
            # what the balances hold is written off; interest not yet applied is simply not charged
            written = Allocation()
            for inst in installments:
                for component in COMPONENTS:
                    if component != "interest" or inst.due_date <= on or upfront_interest:
                        written.add(component, inst.outstanding(component))
                    inst.expected[component] = inst.paid[component]
            applied[tx["encodedKey"]] = written
    move_until(dt.date.max)
    if penalties is not None:
        accrue_penalties(installments, penalties, fake.clock.today())
    return Ledger(installments, applied, start)


def _with_initial_rate(fake: FakeMambu, loan: Record, order: list[Record]) -> Record:
    """The loan with the interest rate it had before its first interest rate change."""
    first = next((t for t in order if t["type"] == "INTEREST_RATE_CHANGED"), None)
    previous = banking(fake).previous_rates.get(first["encodedKey"]) if first is not None else None
    if previous is None:
        return loan
    return {**loan, "interestSettings": {**(loan.get("interestSettings") or {}), "interestRate": previous}}


def penalty_terms(fake: FakeMambu, loan: Record) -> PenaltyTerms | None:
    """The loan's penalty settings, completed from its product's; ``None`` when it owes no penalties."""
    product = fake.store["loanproducts"].get(str(loan.get("productTypeKey") or "")) or {}
    from_product = product.get("penaltySettings") or {}
    settings = loan.get("penaltySettings") or {}
    method = settings.get("loanPenaltyCalculationMethod") or from_product.get("loanPenaltyCalculationMethod")
    rate = settings.get("penaltyRate")
    if rate is None:
        rate = (from_product.get("penaltyRate") or {}).get("defaultValue")
    if method not in ("OVERDUE_BALANCE", "OVERDUE_BALANCE_AND_INTEREST") or not rate:
        return None
    tolerance = int(from_product.get("loanPenaltyGracePeriod") or 0)
    return PenaltyTerms(method, to_decimal(rate) / Decimal(100), tolerance)


def _fee_installment(installments: list[Installment], on: dt.date, number: int | None) -> Installment:
    if number is not None and 1 <= number <= len(installments):
        return installments[number - 1]
    for inst in installments:
        if inst.due_date >= on and inst.total_outstanding > ZERO:
            return inst
    return installments[-1]


def _affected(allocation: Allocation, sign: int = 1) -> dict[str, Decimal]:
    out = {name: getattr(allocation, component) * sign for component, name in _AFFECTED.items()}
    out.update(
        interestFromArrearsAmount=ZERO,
        deferredInterestAmount=ZERO,
        fundersInterestAmount=ZERO,
        organizationCommissionAmount=ZERO,
    )
    return out


def settle(
    fake: FakeMambu, loan: Record, ledger: Ledger | None = None, *, appraised: str | None = None
) -> Record:
    """Store the loan with balances, arrears and closing that follow from its ledger; returns it.

    ``appraised`` is when the balances were recalculated (default: now, as by a transaction)."""
    ledger = ledger or replay(fake, loan)
    today = fake.clock.today()
    loan = dict(loan)
    application = (loan.get("interestSettings") or {}).get(
        "interestApplicationMethod"
    ) or "REPAYMENT_DUE_DATE"
    balances = loan_balances(ledger.installments, today, interest_application=application)
    loan["balances"] = {
        **(loan.get("balances") or {}),
        **balances,
        "holdBalance": ZERO,
        "redrawBalance": ZERO,
        "interestFromArrearsDue": ZERO,
        "interestFromArrearsPaid": ZERO,
        "interestFromArrearsBalance": ZERO,
    }
    state, sub = loan_state(loan)
    outstanding = sum((i.total_outstanding for i in ledger.installments), ZERO)
    if ledger.disbursed_on is not None and state in LOAN_REPAYABLE and outstanding <= ZERO:
        loan.update(accountState="CLOSED", accountSubState="REPAID", closedDate=fake.clock.iso())
        state, sub = "CLOSED", "REPAID"
    elif state == "CLOSED" and sub == "REPAID" and outstanding > ZERO:
        loan["accountState"], state = "ACTIVE", "ACTIVE"
        loan.pop("accountSubState", None)
        loan.pop("closedDate", None)
    late = oldest_late_due_date(ledger.installments, today) if state in LOAN_REPAYABLE else None
    days_late = (today - late).days if late is not None else 0
    tolerance = int(loan.get("arrearsTolerancePeriod") or 0)
    if state in LOAN_REPAYABLE:
        in_arrears = late is not None and days_late > tolerance
        if in_arrears and state == "ACTIVE":
            loan["lastSetToArrearsDate"] = fake.clock.iso()
        loan["accountState"] = "ACTIVE_IN_ARREARS" if in_arrears else "ACTIVE"
        loan["daysLate"] = days_late
        loan["daysInArrears"] = days_late if in_arrears else 0
    else:
        loan["daysLate"] = loan["daysInArrears"] = 0
    _update_allocations(fake, ledger)
    loan["lastModifiedDate"] = fake.clock.iso()
    if ledger.disbursed_on is not None:
        # [INFERRED] Mambu stamps lastAccountAppraisalDate whenever it re-evaluates the account's
        # interest, principal, fees and penalties: a transaction or state change now, the end-of-day
        # run at the day's start (``age``).
        loan["lastAccountAppraisalDate"] = appraised or loan["lastModifiedDate"]
    return fake.store["loans"].put(loan)


def _update_allocations(fake: FakeMambu, ledger: Ledger) -> None:
    """Keep each live repayment's ``affectedAmounts`` equal to its split in the current replay."""
    store = fake.store[TX]
    for key, allocation in ledger.applied.items():
        record = store.get(key)
        if record is None:
            continue
        affected = _affected(allocation)
        if record.get("affectedAmounts") != affected:
            store.put({**record, "affectedAmounts": affected})


def _require_loan(fake: FakeMambu, ref: str) -> Record:
    return dict(fake.require("loans", ref))


def _new_transaction(
    fake: FakeMambu, loan: Record, tx_type: str, amount: Decimal, when: str, body: dict[str, Any]
) -> Record:
    key = fake.new_key()
    record: Record = {
        "encodedKey": key,
        "id": str(fake.new_int_id(TX)),
        "parentAccountKey": loan["encodedKey"],
        "type": tx_type,
        "amount": amount,
        "originalAmount": amount,
        "valueDate": when,
        "bookingDate": body.get("bookingDate") or when,
        "creationDate": fake.clock.iso(),
        **common_fields(body),
    }
    for source, target in _OWNER_KEYS.items():
        if loan.get(source):
            record[target] = loan[source]
    fake.store[TX].put(record)
    banking(fake).loan_transactions.setdefault(loan["encodedKey"], []).append(key)
    journal.queue(fake, TX, key)
    return record


def _with_account_balances(fake: FakeMambu, tx: Record, loan: Record) -> Record:
    balances = loan.get("balances") or {}
    total = sum(
        (to_decimal(balances.get(f"{n}Balance")) for n in ("principal", "interest", "fees", "penalty")), ZERO
    )
    tx = {
        **(fake.store[TX].get(tx["encodedKey"]) or tx),
        "accountBalances": {
            "totalBalance": total,
            "principalBalance": to_decimal(balances.get("principalBalance")),
            "advancePosition": ZERO,
            "arrearsPosition": ZERO,
            "expectedPrincipalRedraw": ZERO,
            "redrawBalance": ZERO,
        },
    }
    return fake.store[TX].put(tx)


# -- routes -----------------------------------------------------------------------------------------


def change_state(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}:changeState``."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object()
    action = body.get("action")
    if not isinstance(action, str):
        raise bad_request("INVALID_PARAMETERS", "Property action may not be null")
    previous = ("APPROVED", None) if loan.get("approvedDate") else ("PENDING_APPROVAL", None)
    state, sub = next_loan_state(loan, action, previous)
    if action == "CLOSE":
        ledger = replay(fake, loan)
        if any(i.total_outstanding > ZERO for i in ledger.installments):
            raise bad_request("ACCOUNT_HAS_REMAINING_BALANCE", "The loan account still has a balance")
    now = fake.clock.iso()
    if action == "APPROVE":
        loan["approvedDate"] = now
    elif action == "UNDO_APPROVE":
        loan.pop("approvedDate", None)
    if state == "CLOSED":
        loan["closedDate"] = now
        loan["accountSubState"] = sub
    else:
        loan.pop("closedDate", None)
        loan.pop("accountSubState", None)
    loan["accountState"] = state
    if notes := body.get("notes"):
        loan["notes"] = notes
    loan["lastModifiedDate"] = now
    stored = settle(fake, loan) if state in LOAN_REPAYABLE else fake.store["loans"].put(loan)
    return json_response(200, fake.get("loans", stored["encodedKey"]))


def disburse(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}/disbursement-transactions``: APPROVED → ACTIVE."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object() if request.body else {}
    state, _ = loan_state(loan)
    if state != "APPROVED":
        disbursed = (loan.get("disbursementDetails") or {}).get("disbursementDate")
        reason = "ACCOUNT_ALREADY_DISBURSED" if disbursed else "INVALID_ACCOUNT_STATE"
        raise bad_request(reason, f"Cannot disburse a loan account in state {state}")
    on, when = value_date(fake, body)
    approved = date_of(fake, loan.get("approvedDate"))
    if on > fake.clock.today():
        raise bad_request("INVALID_DISBURSEMENT_DATE", "The disbursement date cannot be in the future")
    if approved is not None and on < approved:
        raise bad_request("INVALID_DISBURSEMENT_DATE", "The disbursement date is before the approval date")
    loan_amount = to_decimal(loan.get("loanAmount"))
    amount = amount_of(body, required=False)
    if amount is not None and amount != loan_amount:
        raise bad_request("INVALID_AMOUNT", f"The disbursed amount must equal the loan amount {loan_amount}")
    details = dict(loan.get("disbursementDetails") or {})
    first = body.get("firstRepaymentDate") or details.get("firstRepaymentDate")
    if first is not None:
        first_day = date_of(fake, first)
        if first_day is None or first_day <= on:
            raise bad_request(
                "INVALID_FIRST_REPAYMENT_DUE_DATE",
                "The first repayment date must be a date-time after the disbursement date",
            )
    tx = _new_transaction(fake, loan, "DISBURSEMENT", loan_amount, when, body)
    tx = fake.store[TX].put({**tx, "affectedAmounts": {**_affected(Allocation(principal=loan_amount))}})
    terms = LoanTerms.from_loan(loan, on, date_of(fake, first))
    due = terms.due_date(1)
    details.update(disbursementDate=when)
    details["firstRepaymentDate"] = first or dt.datetime.combine(
        due, dt.time(), tzinfo=fake.clock.now().tzinfo
    ).isoformat(timespec="seconds")
    details.setdefault("encodedKey", fake.new_key())
    loan.update(accountState="ACTIVE", disbursementDetails=details, activationTransactionKey=tx["encodedKey"])
    stored = settle(fake, loan)
    return json_response(201, _with_account_balances(fake, tx, stored))


def check_repayable(loan: Record) -> None:
    """Refuse a repayment on a loan whose state does not take one (Mambu's error)."""
    state, _ = loan_state(loan)
    if state not in LOAN_REPAYABLE:
        raise bad_request(
            "INVALID_ACCOUNT_STATE_FOR_REPAYMENTS", f"Cannot repay a loan account in state {state}"
        )


def repay_internal(
    fake: FakeMambu, loan: Record, amount: Decimal, on: dt.date, when: str, body: dict[str, Any]
) -> Record:
    """Post a repayment of ``amount`` on ``on`` after Mambu's checks; the stored transaction with the
    account's balances."""
    if amount <= ZERO:
        raise bad_request("INVALID_AMOUNT", "The repayment amount must be positive")
    ledger = replay(fake, loan)
    if ledger.disbursed_on is not None and on < ledger.disbursed_on:
        raise bad_request("BACKDATE_BEFORE_ACTIVATION", "The repayment is dated before the disbursement")
    if on > fake.clock.today():
        raise bad_request("REPAYMENT_DATE_IN_THE_FUTURE_ERROR", "The repayment date cannot be in the future")
    tx = _new_transaction(fake, loan, "REPAYMENT", amount, when, body)
    ledger = replay(fake, loan)
    applied = ledger.applied[tx["encodedKey"]]
    if applied.total < amount:
        raise bad_request(
            "EXCESS_REPAYMENT_ERROR", f"The repayment exceeds what is owed by {amount - applied.total}"
        )
    if loan.get("futurePaymentsAcceptance") == "NO_FUTURE_PAYMENTS" and (
        applied.principal
        > sum((i.expected["principal"] for i in ledger.installments if i.due_date <= on), ZERO)
    ):
        raise bad_request("FUTURE_PAYMENT_NOT_ALLOWED_ERROR", "The loan does not accept future payments")
    stored = settle(fake, loan, ledger)
    return _with_account_balances(fake, tx, stored)


def repay(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}/repayment-transactions``."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object()
    check_repayable(loan)
    amount = amount_of(body)
    assert amount is not None
    on, when = value_date(fake, body)
    return json_response(201, repay_internal(fake, loan, amount, on, when, body))


def pay_off(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}:payOff``: repay everything owed today; 204."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object() if request.body else {}
    check_repayable(loan)
    ledger = replay(fake, loan)
    amount = payoff_amount(ledger.installments, fake.clock.today())
    if amount <= ZERO:
        raise bad_request("CANNOT_APPLY_REPAYMENT_ON_ZERO_BALANCE_ACCOUNT", "Nothing is owed")
    repay_internal(fake, loan, amount, fake.clock.today(), fake.clock.iso(), body)
    return no_content()


def apply_fee(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}/fee-transactions`` ``{amount, installmentNumber?, valueDate?, notes?}``."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object()
    state, _ = loan_state(loan)
    if state not in LOAN_REPAYABLE:
        raise bad_request("INVALID_ACCOUNT_STATE", f"Cannot apply a fee to a loan account in state {state}")
    amount = amount_of(body)
    assert amount is not None
    if amount <= ZERO:
        raise bad_request("FEE_AMOUNT_MUST_BE_STRICTLY_POSITIVE", "The fee amount must be positive")
    on, when = value_date(fake, body)
    if on > fake.clock.today():
        raise bad_request("BACKDATE_SET_IN_THE_FUTURE", "The fee cannot be dated in the future")
    ledger = replay(fake, loan)
    number = body.get("installmentNumber")
    if number is not None and (not isinstance(number, int) or not 1 <= number <= len(ledger.installments)):
        raise bad_request("INVALID_REPAYMENT_NUMBER", f"No installment number {number!r}")
    if ledger.disbursed_on is not None and on < ledger.disbursed_on:
        raise bad_request("BACKDATE_BEFORE_ACTIVATION", "The fee is dated before the disbursement")
    tx = _new_transaction(fake, loan, "FEE_APPLIED", amount, when, body)
    if number is not None:
        banking(fake).fee_installments[tx["encodedKey"]] = number
    stored = settle(fake, loan)
    return json_response(201, _with_account_balances(fake, tx, stored))


def write_off(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}:writeOff``: CLOSED + WRITTEN_OFF, balances to zero."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object() if request.body else {}
    state, _ = loan_state(loan)
    if state not in LOAN_REPAYABLE:
        raise bad_request("INVALID_ACCOUNT_STATE", f"Cannot write off a loan account in state {state}")
    tx = _new_transaction(fake, loan, "WRITE_OFF", ZERO, fake.clock.iso(), body)
    ledger = replay(fake, loan)
    owed = ledger.applied[tx["encodedKey"]].total
    tx = fake.store[TX].put({**tx, "amount": owed, "originalAmount": owed})
    loan.update(accountState="CLOSED", accountSubState="WRITTEN_OFF", closedDate=fake.clock.iso())
    stored = settle(fake, loan, ledger)
    return json_response(200, _with_account_balances(fake, tx, stored))


_ADJUSTMENT_TYPES = {
    "DISBURSEMENT": "DISBURSEMENT_ADJUSTMENT",
    "REPAYMENT": "REPAYMENT_ADJUSTMENT",
    "FEE_APPLIED": "FEE_ADJUSTMENT",
    "WRITE_OFF": "WRITE_OFF_ADJUSTMENT",
}


def adjust(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/transactions/{id}:adjust``: reverse a transaction's effects."""
    body = request.json_object() if request.body else {}
    return json_response(200, adjust_internal(fake, request.path_params["id"], body))


def adjust_internal(fake: FakeMambu, ref: str, body: dict[str, Any]) -> Record:
    """Adjust loan transaction ``ref``; returns the adjustment transaction."""
    original = fake.store[TX].get(ref)
    if original is None:
        raise not_found("INVALID_TRANSACTION_ID", f"Loan transaction {ref!r} was not found")
    if original.get("adjustmentTransactionKey"):
        raise bad_request(
            "TRANSACTION_ALREADY_ADJUSTED", f"Transaction {original['id']} was already adjusted"
        )
    adjustment_type = _ADJUSTMENT_TYPES.get(original["type"])
    if adjustment_type is None:
        raise bad_request(
            "TRANSACTION_TYPE_DOES_NOT_ALLOW_ADJUSTMENT", f"{original['type']} cannot be adjusted"
        )
    loan = _require_loan(fake, original["parentAccountKey"])
    live = _live(_transactions(fake, loan))
    if original["type"] == "DISBURSEMENT" and any(t["type"] != "DISBURSEMENT" for t in live):
        raise bad_request(
            "TRANSACTION_TYPE_DOES_NOT_ALLOW_ADJUSTMENT",
            "Adjust the loan's other transactions before its disbursement",
        )
    amount = to_decimal(original["amount"])
    tx = _new_transaction(fake, loan, adjustment_type, -amount, fake.clock.iso(), body)
    affected = {
        k: -v for k, v in (original.get("affectedAmounts") or {}).items() if isinstance(v, Decimal | int)
    }
    tx = fake.store[TX].put(
        {**tx, "originalTransactionKey": original["encodedKey"], "affectedAmounts": affected}
    )
    fake.store[TX].put({**original, "adjustmentTransactionKey": tx["encodedKey"]})
    if original["type"] == "DISBURSEMENT":
        details = {
            k: v for k, v in (loan.get("disbursementDetails") or {}).items() if k != "disbursementDate"
        }
        loan.update(accountState="APPROVED", disbursementDetails=details)
        loan.pop("activationTransactionKey", None)
        for name in ("balances", "daysLate", "daysInArrears"):
            loan.pop(name, None)
        loan["lastModifiedDate"] = fake.clock.iso()
        stored = fake.store["loans"].put(loan)
    else:
        if original["type"] == "WRITE_OFF":
            loan.update(accountState="ACTIVE")
            loan.pop("accountSubState", None)
            loan.pop("closedDate", None)
        stored = settle(fake, loan)
    return _with_account_balances(fake, tx, stored)


def change_interest_rate(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}:changeInterestRate`` ``{interestRate, valueDate, notes}``: 204."""
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object()
    rate = amount_of(body, "interestRate")
    assert rate is not None
    if body.get("valueDate") is None:
        raise bad_request("INVALID_PARAMETERS", "Property valueDate may not be null")
    on, when = value_date(fake, body)
    state, _ = loan_state(loan)
    if state not in LOAN_REPAYABLE:
        raise bad_request(
            "INVALID_ACCOUNT_STATE", f"Cannot change the interest rate of a loan account in state {state}"
        )
    settings = dict(loan.get("interestSettings") or {})
    if settings.get("interestRateSource") == "INDEX_INTEREST_RATE":
        raise bad_request(
            "INTEREST_RATE_NOT_AVAILABLE_FOR_INDEXED_RATES", "The loan's rate follows an index rate"
        )
    if rate < ZERO:
        raise bad_request("INVALID_INTEREST_RATE", "The interest rate cannot be negative")
    ledger = replay(fake, loan)
    if ledger.disbursed_on is not None and on < ledger.disbursed_on:
        raise bad_request("BACKDATE_BEFORE_ACTIVATION", "The change is dated before the disbursement")
    if on > fake.clock.today():
        raise bad_request("BACKDATE_SET_IN_THE_FUTURE", "The change cannot be dated in the future")
    tx = _new_transaction(fake, loan, "INTEREST_RATE_CHANGED", ZERO, when, body)
    fake.store[TX].put({**tx, "terms": {"interestSettings": {"interestRate": rate}}})
    banking(fake).previous_rates[tx["encodedKey"]] = to_decimal(settings.get("interestRate"))
    settings["interestRate"] = rate
    loan["interestSettings"] = settings
    settle(fake, loan)
    return no_content()


def change_due_dates_settings(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /loans/{id}:changeDueDatesSettings`` ``{fixedDaysOfMonth, notes, valueDate}``: 204.

    [INFERRED: the action is in MambuPy, not in loans.json; 204 like Mambu's other loan actions]
    Only for a loan whose product schedules on fixed days of the month
    (``scheduleSettings.scheduleDueDatesMethod`` ``FIXED_DAYS_OF_MONTH``), else
    ``FIXED_DAYS_OF_MONTH_NOT_ALLOWED``.
    ``scheduleSettings.fixedDaysOfMonth`` becomes the new days (``scheduleDueDatesMethod``
    ``FIXED_DAYS_OF_MONTH``) and the installments due after
    ``valueDate`` (default today; not before the disbursement nor in the future) move onto them
    (:func:`~.schedule.move_due_dates`); balances and arrears are recomputed from the transactions.
    """
    loan = _require_loan(fake, request.path_params["id"])
    body = request.json_object()
    unknown = sorted(set(body) - {"fixedDaysOfMonth", "notes", "valueDate"})
    if unknown:
        raise bad_request("INVALID_PARAMETERS", f"Unknown properties: {', '.join(unknown)}")
    days = body.get("fixedDaysOfMonth")
    if days is None:
        raise bad_request("INVALID_PARAMETERS", "Property fixedDaysOfMonth may not be null")
    if (
        not isinstance(days, list)
        or not days
        or any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 31 for d in days)
    ):
        raise bad_request(
            "INVALID_PARAMETERS", f"fixedDaysOfMonth must be days of the month between 1 and 31, got {days!r}"
        )
    notes = body.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise bad_request("INVALID_PARAMETERS", "Property notes must be a string")
    on, _ = value_date(fake, body)
    product = fake.store["loanproducts"].get(str(loan.get("productTypeKey") or "")) or {}
    if (product.get("scheduleSettings") or {}).get("scheduleDueDatesMethod") != "FIXED_DAYS_OF_MONTH":
        # [INFERRED] the reason: Mambu's enum member for fixed days on a product without them
        raise bad_request(
            "FIXED_DAYS_OF_MONTH_NOT_ALLOWED",
            f"The product {product.get('id')!r} of the loan does not schedule on fixed days of the month",
        )
    state, _ = loan_state(loan)
    if state not in LOAN_REPAYABLE:
        raise bad_request(
            "INVALID_ACCOUNT_STATE", f"Cannot change the due dates of a loan account in state {state}"
        )
    ledger = replay(fake, loan)
    if ledger.disbursed_on is not None and on < ledger.disbursed_on:
        raise bad_request("BACKDATE_BEFORE_ACTIVATION", "The change is dated before the disbursement")
    if on > fake.clock.today():
        raise bad_request("BACKDATE_SET_IN_THE_FUTURE", "The change cannot be dated in the future")
    loan["scheduleSettings"] = {
        **(loan.get("scheduleSettings") or {}),
        "scheduleDueDatesMethod": "FIXED_DAYS_OF_MONTH",
        "fixedDaysOfMonth": list(days),
    }
    if notes:
        loan["notes"] = notes
    changes = banking(fake).due_date_changes.setdefault(loan["encodedKey"], [])
    changes.append((on, tuple(days)))
    try:
        settle(fake, loan)
    except BaseException:
        changes.pop()  # the store rolls back; so does this
        raise
    return no_content()


def _undo(sub_state: str, done: str) -> Callable[[FakeMambu, FakeRequest], FakeResponse]:
    def undo(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
        loan = _require_loan(fake, request.path_params["id"])
        if request.body and request.body.strip():
            request.json_object()
        if loan.get("accountSubState") != sub_state:
            raise bad_request("INVALID_ACCOUNT_STATE", f"The loan account was not {done}")
        raise api_error(501, "METHOD_NOT_IMPLEMENTED", f"The fake does not model {done} loan accounts")

    return undo


undo_reschedule = _undo("RESCHEDULED", "rescheduled")
"""``POST /loans/{id}:undoReschedule``."""
undo_refinance = _undo("REFINANCED", "refinanced")
"""``POST /loans/{id}:undoRefinance``."""


def schedule_installments(fake: FakeMambu, loan: Record) -> list[Installment]:
    """The loan's installments as they stand (a preview before disbursement)."""
    ledger = replay(fake, loan)
    installments = ledger.installments
    if ledger.disbursed_on is None:
        details = loan.get("disbursementDetails") or {}
        start = date_of(fake, details.get("expectedDisbursementDate")) or fake.clock.today()
        installments = build_installments(
            LoanTerms.from_loan(loan, start, date_of(fake, details.get("firstRepaymentDate")))
        )
        apply_custom_schedule(fake, loan, installments)
    return installments


def schedule_rows(fake: FakeMambu, loan: Record) -> list[dict[str, Any]]:
    """The rendered installments of ``loan`` (the stored record), remembered until the loan, its
    transactions or the tenant date change (``GET /installments`` reads every loan's schedule)."""
    cache: dict[str, tuple[Record, int, dt.date, list[dict[str, Any]]]] = banking(fake).schedule_rows
    key = loan["encodedKey"]
    count = len(banking(fake).loan_transactions.get(key, ()))
    today = fake.clock.today()
    hit = cache.get(key)
    if hit is not None and hit[0] is loan and hit[1] == count and hit[2] == today:
        return hit[3]
    document = render_schedule(fake, loan, schedule_installments(fake, loan))
    rows: list[dict[str, Any]] = document["installments"]
    cache[key] = (loan, count, today, rows)
    return rows


def schedule(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``GET /loans/{id}/schedule``: the installments (a preview before disbursement)."""
    loan = _require_loan(fake, request.path_params["id"])
    return json_response(200, render_schedule(fake, loan, schedule_installments(fake, loan)))


def _installment_key(fake: FakeMambu, loan_key: str, number: int) -> str:
    """The encodedKey of a loan's installment: the same on every read, and held by no stored record."""
    salt = 0
    while True:
        key = hashlib.sha256(f"{loan_key}/installment/{number}/{salt}".encode()).hexdigest()[:32]
        if not fake.store.holds_key(key):
            return key
        salt += 1


def render_schedule(fake: FakeMambu, loan: Record, installments: list[Installment]) -> dict[str, Any]:
    """Mambu's v2 schedule document for ``installments``."""
    today = fake.clock.today()
    tz = fake.clock.now().tzinfo
    rows = []
    for inst in installments:

        def part(component: str, inst: Installment = inst) -> dict[str, Any]:
            expected, paid = inst.expected[component], inst.paid[component]
            amounts = {"expected": expected, "paid": paid, "due": expected - paid}
            out: dict[str, Any] = {"amount": amounts}
            if component != "principal":
                out["tax"] = {"expected": ZERO, "paid": ZERO, "due": ZERO}
            return out

        row: dict[str, Any] = {
            "encodedKey": _installment_key(fake, loan["encodedKey"], inst.number),
            "parentAccountKey": loan["encodedKey"],
            "number": str(inst.number),
            "dueDate": dt.datetime.combine(inst.due_date, dt.time(), tzinfo=tz).isoformat(timespec="seconds"),
            "state": inst.state(today),
            "isPaymentHoliday": False,
            "principal": part("principal"),
            "interest": part("interest"),
            "fee": part("fee"),
            "penalty": part("penalty"),
        }
        if inst.last_paid_date is not None:
            row["lastPaidDate"] = dt.datetime.combine(inst.last_paid_date, dt.time(), tzinfo=tz).isoformat(
                timespec="seconds"
            )
            if inst.total_outstanding <= ZERO:
                row["repaidDate"] = row["lastPaidDate"]
        rows.append(row)
    return {"installments": rows, "currency": {"code": _currency(fake, loan)}}


def _currency(fake: FakeMambu, loan: Record) -> str:
    product = fake.store["loanproducts"].get(str(loan.get("productTypeKey") or ""))
    code = ((product or {}).get("currency") or {}).get("code")
    return code if isinstance(code, str) else "EUR"


def age(fake: FakeMambu) -> None:
    """Re-settle every active loan for the clock's date (arrears, due amounts): the end-of-day appraisal,
    stamped at the start of the day."""
    start = dt.datetime.combine(fake.clock.today(), dt.time(), tzinfo=fake.clock.timezone)
    for loan in fake.store["loans"].find(lambda r: r.get("accountState") in LOAN_REPAYABLE):
        settle(fake, loan, appraised=start.isoformat(timespec="seconds"))
