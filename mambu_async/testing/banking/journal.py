"""The GL journal entries Mambu posts for the transactions of products with accounting.

Not in the seeds nor the OpenAPI files: the rules follow Mambu's accounting documentation for loan and
deposit products [INFERRED: the documented debit/credit of each transaction type, reduced to the
resources below]. A product whose ``accountingSettings.accountingMethod`` is ``CASH`` or ``ACCRUAL`` maps
financial resources to GL accounts (``accountingRules``: ``financialResource`` → ``glAccountKey``); each
transaction posted on one of its accounts books balanced entries, on the transaction's booking date,
with the transaction's id as ``transactionId`` and the account, product and branch keys:

=====================  ===================================  =============================================
transaction            debit                                credit
=====================  ===================================  =============================================
DISBURSEMENT           PORTFOLIO_CONTROL                    FUND_SOURCE
REPAYMENT              FUND_SOURCE (the whole amount)       PORTFOLIO_CONTROL (principal), INTEREST_INCOME,
                                                            FEE_INCOME, PENALTY_INCOME (under ACCRUAL the
                                                            INTEREST/FEE/PENALTY_RECEIVABLE accounts)
FEE_APPLIED (loan)     FEE_RECEIVABLE (ACCRUAL only)        FEE_INCOME
WRITE_OFF              WRITE_OFF_EXPENSE                    PORTFOLIO_CONTROL (the principal written off)
DEPOSIT                DEPOSIT_REFERENCE                    SAVINGS_CONTROL
WITHDRAWAL             SAVINGS_CONTROL                      DEPOSIT_REFERENCE
FEE_APPLIED (deposit)  SAVINGS_CONTROL                      FEE_INCOME
INTEREST_APPLIED       INTEREST_EXPENSE                     SAVINGS_CONTROL
TRANSFER               SAVINGS_CONTROL (account sending)    SAVINGS_CONTROL (account receiving)
=====================  ===================================  =============================================

A transfer from a deposit to a loan books only the loan's repayment [INFERRED: Mambu debits the deposit
product's SAVINGS_CONTROL there; the fake keeps FUND_SOURCE].

A rule naming a ``transactionChannelKey`` replaces the product's rule for that resource on the
transactions of that channel. An adjustment books the entries its original booked with debit and credit
swapped. A resource the product maps to no GL account gets no line (Mambu refuses to save such a
product; the fake does not check). Under CASH a loan fee is income when paid, so applying it books
nothing. Transactions seeded straight into the store (factories, the demo tenant) book nothing: only
what requests post.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing.banking.common import banking
from mambu_async.testing.banking.schedule import ZERO, to_decimal
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = ["ACCOUNTING_METHODS", "post_pending", "queue"]

#: ``accountingMethod`` values that book journal entries.
ACCOUNTING_METHODS = ("CASH", "ACCRUAL")

#: Where each kind of transaction lives: collection → (account collection, product collection, type).
_FAMILIES = {
    "loantransactions": ("loans", "loanproducts", "LOAN"),
    "deposittransactions": ("deposits", "depositproducts", "SAVINGS"),
}

Line = tuple[str, str, Decimal]
"""``(DEBIT|CREDIT, financial resource, amount)``."""


def queue(fake: FakeMambu, collection: str, key: str) -> None:
    """Remember that transaction ``key`` of ``collection`` was posted by the request being answered."""
    banking(fake).unjournaled.append((collection, key))


def post_pending(fake: FakeMambu) -> None:
    """Book the entries of the transactions the request posted, as they stand once it is answered."""
    pending = banking(fake).unjournaled
    while pending:
        collection, key = pending.pop(0)
        tx = fake.store[collection].get(key)
        if tx is not None:
            _book(fake, collection, tx)


def _book(fake: FakeMambu, collection: str, tx: Record) -> None:
    accounts, products, product_type = _FAMILIES[collection]
    account = fake.store[accounts].get(str(tx.get("parentAccountKey"))) or {}
    product = fake.store[products].get(str(account.get("productTypeKey") or "")) or {}
    settings = product.get("accountingSettings") or {}
    method = settings.get("accountingMethod")
    if method not in ACCOUNTING_METHODS:
        return
    channel = (tx.get("transactionDetails") or {}).get("transactionChannelKey")
    rules = [rule for rule in settings.get("accountingRules") or () if isinstance(rule, dict)]
    ledger = {
        r.get("financialResource"): r.get("glAccountKey") for r in rules if not r.get("transactionChannelKey")
    }
    ledger.update(
        (r.get("financialResource"), r.get("glAccountKey"))
        for r in rules
        if channel and r.get("transactionChannelKey") == channel
    )
    original = fake.store[collection].get(str(tx.get("originalTransactionKey") or ""))
    if original is not None:
        postings = _reversal(fake, original, account)
    else:
        postings = [
            (side, fake.store["glaccounts"].get(str(ledger.get(resource) or "")), amount)
            for side, resource, amount in _lines(tx, method)
        ]
    for side, gl, amount in postings:
        if gl is None or amount == ZERO:
            continue
        entry: dict[str, Any] = {
            "glAccount": {"encodedKey": gl["encodedKey"]},
            "type": side,
            "amount": amount,
            "transactionId": str(tx.get("id")),
            "accountKey": account.get("encodedKey"),
            "productKey": product.get("encodedKey"),
            "productType": product_type,
            "bookingDate": tx.get("bookingDate") or fake.clock.iso(),
        }
        if account.get("assignedBranchKey"):
            entry["branchKey"] = account["assignedBranchKey"]
        fake.create("gljournalentries", entry)


def _reversal(fake: FakeMambu, original: Record, account: Record) -> list[tuple[str, Record | None, Decimal]]:
    """The entries booked for ``original`` on ``account``, debit and credit swapped."""
    booked = fake.store["gljournalentries"].find(
        lambda e: (
            e.get("transactionId") == str(original.get("id"))
            and e.get("accountKey") == account.get("encodedKey")
        )
    )
    return [
        (
            "CREDIT" if entry.get("type") == "DEBIT" else "DEBIT",
            fake.store["glaccounts"].get(str((entry.get("glAccount") or {}).get("encodedKey"))),
            to_decimal(entry.get("amount")),
        )
        for entry in booked
    ]


def _lines(tx: Record, method: str) -> list[Line]:
    """The entries ``tx`` books, by financial resource."""
    kind = tx.get("type")
    amount = abs(to_decimal(tx.get("amount")))
    affected = tx.get("affectedAmounts") or {}
    accrual = method == "ACCRUAL"

    def part(name: str) -> Decimal:
        return abs(to_decimal(affected.get(name)))

    if kind == "DISBURSEMENT":
        return [("DEBIT", "PORTFOLIO_CONTROL", amount), ("CREDIT", "FUND_SOURCE", amount)]
    if kind == "REPAYMENT":
        credits: Iterable[tuple[str, Decimal]] = (
            ("PORTFOLIO_CONTROL", part("principalAmount")),
            ("INTEREST_RECEIVABLE" if accrual else "INTEREST_INCOME", part("interestAmount")),
            ("FEE_RECEIVABLE" if accrual else "FEE_INCOME", part("feesAmount")),
            ("PENALTY_RECEIVABLE" if accrual else "PENALTY_INCOME", part("penaltyAmount")),
        )
        return [("DEBIT", "FUND_SOURCE", amount), *(("CREDIT", r, a) for r, a in credits)]
    if kind == "WRITE_OFF":
        written = part("principalAmount")
        return [("DEBIT", "WRITE_OFF_EXPENSE", written), ("CREDIT", "PORTFOLIO_CONTROL", written)]
    if kind == "DEPOSIT":
        return [("DEBIT", "DEPOSIT_REFERENCE", amount), ("CREDIT", "SAVINGS_CONTROL", amount)]
    if kind == "WITHDRAWAL":
        return [("DEBIT", "SAVINGS_CONTROL", amount), ("CREDIT", "DEPOSIT_REFERENCE", amount)]
    if kind == "INTEREST_APPLIED":
        return [("DEBIT", "INTEREST_EXPENSE", amount), ("CREDIT", "SAVINGS_CONTROL", amount)]
    if kind == "TRANSFER" and (tx.get("transferDetails") or {}).get("linkedLoanTransactionKey"):
        return []  # the loan's repayment books the money that came in
    if kind == "TRANSFER":
        return [("DEBIT" if to_decimal(tx.get("amount")) < ZERO else "CREDIT", "SAVINGS_CONTROL", amount)]
    if kind == "FEE_APPLIED" and "fundsAmount" in affected:  # a deposit's fee
        return [("DEBIT", "SAVINGS_CONTROL", amount), ("CREDIT", "FEE_INCOME", amount)]
    if kind == "FEE_APPLIED" and accrual:
        return [("DEBIT", "FEE_RECEIVABLE", amount), ("CREDIT", "FEE_INCOME", amount)]
    return []
