"""How the fake reads each search field Mambu documents for ``POST /loans:search``, ``/deposits:search``
and ``/loans/transactions:search`` from its records.

The names themselves are :mod:`mambu_async.search_fields`, shared with the entities' client-side
checks. A field typed by the entity's OpenAPI definition needs nothing here; the others (derived values,
names that differ from the property, properties the definitions lack) get a :class:`Field` below, typed
so that Mambu's operators for the type apply (``AFTER`` on a date, ``MORE_THAN`` on an amount...).
[INFERRED] derived values: ``accountHolderId`` and ``clientId``/``groupId`` are the holder's id,
``numInstallments`` the schedule's ``repaymentInstallments``, ``totalPaid``/``totalBalance``/``totalDue``
the sums of the principal, interest, fee and penalty balances, ``lastPaymentDate``/``lastPaymentAmount``
the latest repayment's, ``wasRescheduled``/``wasRefinanced`` the sub-state, ``hasSettlementAccount``
whether ``settlementAccountKey`` is set; a value the fake does not model reads as absent (it matches
``EMPTY``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mambu_async.testing.banking.common import banking
from mambu_async.testing.kinds import Field
from mambu_async.testing.store import Record

if TYPE_CHECKING:
    from mambu_async.testing.backend import FakeMambu

__all__ = [
    "deposit_fields",
    "loan_fields",
    "loan_transaction_fields",
]

_PARTS = ("principal", "interest", "fees", "penalty")


def _typed(kind: str, *paths: str) -> dict[str, Field]:
    return {path: Field.at(path, kind) for path in paths}


def _holder_id(fake: FakeMambu, holder_type: str | None = None) -> Callable[[Record], Any]:
    def read(account: Record) -> Any:
        if holder_type is not None and account.get("accountHolderType") != holder_type:
            return None
        key = str(account.get("accountHolderKey") or "")
        holder = fake.store["clients"].get(key) or fake.store["groups"].get(key)
        return holder.get("id") if holder is not None else None

    return read


def _holder_name(fake: FakeMambu) -> Callable[[Record], Any]:
    def read(account: Record) -> Any:
        key = str(account.get("accountHolderKey") or "")
        group = fake.store["groups"].get(key)
        if group is not None:
            return group.get("groupName")
        client = fake.store["clients"].get(key)
        if client is None:
            return None
        return " ".join(str(client[k]) for k in ("firstName", "middleName", "lastName") if client.get(k))

    return read


def _sum_of(part: str) -> Callable[[Record], Decimal]:
    def read(loan: Record) -> Decimal:
        balances = loan.get("balances") or {}
        return sum((Decimal(balances.get(f"{name}{part}") or 0) for name in _PARTS), Decimal(0))

    return read


def _last_repayment(fake: FakeMambu, name: str) -> Callable[[Record], Any]:
    def read(loan: Record) -> Any:
        store = fake.store["loantransactions"]
        for key in reversed(banking(fake).loan_transactions.get(loan["encodedKey"], ())):
            tx = store.get(key)
            if tx is not None and tx.get("type") == "REPAYMENT" and not tx.get("adjustmentTransactionKey"):
                return tx.get(name)
        return None

    return read


def loan_fields(fake: FakeMambu) -> dict[str, Field]:
    """The loan search fields the LoanAccount definition does not type by itself."""
    maturity = Field.at("expectedMaturityDate", "datetime")
    return {
        "accountHolderId": Field(_holder_id(fake), "string"),
        "numInstallments": Field.at("scheduleSettings.repaymentInstallments", "integer"),
        "balance.interestBalance": Field.at("balances.interestBalance", "number"),
        "totalPaid": Field(_sum_of("Paid"), "number"),
        "totalBalance": Field(_sum_of("Balance"), "number"),
        "totalDue": Field(_sum_of("Due"), "number"),
        "firstRepaymentDate": Field.at("disbursementDetails.firstRepaymentDate", "datetime"),
        "lastPaymentDate": Field(_last_repayment(fake, "valueDate"), "datetime"),
        "lastPaymentAmount": Field(_last_repayment(fake, "amount"), "number"),
        "expectedMaturityDate": maturity,
        "expectedMaturity": maturity,
        "numberOfFunds": Field(lambda r: len(r.get("fundingSources") or ()), "integer"),
        "fundsEnabled": Field(lambda r: bool(r.get("fundingSources")), "boolean"),
        "wasRescheduled": Field(lambda r: r.get("accountSubState") == "RESCHEDULED", "boolean"),
        "wasRefinanced": Field(lambda r: r.get("accountSubState") == "REFINANCED", "boolean"),
        "hasSettlementAccount": Field(lambda r: bool(r.get("settlementAccountKey")), "boolean"),
        **_typed("number", "taxPaid", "taxDue", "availableAmount", "expectedPrincipalRedraw"),
        **_typed("key", "loanRiskLevelKey", "tranches.parentAccountKey"),
        **_typed("string", "recipient", "refinancedAccountId"),
    }


def deposit_fields(fake: FakeMambu) -> dict[str, Field]:
    """The deposit search fields the DepositAccount definition does not type by itself."""
    tiers = ("currentInterestTier", "currentOverdraftInterestTier")
    return {
        "clientId": Field(_holder_id(fake, "CLIENT"), "string"),
        "groupId": Field(_holder_id(fake, "GROUP"), "string"),
        "accountHolderName": Field(_holder_name(fake), "string"),
        "interestSettings.interestRate": Field.at(
            "interestSettings.interestRateSettings.interestRate", "number"
        ),
        **_typed("number", "maxBalance", "balances.blockedBalance", "overdraftAvailableLimit", "taxRate"),
        **_typed(
            "number",
            *(f"{t}.{p}" for t in tiers for p in ("endingBalance", "interestRate", "startingBalance")),
        ),
        **_typed("integer", "lengthInDays", "overdraftDaysInArrears", *(f"{t}.index" for t in tiers)),
        **_typed("boolean", "overdraftInArrears", "taxApplied"),
        **_typed("key", "overdraftRiskLevelKey"),
        **_typed("string", "productCategory"),
    }


def loan_transaction_fields(fake: FakeMambu) -> dict[str, Field]:
    """The loan transaction search fields the inline LoanTransaction definition does not type."""

    def holder_key(tx: Record) -> Any:
        loan = fake.store["loans"].get(str(tx.get("parentAccountKey") or ""))
        return loan.get("accountHolderKey") if loan is not None else None

    balances = (
        "totalBalance",
        "advancePosition",
        "arrearsPosition",
        "expectedPrincipalRedraw",
        "redrawBalance",
    )
    amounts = (
        "principalAmount",
        "interestAmount",
        "fundersInterestAmount",
        "organizationCommissionAmount",
        "deferredInterestAmount",
        "feesAmount",
        "penaltyAmount",
    )
    return {
        "parentAccountHolderKey": Field(holder_key, "key"),
        **_typed("number", "originalAmount", "taxes.taxRate", "terms.interestSettings.interestRate"),
        **_typed("number", *(f"affectedAmounts.{a}" for a in amounts)),
        **_typed("number", *(f"accountBalances.{b}" for b in (*balances, "principalBalance"))),
        **_typed("string", "originalCurrencyCode", "transactionDetails.transactionChannelId"),
    }
