"""Deposit accounts: state changes, deposits, withdrawals, transfers, fees, adjustments, maturity.

Routes (deposit_accounts.json, deposit_transactions.json):

- ``POST /deposits/{id}:changeState`` ``{action: APPROVE|UNDO_APPROVE|LOCK|UNLOCK, notes}`` → 200
- ``POST /deposits/{id}/deposit-transactions`` | ``withdrawal-transactions`` | ``transfer-transactions`` |
  ``fee-transactions`` → 201 ``DepositTransaction``
- ``POST /deposits/transactions/{id}:adjust`` → 200 the adjustment ``DepositTransaction``
- ``POST /deposits/{id}:startMaturity`` ``{maturityDate, notes}`` → 200; ``:undoMaturity`` → 204
- ``POST /deposits/{id}:applyInterest`` ``{interestApplicationDate, notes}`` → 204: books the interest
  earned since the last application (or the activation) up to that date as an ``INTEREST_APPLIED``
  transaction (:func:`interest_earned` says how it is computed)
- ``GET /deposits/{id}/transactions``, ``GET /deposits/transactions/{id}``

Balances move only through transactions: ``totalBalance`` is the sum of the live transactions' signed
amounts (credits positive, debits negative [INFERRED sign convention]), ``availableBalance`` the same
less ``lockedBalance`` and ``holdBalance``; every transaction records ``accountBalances.totalBalance``
after it. The first deposit activates an ``APPROVED`` account (``activationDate``). Withdrawals,
transfers and fees need an active account and enough available funds (plus the overdraft limit when
``overdraftSettings.allowOverdraft``), else ``INSUFFICIENT_BALANCE``. Value dates may not precede the
activation (``BACKDATE_BEFORE_ACTIVATION``) nor lie in the future (``BACKDATE_SET_IN_THE_FUTURE``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing.apierror import bad_request, not_found
from mambu_async.testing.banking import journal
from mambu_async.testing.banking.common import (
    account_transactions,
    amount_of,
    banking,
    common_fields,
    date_of,
    value_date,
)
from mambu_async.testing.banking.schedule import ZERO, money, to_decimal
from mambu_async.testing.banking.states import (
    DEPOSIT_ACTIVE,
    DEPOSIT_TRANSACTABLE,
    next_deposit_state,
)
from mambu_async.testing.messages import FakeRequest, FakeResponse, json_response, no_content
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

TX = "deposittransactions"
_ADJUSTMENT_TYPES = {
    "DEPOSIT": "ADJUSTMENT",
    "WITHDRAWAL": "WITHDRAWAL_ADJUSTMENT",
    "TRANSFER": "TRANSFER_ADJUSTMENT",
    "FEE_APPLIED": "FEE_ADJUSTED",
    "INTEREST_APPLIED": "INTEREST_APPLIED_ADJUSTMENT",
}
#: Days one rate applies to, per ``interestChargeFrequency`` (``EVERY_X_DAYS``: the frequency count).
_FREQUENCY_DAYS = {
    "ANNUALIZED": Decimal(365),
    "EVERY_MONTH": Decimal(365) / Decimal(12),
    "EVERY_FOUR_WEEKS": Decimal(28),
    "EVERY_WEEK": Decimal(7),
    "EVERY_DAY": Decimal(1),
}
_OWNER_KEYS = {"assignedBranchKey": "branchKey", "assignedCentreKey": "centreKey"}


def _require(fake: FakeMambu, ref: str) -> Record:
    return dict(fake.require("deposits", ref))


def _balance(deposit: Record, name: str) -> Decimal:
    return to_decimal((deposit.get("balances") or {}).get(name))


def _available(deposit: Record) -> Decimal:
    """What may be withdrawn: the balance less locked and held funds, plus an allowed overdraft."""
    overdraft = deposit.get("overdraftSettings") or {}
    limit = to_decimal(overdraft.get("overdraftLimit")) if overdraft.get("allowOverdraft") else ZERO
    return (
        _balance(deposit, "totalBalance")
        - _balance(deposit, "lockedBalance")
        - _balance(deposit, "holdBalance")
        + limit
    )


def _post(
    fake: FakeMambu,
    deposit: Record,
    tx_type: str,
    signed: Decimal,
    when: str,
    body: dict[str, Any],
    **extra: Any,
) -> Record:
    """Book a transaction of ``signed`` amount and store the account's new balances."""
    total = _balance(deposit, "totalBalance") + signed
    balances = dict(deposit.get("balances") or {})
    balances["totalBalance"] = total
    balances["overdraftAmount"] = -total if total < ZERO else ZERO
    available = total - _balance(deposit, "lockedBalance") - _balance(deposit, "holdBalance")
    balances["availableBalance"] = max(available, ZERO)
    key = fake.new_key()
    record: Record = {
        "encodedKey": key,
        "id": str(fake.new_int_id(TX)),
        "parentAccountKey": deposit["encodedKey"],
        "type": tx_type,
        "amount": signed,
        "valueDate": when,
        "bookingDate": body.get("bookingDate") or when,
        "creationDate": fake.clock.iso(),
        "currencyCode": deposit.get("currencyCode") or "EUR",
        "affectedAmounts": {
            "fundsAmount": ZERO if tx_type.startswith(("FEE_APPLIED", "INTEREST_APPLIED")) else abs(signed),
            "interestAmount": abs(signed) if tx_type.startswith("INTEREST_APPLIED") else ZERO,
            "feesAmount": abs(signed) if tx_type == "FEE_APPLIED" else ZERO,
            "overdraftAmount": ZERO,
            "overdraftInterestAmount": ZERO,
            "overdraftFeesAmount": ZERO,
            "technicalOverdraftAmount": ZERO,
            "technicalOverdraftInterestAmount": ZERO,
            "fractionAmount": ZERO,
        },
        "accountBalances": {"totalBalance": total},
        **common_fields(body),
        **extra,
    }
    for source, target in _OWNER_KEYS.items():
        if deposit.get(source):
            record[target] = deposit[source]
    fake.store[TX].put(record)
    banking(fake).deposit_transactions.setdefault(deposit["encodedKey"], []).append(key)
    journal.queue(fake, TX, key)
    deposit.update(balances=balances, lastModifiedDate=fake.clock.iso())
    fake.store["deposits"].put(deposit)
    return record


def _dated(fake: FakeMambu, deposit: Record, body: dict[str, Any]) -> tuple[dt.date, str]:
    on, when = value_date(fake, body)
    if on > fake.clock.today():
        raise bad_request("BACKDATE_SET_IN_THE_FUTURE", "The value date cannot be in the future")
    since = date_of(fake, deposit.get("activationDate") or deposit.get("approvedDate"))
    if since is not None and on < since:
        raise bad_request("BACKDATE_BEFORE_ACTIVATION", "The value date is before the account's activation")
    return on, when


def _positive(body: dict[str, Any], reason: str) -> Decimal:
    amount = amount_of(body)
    assert amount is not None
    if amount <= ZERO:
        raise bad_request(reason, "The amount must be positive")
    return amount


def _check_active(deposit: Record, what: str) -> None:
    state = deposit.get("accountState")
    if state not in DEPOSIT_ACTIVE:
        raise bad_request(
            "INVALID_DEPOSIT_ACCOUNT_STATE", f"Cannot make a {what} on a deposit account in state {state}"
        )


def _check_funds(deposit: Record, amount: Decimal) -> None:
    if amount > _available(deposit):
        raise bad_request(
            "INSUFFICIENT_BALANCE", f"The available balance {_available(deposit)} is less than {amount}"
        )


def change_state(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}:changeState``."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object()
    action = body.get("action")
    if not isinstance(action, str):
        raise bad_request("INVALID_PARAMETERS", "Property action may not be null")
    previous = (
        "MATURED" if deposit.get("maturityDate") and action == "UNLOCK" and _matured(fake, deposit) else None
    )
    state = next_deposit_state(deposit, action, previous)
    now = fake.clock.iso()
    if action == "APPROVE":
        deposit["approvedDate"] = now
    elif action == "UNDO_APPROVE":
        deposit.pop("approvedDate", None)
    elif action == "LOCK":
        deposit["lockedDate"] = now
    elif action == "UNLOCK":
        deposit.pop("lockedDate", None)
    deposit.update(accountState=state, lastModifiedDate=now)
    if notes := body.get("notes"):
        deposit["notes"] = notes
    fake.store["deposits"].put(deposit)
    return json_response(200, fake.get("deposits", deposit["encodedKey"]))


def make_deposit(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}/deposit-transactions``."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object()
    state = deposit.get("accountState")
    if state not in DEPOSIT_TRANSACTABLE:
        raise bad_request("INVALID_DEPOSIT_ACCOUNT_STATE", f"Cannot deposit into an account in state {state}")
    amount = _positive(body, "INVALID_DEPOSIT_AMOUNT")
    _, when = _dated(fake, deposit, body)
    if state == "APPROVED":
        deposit.update(accountState="ACTIVE", activationDate=when)
    return json_response(201, _post(fake, deposit, "DEPOSIT", amount, when, body))


def make_withdrawal(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}/withdrawal-transactions``."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object()
    _check_active(deposit, "withdrawal")
    amount = _positive(body, "INVALID_AMOUNT")
    _, when = _dated(fake, deposit, body)
    _check_funds(deposit, amount)
    return json_response(201, _post(fake, deposit, "WITHDRAWAL", -amount, when, body))


def make_transfer(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}/transfer-transactions``: to another deposit account or onto a loan."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object()
    _check_active(deposit, "transfer")
    amount = _positive(body, "TRANSFER_AMOUNT_IS_NOT_POSITIVE")
    details = body.get("transferDetails")
    if not isinstance(details, dict) or details.get("linkedAccountType") not in ("DEPOSIT", "LOAN"):
        raise bad_request("INVALID_PARAMETERS", "transferDetails.linkedAccountType must be DEPOSIT or LOAN")
    target_ref = details.get("linkedAccountKey") or details.get("linkedAccountId")
    if not isinstance(target_ref, str):
        raise bad_request("INVALID_PARAMETERS", "transferDetails needs linkedAccountId or linkedAccountKey")
    on, when = _dated(fake, deposit, body)
    _check_funds(deposit, amount)
    if details["linkedAccountType"] == "DEPOSIT":
        target = _require(fake, target_ref)
        if target["encodedKey"] == deposit["encodedKey"]:
            raise bad_request("INVALID_PARAMETERS", "Cannot transfer to the same account")
        if target.get("accountState") not in DEPOSIT_TRANSACTABLE:
            raise bad_request(
                "INVALID_TARGET_ACCOUNT_STATE_FOR_DEPOSIT", "The target account takes no deposits"
            )
        if target.get("accountState") == "APPROVED":
            target.update(accountState="ACTIVE", activationDate=when)
        credit = _post(
            fake, target, "TRANSFER", amount, when, {k: v for k, v in body.items() if k != "externalId"}
        )
        debit = _post(
            fake,
            deposit,
            "TRANSFER",
            -amount,
            when,
            body,
            transferDetails={"linkedDepositTransactionKey": credit["encodedKey"]},
        )
        fake.store[TX].put(
            {**credit, "transferDetails": {"linkedDepositTransactionKey": debit["encodedKey"]}}
        )
        return json_response(201, debit)
    from mambu_async.testing.banking import loans

    loan = dict(fake.require("loans", target_ref))
    loans.check_repayable(loan)
    repayment = loans.repay_internal(
        fake, loan, amount, on, when, {"notes": body.get("notes")} if body.get("notes") else {}
    )
    debit = _post(
        fake,
        deposit,
        "TRANSFER",
        -amount,
        when,
        body,
        transferDetails={"linkedLoanTransactionKey": repayment["encodedKey"]},
    )
    return json_response(201, debit)


def apply_fee(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}/fee-transactions``: ``amount`` or a product fee's ``predefinedFeeKey``."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object() if request.body else {}
    _check_active(deposit, "fee")
    amount = amount_of(body, required=False)
    if amount is None:
        amount = _predefined_fee(fake, deposit, body.get("predefinedFeeKey"))
    if amount <= ZERO:
        raise bad_request("FEE_AMOUNT_MUST_BE_STRICTLY_POSITIVE", "The fee amount must be positive")
    _check_funds(deposit, amount)
    extra = (
        {"fees": [{"amount": amount, "predefinedFeeKey": body["predefinedFeeKey"]}]}
        if body.get("predefinedFeeKey")
        else {}
    )
    return json_response(201, _post(fake, deposit, "FEE_APPLIED", -amount, fake.clock.iso(), body, **extra))


def _predefined_fee(fake: FakeMambu, deposit: Record, key: Any) -> Decimal:
    if not isinstance(key, str):
        raise bad_request("INVALID_PARAMETERS", "A fee needs an amount or a predefinedFeeKey")
    product = fake.store["depositproducts"].get(str(deposit.get("productTypeKey") or "")) or {}
    for fee in (product.get("feesSettings") or {}).get("fees") or []:
        if isinstance(fee, dict) and key in (fee.get("encodedKey"), fee.get("id")):
            return to_decimal(fee.get("amount"))
    raise bad_request("INVALID_PARAMETERS", f"The product has no fee {key!r}")


def adjust(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/transactions/{id}:adjust``: book the reverse, mark the original adjusted."""
    ref = request.path_params["id"]
    original = fake.store[TX].get(ref)
    if original is None:
        raise not_found("INVALID_TRANSACTION_ID", f"Deposit transaction {ref!r} was not found")
    body = request.json_object() if request.body else {}
    if original.get("adjustmentTransactionKey"):
        raise bad_request(
            "TRANSACTION_ALREADY_ADJUSTED", f"Transaction {original['id']} was already adjusted"
        )
    adjustment_type = _ADJUSTMENT_TYPES.get(original["type"])
    if adjustment_type is None:
        raise bad_request(
            "TRANSACTION_TYPE_DOES_NOT_ALLOW_ADJUSTMENT", f"{original['type']} cannot be adjusted"
        )
    deposit = _require(fake, original["parentAccountKey"])
    reverse = -to_decimal(original["amount"])
    if reverse < ZERO and -reverse > _balance(deposit, "totalBalance") + (
        _available(deposit) - _balance(deposit, "totalBalance")
    ):
        raise bad_request(
            "BALANCE_BELOW_ZERO", "Reversing this transaction would leave the balance below zero"
        )
    when = fake.clock.iso()
    adjustment = _post(
        fake, deposit, adjustment_type, reverse, when, body, originalTransactionKey=original["encodedKey"]
    )
    fake.store[TX].put({**original, "adjustmentTransactionKey": adjustment["encodedKey"]})
    linked = (original.get("transferDetails") or {}).get("linkedDepositTransactionKey")
    other = fake.store[TX].get(linked) if linked else None
    if other is not None and not other.get("adjustmentTransactionKey"):
        other_account = _require(fake, other["parentAccountKey"])
        counter = _post(
            fake,
            other_account,
            "TRANSFER_ADJUSTMENT",
            -to_decimal(other["amount"]),
            when,
            body,
            originalTransactionKey=other["encodedKey"],
        )
        fake.store[TX].put({**other, "adjustmentTransactionKey": counter["encodedKey"]})
    loan_tx = (original.get("transferDetails") or {}).get("linkedLoanTransactionKey")
    if loan_tx:
        from mambu_async.testing.banking import loans

        loans.adjust_internal(fake, loan_tx, body)
    return json_response(200, fake.store[TX].get(adjustment["encodedKey"]))


def _matured(fake: FakeMambu, deposit: Record) -> bool:
    maturity = date_of(fake, deposit.get("maturityDate"))
    return maturity is not None and maturity <= fake.clock.today()


def start_maturity(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}:startMaturity``: set the maturity date; MATURED once it is reached."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object() if request.body else {}
    if deposit.get("maturityDate"):
        raise bad_request("MATURITY_PERIOD_ALREADY_STARTED", "The maturity period has already started")
    if deposit.get("accountState") not in ("ACTIVE", "ACTIVE_IN_ARREARS"):
        raise bad_request(
            "INVALID_DEPOSIT_ACCOUNT_STATE", f"Cannot start maturity in state {deposit.get('accountState')}"
        )
    raw = body.get("maturityDate")
    if not isinstance(raw, str) or date_of(fake, raw) is None:
        raise bad_request("INVALID_DATE", "maturityDate must be a date (YYYY-MM-DD)")
    day = date_of(fake, raw)
    assert day is not None
    if day < fake.clock.today():
        raise bad_request("INVALID_DATE", "maturityDate cannot be in the past")
    tz = fake.clock.now().tzinfo
    deposit["maturityDate"] = dt.datetime.combine(day, dt.time(), tzinfo=tz).isoformat(timespec="seconds")
    if notes := body.get("notes"):
        deposit["notes"] = notes
    deposit["lastModifiedDate"] = fake.clock.iso()
    if _matured(fake, deposit):
        deposit["accountState"] = "MATURED"
    fake.store["deposits"].put(deposit)
    return json_response(200, fake.get("deposits", deposit["encodedKey"]))


def undo_maturity(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}:undoMaturity``: clear the maturity date, back to ACTIVE; 204."""
    deposit = _require(fake, request.path_params["id"])
    if not deposit.get("maturityDate"):
        raise bad_request("INVALID_DEPOSIT_ACCOUNT_STATE", "The account has no maturity period to undo")
    deposit.pop("maturityDate")
    if deposit.get("accountState") == "MATURED":
        deposit["accountState"] = "ACTIVE"
    deposit["lastModifiedDate"] = fake.clock.iso()
    fake.store["deposits"].put(deposit)
    return no_content()


def interest_earned(fake: FakeMambu, deposit: Record, start: dt.date, end: dt.date) -> Decimal:
    """Interest of the days ``start`` ≤ day < ``end``, on each day's closing balance, in cents.

    The account's ``interestSettings.interestRateSettings`` give the rate (a percentage) and
    ``interestChargeFrequency`` (per year by default, a year of 365 days [INFERRED day count]); with
    ``interestRateTerms`` ``TIERED`` the rate of the first tier whose ``endingBalance`` holds the day's
    balance applies. Without a rate on the account the product's default rate is used. A negative
    (overdraft) balance earns nothing here.
    """
    settings = (deposit.get("interestSettings") or {}).get("interestRateSettings") or {}
    product = fake.store["depositproducts"].get(str(deposit.get("productTypeKey") or "")) or {}
    product_rates = (product.get("interestSettings") or {}).get("interestRateSettings") or {}
    rate = settings.get("interestRate")
    if rate is None:
        rate = (product_rates.get("interestRate") or {}).get("defaultValue")
    frequency = settings.get("interestChargeFrequency") or product_rates.get("interestChargeFrequency")
    days = _FREQUENCY_DAYS.get(str(frequency), Decimal(365))
    if frequency == "EVERY_X_DAYS":
        days = Decimal(int(settings.get("interestChargeFrequencyCount") or 1))
    tiers = settings.get("interestRateTiers") if settings.get("interestRateTerms") == "TIERED" else None
    moves: dict[dt.date, Decimal] = {}
    for tx in account_transactions(fake, TX, banking(fake).deposit_transactions, deposit["encodedKey"]):
        day = date_of(fake, tx.get("valueDate")) or start
        moves[day] = moves.get(day, ZERO) + to_decimal(tx.get("amount"))
    balance = sum((amount for day, amount in moves.items() if day < start), ZERO)
    total = ZERO
    day = start
    while day < end:
        balance += moves.get(day, ZERO)
        day_rate = to_decimal(rate)
        for tier in tiers or ():
            if balance <= to_decimal(tier.get("endingBalance"), balance):
                day_rate = to_decimal(tier.get("interestRate"))
                break
        if balance > ZERO:
            total += balance * day_rate / Decimal(100) / days
        day += dt.timedelta(days=1)
    return money(total)


def apply_interest(fake: FakeMambu, request: FakeRequest) -> FakeResponse:
    """``POST /deposits/{id}:applyInterest`` ``{interestApplicationDate, notes}``: 204."""
    deposit = _require(fake, request.path_params["id"])
    body = request.json_object()
    if body.get("interestApplicationDate") is None:
        raise bad_request("INVALID_PARAMETERS", "Property interestApplicationDate may not be null")
    on, when = value_date(fake, body, "interestApplicationDate")
    if deposit.get("accountState") not in ("ACTIVE", "ACTIVE_IN_ARREARS", "MATURED"):
        raise bad_request(
            "INVALID_DEPOSIT_ACCOUNT_STATE",
            f"Cannot apply interest to a deposit account in state {deposit.get('accountState')}",
        )
    if on > fake.clock.today():
        raise bad_request(
            "BACKDATE_SET_IN_THE_FUTURE", "The interest application date cannot be in the future"
        )
    since = date_of(fake, deposit.get("lastInterestStoredDate") or deposit.get("activationDate"))
    if since is None or on <= since:
        raise bad_request("INVALID_DATE", "Interest is already applied up to that date")
    interest = interest_earned(fake, deposit, since, on)
    if interest <= ZERO:
        raise bad_request("INTEREST_APPLIED_WITH_NULL_AMOUNT", "No interest was earned in the period")
    notes = {"notes": body["notes"]} if body.get("notes") else {}
    deposit.update(lastInterestStoredDate=when, lastInterestCalculationDate=when)
    deposit["accruedAmounts"] = {**(deposit.get("accruedAmounts") or {}), "interestAccrued": ZERO}
    _post(fake, deposit, "INTEREST_APPLIED", interest, when, notes)
    return no_content()


def age(fake: FakeMambu) -> None:
    """Mature the accounts whose maturity date the clock has reached."""
    for deposit in fake.store["deposits"].find(
        lambda r: r.get("accountState") == "ACTIVE" and bool(r.get("maturityDate"))
    ):
        if _matured(fake, deposit):
            fake.store["deposits"].put(
                {**deposit, "accountState": "MATURED", "lastModifiedDate": fake.clock.iso()}
            )
